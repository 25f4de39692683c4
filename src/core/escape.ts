// The one escaping module: every output that shows text from a record, a file name or a config
// (all untrusted: a record arrives in a pull request from anyone) escapes it here, for its medium.
//
// - terminal / CI log (stylish, github, coverage table): one line, no control characters, no escape
//   sequences, no bidirectional overrides; nothing can start a new line (`::error`, `::add-mask::`,
//   `::stop-commands::` in a GitHub Actions log need a line of their own).
// - Markdown (lint and coverage reports, pull-request comments, VS Code hovers): no raw HTML, no
//   links, images or autolinks made from values, no broken tables (src/extension/markdown.ts wraps it for hovers).
// - HTML (the SoA export, webview attributes): the five special characters.
// - CSV: RFC 4180 quoting, and cells a spreadsheet would run as a formula are made text.
// No vscode import: the CLI, the extension and the exports share it.

/**
 * Characters that must never reach a terminal or log raw: C0 controls (tab included), DEL, C1
 * controls, the line and paragraph separators, bidirectional embeddings, overrides and isolates
 * (Trojan Source), zero-width joiners aside, and the byte order mark.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

/** `\n`, `\r`, `\t`, `\e`, or `\u{hex}`: a visible, inert spelling of an unsafe character. */
function visible(c: string): string {
  return NAMED[c] ?? `\\u{${c.codePointAt(0)!.toString(16)}}`;
}

/**
 * Text for a terminal or a CI log line: every unsafe character (see UNSAFE) shown as an inert escape
 * (`\n`, `\e`, `\u{202e}`), so a value can neither start a line nor move the cursor, change colours,
 * set the window title or reorder what is shown.
 */
export function terminalText(s: string): string {
  return s.replace(UNSAFE, visible);
}

/** True when `s` holds a character terminalText would escape. */
export function hasUnsafeChars(s: string): boolean {
  UNSAFE.lastIndex = 0;
  const r = UNSAFE.test(s);
  UNSAFE.lastIndex = 0;
  return r;
}

/** GitHub Actions workflow command data (the message after `::`): one line, `%` `\r` `\n` encoded. */
export function githubData(s: string): string {
  return terminalText(s).replace(/%/g, '%25');
}

/** A GitHub Actions workflow command property (file=…, title=…): githubData plus `:` and `,`. */
export function githubProperty(s: string): string {
  return githubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** HTML text or attribute value (quoted with " or '). */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Markdown text (a table cell, a heading, a sentence, a hover) that renders as the characters of `s`:
 * backslash escapes for what could format (`*` `_` `~` `` ` ``), use HTML (`<` `>` `&`), break a table
 * (`|`), start a link or an image (`[` `]`, so `![x](https://…)` is text), a heading (`#`), a VS
 * Code icon (`$(…)`) or an e-mail autolink (`@`); bare URLs split (`https\://`, `www\.`) so GFM's
 * autolinker does not link them; a list marker or setext underline at the start of a line escaped.
 * Other dots and hyphens stay as they are (A.6.2.3, kebab-ids). Control characters are shown inert
 * (terminalText). One line (line breaks become spaces) unless `multiline`. CommonMark, GFM and VS
 * Code's MarkdownString render `\x` as x for ASCII punctuation x.
 */
export function markdownText(s: string, opts: { multiline?: boolean } = {}): string {
  const lines = opts.multiline ? s.split(/\r\n?|\n/) : [s.replace(/\r\n?|\n/g, ' ')];
  return lines.map(l => terminalText(l)
    .replace(/[\\`*_{}[\]#+!|<>~$@&]/g, '\\$&')
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/^( *)(\d+)\.(?= |$)/, '$1$2\\.')
    .replace(/^( *)([-=])/, '$1\\$2')).join('\n');
}

/**
 * An inline code span holding `s` verbatim (ids, file names, evidence paths): a fence longer than any
 * run of backticks inside, one line, control characters inert. Code spans show no HTML, links or
 * images. In a GFM table cell (`table`), `|` is escaped: GFM unescapes it before parsing code spans
 * (elsewhere the backslash would show).
 */
export function markdownCode(s: string, opts: { table?: boolean } = {}): string {
  let text = terminalText(s.replace(/\r\n?|\n/g, ' '));
  if (opts.table) text = text.replace(/\|/g, '\\|');
  let longest = 0;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  const pad = text === '' || text.startsWith('`') || text.endsWith('`') || /^ .* $/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Whether a CSV cell would be run as a formula by a spreadsheet: it starts with = + - @, or with a
 * tab, carriage return, line feed or NUL (which some programs skip), or with spaces before one of those.
 */
const FORMULA_START = /^[ \t\r\n\0]*[=+\-@]|^[\t\r\n\0]/;

/** One CSV field (RFC 4180): formula-like cells prefixed with an apostrophe; quoted when it holds `"` `,` CR or LF. */
export function csvField(value: string, guardFormulas = true): string {
  let v = value;
  if (guardFormulas && FORMULA_START.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * A short, bounded description of any value for a message: a string quoted as it is (cut at `max`
 * characters), anything else as a YAML-ish summary that never walks more than `max` characters of it.
 * Never JSON.stringify a record value: an alias bomb expands to gigabytes.
 */
export function previewValue(value: unknown, max = 60): string {
  if (typeof value === 'string') return value.length > max ? value.slice(0, max - 1) + '…' : value;
  if (value === null || value === undefined || typeof value !== 'object') return String(value);
  let out = '';
  let budget = max;
  const put = (t: string): boolean => {
    if (budget <= 0) return false;
    const cut = t.length > budget ? t.slice(0, budget) : t;
    out += cut;
    budget -= cut.length;
    return budget > 0;
  };
  const walk = (v: unknown): boolean => {
    if (typeof v === 'string') return put(JSON.stringify(v.length > budget ? v.slice(0, budget) : v));
    if (v === null || typeof v !== 'object') return put(String(v));
    if (Array.isArray(v)) {
      if (!put('[')) return false;
      for (let i = 0; i < v.length; i++) {
        if (i && !put(', ')) return false;
        if (!walk(v[i])) return false;
      }
      return put(']');
    }
    if (!put('{')) return false;
    let i = 0;
    for (const k in v as Record<string, unknown>) {
      if (i++ && !put(', ')) return false;
      if (!put(`${k}: `) || !walk((v as Record<string, unknown>)[k])) return false;
    }
    return put('}');
  };
  walk(value);
  return budget <= 0 ? out.slice(0, max - 1) + '…' : out;
}
