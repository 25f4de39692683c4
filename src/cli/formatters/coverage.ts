// `aims coverage` output: a terminal table, JSON (the CoverageReport itself) or Markdown.
import type { ControlCoverage, CoverageReport, CoverageState } from '../../core/coverage';
import { markdownCode, markdownText as cell, terminalText as t } from '../../core/escape';
import { CELL_LABELS, controlFindingsText, evidenceText, matrixRows } from '../../core/export';

const SYMBOL: Record<CoverageState, string> = { covered: '●', partial: '◐', missing: '○', excluded: '–' };
const COLOR: Record<CoverageState, string> = { covered: '32', partial: '33', missing: '31', excluded: '2' };
const CELL_COLOR = { met: '32', gap: '31', excluded: '2' } as const;

export function totalsLine(r: CoverageReport): string {
  return `${r.counts.covered}/${r.total} covered · ${r.counts.partial} partial · ${r.counts.missing} missing · ${r.counts.excluded} excluded`;
}

const clip = (s: string, n: number): string => (s.length > n ? s.slice(0, n - 1) + '…' : s);

export function coverageTable(r: CoverageReport, color: boolean): string {
  const c = (code: string, s: string): string => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const out: string[] = [];
  if (r.soaInForce.length === 0) out.push(c('31', 'No Statement of Applicability (kind: Applicability) found: every control is missing. Run `aims init` or `aims new Applicability statement-of-applicability`.'), '');
  else if (r.soaNote) out.push(c('31', t(r.soaNote)), '');
  const line = (x: ControlCoverage): void => {
    const state = c(COLOR[x.state], x.state.padEnd(8));
    const extra = t([x.owner, controlFindingsText(x) === 'none' ? '' : controlFindingsText(x), x.reviewDue ? `review by ${x.reviewDue}` : ''].filter(Boolean).join(' · '));
    out.push(`  ${t(x.id).padEnd(8)} ${clip(t(x.title), 58).padEnd(58)} ${state} ${c('2', extra)}`);
    if (x.state === 'partial' || (x.state === 'missing' && r.soaFile)) out.push(`           ${c('2', t(x.reason))}`);
  };
  for (const g of r.groups) {
    const n = g.controls.length;
    const bar = g.controls.map(x => c(COLOR[x.state], SYMBOL[x.state])).join('');
    out.push(`${c('1', `${g.id} ${g.title}`)}  ${bar}  ${g.counts.covered}/${n} covered`);
    for (const x of g.controls) line(x);
  }
  if (r.orgControls.length) {
    out.push(c('1', `Organization-defined controls (${r.orgControls.length}, not counted in the Annex A totals)`));
    for (const x of r.orgControls) line(x);
  }
  if (r.systems.length) {
    out.push('', c('1', `AI systems × controls (${r.systems.length} in scope): ✓ met  ✗ gap  – excluded`));
    const w = Math.min(28, Math.max(...r.systems.map(s => s.id.length)));
    out.push(`  ${''.padEnd(w)} ${r.matrixControls.map(id => id.replace(/^A\./, '').padEnd(6)).join('')}`);
    for (const s of r.systems) {
      out.push(`  ${clip(t(s.id), w).padEnd(w)} ${r.matrixControls.map(id => c(CELL_COLOR[s.controls[id].state], CELL_LABELS[s.controls[id].state].symbol) + ' '.repeat(5)).join('')}`);
    }
    for (const g of matrixRows(r).filter(x => x.cell.state === 'gap')) out.push(c('2', `  ${g.subject} · ${g.control}: ${g.cell.missing.join('; ')}`));
  }
  out.push('', c('1', totalsLine(r)) + (r.findings.error + r.findings.warning ? ` · ${r.findings.error} errors, ${r.findings.warning} warnings in records` : ''));
  return out.join('\n') + '\n';
}

export function coverageMarkdown(r: CoverageReport): string {
  const out = ['## ISO/IEC 42001 Annex A coverage', '', `**${totalsLine(r)}**`, ''];
  if (r.soaNote) out.push(`> ${cell(r.soaNote)}`, '');
  const table = (list: ControlCoverage[]): void => {
    out.push('| Control | Title | State | Owner | Evidence | Findings | Why |', '|---|---|---|---|---|---|---|');
    for (const x of list) {
      const ev = x.evidence.map(e => (e.counts ? markdownCode(evidenceText(e), { table: true }) : `~~${cell(e.value)}~~ (${cell(e.note ?? 'does not resolve')})`)).join(', ');
      out.push(`| ${cell(x.id)} | ${cell(x.title)} | ${x.state} | ${cell(x.owner ?? '')} | ${ev} | ${cell(controlFindingsText(x))} | ${cell(x.reason)} |`);
    }
    out.push('');
  };
  for (const g of r.groups) {
    out.push(`### ${g.id} ${g.title} — ${g.counts.covered}/${g.controls.length} covered`, '');
    table(g.controls);
  }
  if (r.orgControls.length) { out.push('### Organization-defined controls', ''); table(r.orgControls); }
  if (r.systems.length) {
    out.push('### AI systems × controls', '', `| System | ${r.matrixControls.map(id => cell(id)).join(' | ')} |`, `|---|${r.matrixControls.map(() => ':---:').join('|')}|`);
    for (const s of r.systems) out.push(`| ${cell(s.id)} | ${r.matrixControls.map(id => CELL_LABELS[s.controls[id].state].symbol).join(' | ')} |`);
    out.push('');
    for (const g of matrixRows(r).filter(x => x.cell.state === 'gap')) out.push(`- ${cell(g.subject)} · ${cell(g.control)}: ${cell(g.cell.missing.join('; '))}`);
    out.push('');
  }
  return out.join('\n');
}
