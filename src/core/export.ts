// Statement of Applicability exports for auditors, from a CoverageReport (coverage.ts): Markdown, CSV
// (RFC 4180) and one self-contained HTML file. Plain functions `(report, options) => string`, no vscode
// import, no file access: the CLI and the extension write the result where they like.
//
// Only our own words appear: control ids and short titles from the catalogue, the organization's SoA
// entries and evidence, and the coverage states. Never the standard's text.
import { getControl } from './catalogue';
import type { CellResult, ControlCoverage, CoverageReport, EvidenceItem, FindingCounts } from './coverage';
import { COVERAGE_STATES, STATE_LABELS, type CoverageState } from './coverage/states';
import { csvField, escapeHtml, markdownText } from './escape';

export { csvField, escapeHtml } from './escape';

export interface SoaExportOptions {
  /** Document title; default "Statement of Applicability". */
  title?: string;
  /** Shown as "Generated on …"; when it starts with a YYYY-MM-DD date, earlier review dates are marked overdue. */
  generatedOn?: string;
}

export interface SoaCsvOptions {
  /** Start with a UTF-8 byte order mark, so that spreadsheet programs read accented names right. Default false. */
  bom?: boolean;
  /** Record separator; RFC 4180 says CRLF (the default). */
  eol?: '\r\n' | '\n';
  /**
   * Prefix cells that start with = + - @ (also after spaces), or with a tab, CR, LF or NUL, with an apostrophe, so that a
   * spreadsheet shows them as text instead of running them as formulas. Default true.
   */
  guardFormulas?: boolean;
}

export const SOA_CSV_HEADER = ['control', 'title', 'group', 'scope', 'applicable', 'state', 'why', 'status', 'owner', 'justification', 'evidence', 'open findings', 'review due'] as const;

export { STATE_LABELS } from './coverage/states';

/** What each state means, in our words (coverage/compute.ts). */
export const STATE_MEANINGS: Record<CoverageState, string> = {
  covered: 'applicable, implemented in an approved statement, and the evidence its profile asks for is present and healthy (approved, current, free of errors) for the organization, every in-scope system or every dataset they use',
  partial: 'applicable, with some of that evidence or implementation, but not all: the reason names what is missing and where',
  missing: 'not in the Statement of Applicability, excluded without an acceptable justification, or nothing exists yet',
  excluded: 'not applicable, with a justification',
};

/** How a matrix cell reads: text and a symbol, never colour alone. */
export const CELL_LABELS: Record<CellResult['state'], { text: string; symbol: string }> = {
  met: { text: 'met', symbol: '✓' },
  gap: { text: 'gap', symbol: '✗' },
  excluded: { text: 'excluded', symbol: '–' },
};

/** One control as every export shows it: plain strings, nothing escaped yet. */
export interface SoaRow {
  control: string;
  title: string;
  group: string;
  groupTitle: string;
  /** organization, system or dataset */
  scope: string;
  /** Subgroup (A.6.1 / A.6.2) where the catalogue has one. */
  subgroup?: string;
  applicable: 'yes' | 'no' | '';
  state: CoverageState;
  reason: string;
  status: string;
  owner: string;
  justification: string;
  evidence: string[];
  openFindings: string;
  reviewDue: string;
  /** Expected for the organization's AI roles. */
  expected: boolean;
}

/** One evidence item in words: "docs/x.md", "https://… (declared, not checked)", "ds-1 (not counted: draft, not approved)". */
export function evidenceText(e: EvidenceItem): string {
  if (e.counts) return e.note ? `${e.value} (${e.note})` : e.value;
  return `${e.value} (not counted: ${e.note ?? 'does not resolve'})`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "none", or "2 errors, 1 warning". */
export function findingsText(f: FindingCounts): string {
  const parts: string[] = [];
  if (f.error) parts.push(plural(f.error, 'error'));
  if (f.warning) parts.push(plural(f.warning, 'warning'));
  if (f.info) parts.push(`${f.info} info`);
  return parts.length ? parts.join(', ') : 'none';
}

/**
 * The findings that name a control, worded so that they never contradict its state: those in its evidence
 * (they count against it) and those elsewhere (they do not). "none" when there are none.
 */
export function controlFindingsText(c: Pick<ControlCoverage, 'findings' | 'otherFindings'>): string {
  const inside = findingsText(c.findings), other = findingsText(c.otherFindings);
  const parts: string[] = [];
  if (inside !== 'none') parts.push(`${inside} in its evidence`);
  if (other !== 'none') parts.push(`${other} elsewhere, not counted`);
  return parts.length ? parts.join('; ') : 'none';
}

export function soaRows(report: CoverageReport): SoaRow[] {
  const groupTitle = new Map(report.groups.map(g => [g.id, g.title]));
  return report.controls.map(c => toRow(c, groupTitle.get(c.group) ?? ''));
}

function toRow(c: ControlCoverage, groupTitle: string): SoaRow {
  const row: SoaRow = {
    control: c.id, title: c.title, group: c.group, groupTitle, scope: c.scope,
    applicable: c.applicable === true ? 'yes' : c.applicable === false ? 'no' : '',
    state: c.state, reason: c.reason, status: c.status ?? '', owner: c.owner ?? '', justification: c.justification ?? '',
    evidence: c.evidence.map(evidenceText), openFindings: controlFindingsText(c), reviewDue: c.reviewDue ?? '', expected: c.expected,
  };
  const sub = getControl(c.id)?.subgroup;
  if (sub) row.subgroup = sub;
  return row;
}

const isoDay = (s: string | undefined): string | undefined => (s && /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : undefined);
const overdue = (due: string, today: string | undefined): boolean => !!today && !!due && due < today;

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180)
// ---------------------------------------------------------------------------------------------

/**
 * Header row plus one row per control (38, then the organization-defined ones), in catalogue order.
 * Evidence items are separated by "; ". The per-system matrix is one column per in-scope system
 * ("system: <id>"): met, excluded, "gap: what is missing", or empty for a control evidenced for the
 * organization as a whole.
 */
export function soaCsv(report: CoverageReport, opts: SoaCsvOptions = {}): string {
  const eol = opts.eol ?? '\r\n';
  const guard = opts.guardFormulas ?? true;
  const lines = [[...SOA_CSV_HEADER, ...report.systems.map(s => `system: ${s.id}`)].map(c => csvField(c, guard)).join(',')];
  const push = (r: SoaRow, group: string): void => {
    const cells = [r.control, r.title, group, r.scope, r.applicable, r.state, r.reason, r.status, r.owner, r.justification, r.evidence.join('; '), r.openFindings, r.reviewDue];
    for (const s of report.systems) {
      const cell = s.controls[r.control];
      cells.push(!cell ? '' : cell.state === 'gap' ? `gap: ${cell.missing.join('; ')}` : cell.state);
    }
    lines.push(cells.map(c => csvField(c, guard)).join(','));
  };
  for (const r of soaRows(report)) push(r, `${r.group} ${r.groupTitle}`.trim());
  for (const c of report.orgControls) push(toRow(c, 'Organization-defined controls'), 'ORG Organization-defined controls');
  return (opts.bom ? '\uFEFF' : '') + lines.join(eol) + eol;
}

// ---------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------

function counts(c: Record<CoverageState, number>, sep: string): string {
  return COVERAGE_STATES.map(s => `${STATE_LABELS[s].toLowerCase()} ${c[s]}`).join(sep);
}

export function soaMarkdown(report: CoverageReport, opts: SoaExportOptions = {}): string {
  const title = opts.title ?? 'Statement of Applicability';
  const today = isoDay(opts.generatedOn);
  const rows = soaRows(report);
  const out: string[] = [`# ${markdownText(title)}`, ''];
  const meta: string[] = [];
  if (opts.generatedOn) meta.push(`Generated on ${markdownText(opts.generatedOn)}`);
  meta.push(report.soaFile ? `from ${markdownText(report.soaFile)}` : 'no Statement of Applicability record was found');
  out.push(meta.join(' ') + '.', '');
  if (report.soaNote) out.push(`**${markdownText(report.soaNote)}**`, '');
  out.push('| State | Controls | Meaning |', '|---|---:|---|');
  for (const s of COVERAGE_STATES) out.push(`| ${STATE_LABELS[s]} | ${report.counts[s]} | ${STATE_MEANINGS[s]} |`);
  out.push(`| **Total** | **${report.total}** | |`, '');
  out.push(`Open findings in the records: ${findingsText(report.findings)}.`, '');
  for (const g of report.groups) {
    out.push(`## ${markdownText(g.id)} ${markdownText(g.title)}`, '', `${plural(g.controls.length, 'control')}: ${counts(g.counts, ', ')}.`, '');
    mdControlTable(out, rows.filter(x => x.group === g.id), today);
  }
  if (report.orgControls.length) {
    out.push('## Organization-defined controls', '', `${plural(report.orgControls.length, 'control')} defined by the organization, outside Annex A.`, '');
    const groupTitle = 'Organization-defined controls';
    mdControlTable(out, report.orgControls.map(c => toRow(c, groupTitle)), today);
  }
  mdMatrix(out, report);
  return out.join('\n');
}

function mdControlTable(out: string[], rows: SoaRow[], today: string | undefined): void {
  out.push('| Control | Title | Applicable | State | Why | Status | Owner | Justification | Evidence | Open findings | Review due |');
  out.push('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const due = r.reviewDue ? markdownText(r.reviewDue) + (overdue(r.reviewDue, today) ? ' (overdue)' : '') : '';
    out.push(`| ${[
      markdownText(r.control), markdownText(r.title), r.applicable || '—', STATE_LABELS[r.state], markdownText(r.reason), markdownText(r.status), markdownText(r.owner),
      markdownText(r.justification), r.evidence.map(x => markdownText(x)).join('<br>'), markdownText(r.openFindings), due,
    ].join(' | ')} |`);
  }
  out.push('');
}

/** One cell of the per-system matrix, with its system (or dataset) and control. */
export interface MatrixRow { subject: string; control: string; cell: CellResult }

/** Every system × matrix-control cell, systems in report order, controls in catalogue order. */
export function matrixRows(report: CoverageReport): MatrixRow[] {
  return report.systems.flatMap(s => report.matrixControls.map(control => ({ subject: s.id, control, cell: s.controls[control] })));
}

/** "✓ met", "✗ gap", "– excluded". */
export function cellText(cell: CellResult): string {
  return `${CELL_LABELS[cell.state].symbol} ${CELL_LABELS[cell.state].text}`;
}

function mdMatrix(out: string[], report: CoverageReport): void {
  out.push('## AI systems × controls', '');
  if (!report.systems.length) { out.push('There is no in-scope AI system (a ModelCard that is not retired).', ''); return; }
  out.push(`Controls evidenced per system (or per dataset a system uses), for ${plural(report.systems.length, 'in-scope system')}: ✓ met, ✗ gap, – excluded.`, '');
  out.push(`| System | ${report.matrixControls.map(x => markdownText(x)).join(' | ')} |`, `|---|${report.matrixControls.map(() => ':---:').join('|')}|`);
  for (const s of report.systems) out.push(`| ${markdownText(s.id)} | ${report.matrixControls.map(c => CELL_LABELS[s.controls[c].state].symbol).join(' | ')} |`);
  out.push('');
  const gaps = matrixRows(report).filter(r => r.cell.state === 'gap');
  if (gaps.length) {
    out.push('Gaps:', '');
    for (const g of gaps) out.push(`- ${markdownText(g.subject)} · ${markdownText(g.control)}: ${markdownText(g.cell.missing.join('; '))}`);
    out.push('');
  }
}

// ---------------------------------------------------------------------------------------------
// HTML: one self-contained file (inline CSS, no scripts, no remote resources)
// ---------------------------------------------------------------------------------------------

const CSS = `
:root { color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --head: #f6f8fa; --track: #eaeef2;
  --covered: #1a7f37; --partial: #9a6700; --missing: #cf222e; --excluded: #6e7781; }
@media (prefers-color-scheme: dark) { :root {
  --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --border: #3d444d; --head: #151b23; --track: #262c36;
  --covered: #3fb950; --partial: #d29922; --missing: #f85149; --excluded: #9198a1; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1400px; padding: 24px; background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.6em; margin: 0 0 4px; } h2 { font-size: 1.2em; margin: 32px 0 6px; }
.meta, .note, .why { color: var(--muted); } .why { display: block; font-size: 0.85em; white-space: normal; min-width: 14em; }
.totals { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; padding: 0; list-style: none; }
.totals li { border: 1px solid var(--border); border-radius: 6px; padding: 8px 14px; min-width: 110px; }
.totals b { display: block; font-size: 1.6em; }
.bar { display: flex; height: 12px; border-radius: 6px; overflow: hidden; background: var(--track); margin: 6px 0; max-width: 640px; }
.bar span { display: block; height: 100%; }
.covered { --c: var(--covered); } .partial { --c: var(--partial); } .missing { --c: var(--missing); } .excluded { --c: var(--excluded); }
.bar span { background: var(--c); }
.dot { display: inline-block; width: 0.7em; height: 0.7em; border-radius: 50%; background: var(--c); margin-right: 4px; }
.legend { margin: 4px 0 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 0.9em; }
table { width: 100%; border-collapse: collapse; margin: 8px 0 0; font-size: 0.92em; }
th, td { border: 1px solid var(--border); padding: 5px 7px; text-align: left; vertical-align: top; }
th { background: var(--head); font-weight: 600; }
td.id { white-space: nowrap; font-weight: 600; } td.state { white-space: nowrap; }
td ul { margin: 0; padding-left: 1.1em; } td.ev { min-width: 15em; } code { font-size: 0.95em; overflow-wrap: anywhere; }
.overdue { color: var(--missing); font-weight: 600; }
dl.states { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0; }
dl.states dt { font-weight: 600; } dl.states dd { margin: 0; }
.soa-note { border-left: 4px solid var(--missing); padding: 6px 10px; font-weight: 600; }
.matrix-wrap { overflow-x: auto; max-width: 100%; }
table.matrix { width: auto; font-size: 0.85em; } table.matrix td.cell { text-align: center; white-space: nowrap; padding: 4px 5px; }
table.matrix th { white-space: nowrap; }
.met { --c: var(--covered); } .gap { --c: var(--missing); }
table.matrix td.cell.met, table.matrix td.cell.gap { color: var(--c); font-weight: 600; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@media print {
  :root { color-scheme: light; --bg: #ffffff; --fg: #000000; --muted: #444444; --border: #999999; --head: #eeeeee; --track: #e5e5e5;
    --covered: #1a7f37; --partial: #9a6700; --missing: #cf222e; --excluded: #6e7781; }
  @page { size: A4 landscape; margin: 12mm; }
  body { max-width: none; padding: 0; font-size: 9pt; }
  h2 { break-after: avoid; } tr { break-inside: avoid; } thead { display: table-header-group; }
}
`.trim();

function bar(c: Record<CoverageState, number>, total: number): string {
  const segs = COVERAGE_STATES.filter(s => c[s] > 0).map(s => {
    const pct = total ? (c[s] / total) * 100 : 0;
    return `<span class="${s}" style="width:${pct.toFixed(2)}%" title="${STATE_LABELS[s]}: ${c[s]}"></span>`;
  }).join('');
  return `<div class="bar" role="img" aria-label="${escapeHtml(counts(c, ', '))}">${segs}</div>`
    + `<ul class="legend">${COVERAGE_STATES.map(s => `<li class="${s}"><span class="dot"></span>${STATE_LABELS[s]} ${c[s]}</li>`).join('')}</ul>`;
}

function evidenceHtml(items: EvidenceItem[]): string {
  if (!items.length) return '';
  return `<ul>${items.map(e => {
    const text = evidenceText(e);
    const tip = [e.kind, e.title, e.file].filter(Boolean).join(' · ');
    const t = tip ? ` title="${escapeHtml(tip)}"` : '';
    if (e.type === 'url' && /^https?:\/\//i.test(e.value)) return `<li><a href="${escapeHtml(e.value)}" rel="noreferrer noopener"${t}>${escapeHtml(text)}</a></li>`;
    return `<li><code${t}>${escapeHtml(text)}</code></li>`;
  }).join('')}</ul>`;
}

export function soaHtml(report: CoverageReport, opts: SoaExportOptions = {}): string {
  const title = opts.title ?? 'Statement of Applicability';
  const today = isoDay(opts.generatedOn);
  const byId = new Map(report.controls.map(c => [c.id, c]));
  const rows = soaRows(report);
  const meta: string[] = [];
  if (opts.generatedOn) meta.push(`Generated on ${escapeHtml(opts.generatedOn)}`);
  meta.push(report.soaFile ? `from <code>${escapeHtml(report.soaFile)}</code>` : 'no Statement of Applicability record was found');
  const h: string[] = [];
  h.push('<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">', '<meta name="color-scheme" content="light dark">',
    `<title>${escapeHtml(title)}</title>`, `<style>\n${CSS}\n</style>`, '</head>', '<body>');
  h.push(`<header><h1>${escapeHtml(title)}</h1><p class="meta">${meta.join(' ')}.</p></header>`);
  if (report.soaNote) h.push(`<p class="soa-note" role="note">${escapeHtml(report.soaNote)}</p>`);
  h.push('<section aria-label="Totals">');
  h.push(`<ul class="totals"><li><b>${report.total}</b>Controls</li>${COVERAGE_STATES.map(s => `<li class="${s}"><b>${report.counts[s]}</b><span class="dot"></span>${STATE_LABELS[s]}</li>`).join('')}</ul>`);
  h.push(bar(report.counts, report.total));
  h.push(`<p class="note">Open findings in the records: ${escapeHtml(findingsText(report.findings))}.</p>`);
  h.push(`<dl class="states">${COVERAGE_STATES.map(s => `<dt class="${s}"><span class="dot"></span>${STATE_LABELS[s]}</dt><dd>${escapeHtml(STATE_MEANINGS[s])}</dd>`).join('')}</dl>`);
  h.push('</section>');
  for (const g of report.groups) {
    const gid = `group-${g.id.replace(/[^A-Za-z0-9]+/g, '-')}`;
    h.push(`<section aria-labelledby="${gid}">`, `<h2 id="${gid}">${escapeHtml(g.id)} ${escapeHtml(g.title)}</h2>`, bar(g.counts, g.controls.length));
    htmlControlTable(h, rows.filter(x => x.group === g.id), byId, today);
    h.push('</section>');
  }
  if (report.orgControls.length) {
    const org = new Map(report.orgControls.map(c => [c.id, c]));
    h.push('<section aria-labelledby="group-ORG">', '<h2 id="group-ORG">Organization-defined controls</h2>');
    htmlControlTable(h, report.orgControls.map(c => toRow(c, 'Organization-defined controls')), org, today);
    h.push('</section>');
  }
  htmlMatrix(h, report);
  h.push('</body>', '</html>', '');
  return h.join('\n');
}

function htmlControlTable(h: string[], rows: SoaRow[], byId: Map<string, ControlCoverage>, today: string | undefined): void {
  h.push('<table>', '<thead><tr><th>Control</th><th>Title</th><th>Applicable</th><th>State</th><th>Status</th><th>Owner</th><th>Justification</th><th>Evidence</th><th>Open findings</th><th>Review due</th></tr></thead>', '<tbody>');
  for (const r of rows) {
    const c = byId.get(r.control)!;
    const late = overdue(r.reviewDue, today);
    const due = r.reviewDue ? `<span${late ? ' class="overdue"' : ''}>${escapeHtml(r.reviewDue)}${late ? ' (overdue)' : ''}</span>` : '';
    h.push(`<tr class="${r.state}"><td class="id">${escapeHtml(r.control)}</td><td>${escapeHtml(r.title)}</td><td>${r.applicable || '—'}</td>`
      + `<td class="state"><span class="dot"></span>${STATE_LABELS[r.state]}<span class="why">${escapeHtml(r.reason)}</span></td>`
      + `<td>${escapeHtml(r.status)}</td><td>${escapeHtml(r.owner)}</td><td>${escapeHtml(r.justification)}</td><td class="ev">${evidenceHtml(c.evidence)}</td>`
      + `<td>${escapeHtml(r.openFindings)}</td><td>${due}</td></tr>`);
  }
  h.push('</tbody>', '</table>');
}

function htmlMatrix(h: string[], report: CoverageReport): void {
  h.push('<section aria-labelledby="matrix">', '<h2 id="matrix">AI systems × controls</h2>');
  if (!report.systems.length) { h.push('<p class="note">There is no in-scope AI system (a ModelCard that is not retired).</p>', '</section>'); return; }
  h.push(`<p class="note">Controls evidenced per system (or per dataset a system uses), for ${plural(report.systems.length, 'in-scope system')}: ✓ met, ✗ gap, – excluded.</p>`);
  h.push('<div class="matrix-wrap">', '<table class="matrix">', `<thead><tr><th scope="col">System</th>${report.matrixControls.map(c => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr></thead>`, '<tbody>');
  for (const s of report.systems) {
    h.push(`<tr><th scope="row" class="id">${escapeHtml(s.id)}</th>${report.matrixControls.map(c => {
      const cell = s.controls[c];
      const tip = cell.missing.length ? ` title="${escapeHtml(cell.missing.join('; '))}"` : '';
      return `<td class="cell ${cell.state}"${tip}>${escapeHtml(cellText(cell))}</td>`;
    }).join('')}</tr>`);
  }
  h.push('</tbody>', '</table>', '</div>');
  const gaps = matrixRows(report).filter(r => r.cell.state === 'gap');
  if (gaps.length) h.push(`<ul>${gaps.map(g => `<li><code>${escapeHtml(g.subject)}</code> · ${escapeHtml(g.control)}: ${escapeHtml(g.cell.missing.join('; '))}</li>`).join('')}</ul>`);
  h.push('</section>');
}

// ---------------------------------------------------------------------------------------------
// One entry point for "export the SoA to a file" (the extension's command and the coverage panel)
// ---------------------------------------------------------------------------------------------

export type SoaFormat = 'markdown' | 'csv' | 'html';
export const SOA_FORMATS: readonly SoaFormat[] = ['markdown', 'csv', 'html'];
export const SOA_FILE_EXTENSIONS: Record<SoaFormat, string> = { markdown: 'md', csv: 'csv', html: 'html' };

export interface SoaFileOptions {
  /** Name of the workspace folder (the CLI uses the base name of --root). */
  rootName: string;
  /** YYYY-MM-DD, shown as "Generated on …" in Markdown and HTML. */
  today: string;
}

/**
 * The title of an exported Statement of Applicability: the `title:` of the SoA in force (e.g. "Statement
 * of Applicability, Northwind Lending AIMS"), else "Statement of Applicability — <folder>".
 */
export function soaExportTitle(report: CoverageReport, rootName: string): string {
  return report.soaTitle || `Statement of Applicability — ${rootName}`;
}

/**
 * The Statement of Applicability as a file of `format`, with the options `aims coverage --format csv|html
 * --output FILE` uses: CSV with a byte order mark, HTML (and Markdown) titled by soaExportTitle and
 * generated today.
 */
export function soaFileText(report: CoverageReport, format: SoaFormat, opts: SoaFileOptions): string {
  if (format === 'csv') return soaCsv(report, { bom: true });
  const o: SoaExportOptions = { title: soaExportTitle(report, opts.rootName), generatedOn: opts.today };
  return format === 'html' ? soaHtml(report, o) : soaMarkdown(report, o);
}
