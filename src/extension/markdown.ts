// Markdown for hovers and tooltips (vscode.MarkdownString): record text escaped, ids and paths as code
// spans shown exactly as they are (a backslash escape inside a code span would be shown too).

/**
 * Text with the Markdown punctuation escaped: emphasis, code, links, headings, HTML, and a list marker
 * (`- `, `1. `) at the start of a line. Other dots and hyphens stay as they are (A.6.2.3, kebab-ids).
 */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/[\\`*_{}[\]()#+!|<>]/g, m => '\\' + m)
    .replace(/^([ \t]*)(\d+)\.(?=[ \t]|$)/gm, '$1$2\\.')
    .replace(/^([ \t]*)-(?=[ \t]|$)/gm, '$1\\-');
}

/** `s` as a code span on one line, fenced by more backticks than any run inside it. */
export function codeSpan(s: string): string {
  const text = s.replace(/[\r\n]+/g, ' ');
  const fence = '`'.repeat(Math.max(0, ...(text.match(/`+/g) ?? []).map(r => r.length)) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text === '' ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A description of the record format: its `code` spans stay code spans, the rest is escaped. */
export function descriptionMarkdown(s: string): string {
  return s.split(/(`[^`\n]+`)/).map(p => (p.length > 2 && p.startsWith('`') && p.endsWith('`') ? p : escapeMarkdown(p))).join('');
}
