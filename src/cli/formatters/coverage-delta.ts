// `aims coverage --compare <ref>`: what a change does to control coverage — the controls whose state
// changed (before → after, with the reason) and the totals — as a terminal table, JSON or Markdown
// (the pull-request job summary of action.yml).
import type { CoverageState } from '../../core/coverage';
import { COVERAGE_STATES } from '../../core/coverage';
import type { ControlChange, CoverageDelta } from '../../core/review';
import { oneLine } from '../../core/text';

/** Text from records for a terminal: no control characters (no escape sequences), one line. */
const plain = (s: string): string => oneLine(s, Infinity);
/** Text from records for a Markdown table cell: no HTML, no cell break, one line. */
const cell = (s: string): string => plain(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').replace(/`/g, '\\`');

const sign = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `${n}` : '±0');
const state = (s: ControlChange['before']): string => s?.state ?? '(none)';

function totals(d: CoverageDelta): { state: CoverageState; before: number; after: number }[] {
  return COVERAGE_STATES.map(s => ({ state: s, before: d.before.counts[s], after: d.after.counts[s] }));
}

/** One line: "covered 20 → 21 (+1) · partial 9 → 8 (-1) · …". */
export function deltaTotalsLine(d: CoverageDelta): string {
  return totals(d).map(t => `${t.state} ${t.before} → ${t.after}${t.after !== t.before ? ` (${sign(t.after - t.before)})` : ''}`).join(' · ');
}

export function deltaTable(d: CoverageDelta, color: boolean): string {
  const c = (code: string, s: string): string => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const out = [c('1', `Coverage compared with ${plain(d.ref)} (${d.commit.slice(0, 12)})`), ''];
  if (!d.changed.length) out.push('No control changed its state.');
  for (const x of d.changed) {
    out.push(`  ${x.id.padEnd(8)} ${state(x.before).padEnd(8)} → ${c('1', state(x.after).padEnd(8))} ${plain(x.title)}`);
    if (x.after) out.push(`           ${c('2', plain(x.after.reason))}`);
  }
  const f = (x: CoverageDelta['after']['findings']): string => `${x.error} errors, ${x.warning} warnings`;
  out.push('', c('1', deltaTotalsLine(d)), `findings in records: ${f(d.before.findings)} → ${f(d.after.findings)}`);
  return out.join('\n') + '\n';
}

export function deltaMarkdown(d: CoverageDelta): string {
  const out = [`### ISO/IEC 42001 Annex A coverage compared with \`${cell(d.ref)}\``, ''];
  out.push('| State | Before | After | Change |', '|---|---:|---:|---:|');
  for (const t of totals(d)) out.push(`| ${t.state} | ${t.before} | ${t.after} | ${sign(t.after - t.before)} |`);
  out.push('');
  if (!d.changed.length) out.push('No control changed its state.');
  else {
    out.push(`${d.changed.length} control${d.changed.length === 1 ? '' : 's'} changed state:`, '', '| Control | Before | After | Why (after) |', '|---|---|---|---|');
    for (const x of d.changed) out.push(`| ${x.id} ${cell(x.title)} | ${state(x.before)} | **${state(x.after)}** | ${cell(x.after?.reason ?? x.before?.reason ?? '')} |`);
  }
  out.push('', `Findings in records: ${d.before.findings.error} → ${d.after.findings.error} errors, ${d.before.findings.warning} → ${d.after.findings.warning} warnings.`, '');
  return out.join('\n');
}

export function deltaJson(d: CoverageDelta): string {
  return JSON.stringify(d, null, 2) + '\n';
}
