// Markdown for hovers and tooltips (vscode.MarkdownString): record text escaped, ids and paths as code
// spans shown exactly as they are (a backslash escape inside a code span would be shown too). The
// escaping itself is the project's one escaping module, src/core/escape.ts.
import { markdownCode, markdownText } from '../core/escape';

/**
 * Text with the Markdown punctuation escaped: emphasis, code, links, headings, HTML, and a list marker
 * (`- `, `1. `) at the start of a line; line breaks kept. Other dots and hyphens stay (A.6.2.3, kebab-ids).
 */
export function escapeMarkdown(s: string): string {
  return markdownText(s, { multiline: true });
}

/** `s` as a code span on one line, fenced by more backticks than any run inside it. */
export function codeSpan(s: string): string {
  return markdownCode(s);
}

/** A description of the record format: its `code` spans stay code spans, the rest is escaped. */
export function descriptionMarkdown(s: string): string {
  return s.split(/(`[^`\n]+`)/).map(p => (p.length > 2 && p.startsWith('`') && p.endsWith('`') ? p : escapeMarkdown(p))).join('');
}
