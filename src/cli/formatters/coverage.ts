// `aims coverage` output: a terminal table, JSON (the CoverageReport itself) or Markdown.
import type { CoverageReport, CoverageState } from '../../core/coverage';

const SYMBOL: Record<CoverageState, string> = { covered: '●', partial: '◐', missing: '○', excluded: '–' };
const COLOR: Record<CoverageState, string> = { covered: '32', partial: '33', missing: '31', excluded: '2' };

export function totalsLine(r: CoverageReport): string {
  return `${r.counts.covered}/${r.total} covered · ${r.counts.partial} partial · ${r.counts.missing} missing · ${r.counts.excluded} excluded`;
}

export function coverageTable(r: CoverageReport, color: boolean): string {
  const c = (code: string, s: string): string => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const out: string[] = [];
  if (!r.soaFile) out.push(c('31', 'No Statement of Applicability (kind: Applicability) found: every control is missing. Run `aims init` or `aims new Applicability statement-of-applicability`.'), '');
  for (const g of r.groups) {
    const n = g.controls.length;
    const bar = g.controls.map(x => c(COLOR[x.state], SYMBOL[x.state])).join('');
    out.push(`${c('1', `${g.id} ${g.title}`)}  ${bar}  ${g.counts.covered}/${n} covered`);
    for (const x of g.controls) {
      const state = c(COLOR[x.state], x.state.padEnd(8));
      const title = x.title.length > 58 ? x.title.slice(0, 57) + '…' : x.title;
      const extra = [x.owner, x.findings.error ? `${x.findings.error} error${x.findings.error === 1 ? '' : 's'}` : '', x.reviewDue ? `review by ${x.reviewDue}` : ''].filter(Boolean).join(' · ');
      out.push(`  ${x.id.padEnd(8)} ${title.padEnd(58)} ${state} ${c('2', extra)}`);
    }
  }
  out.push('', c('1', totalsLine(r)) + (r.findings.error + r.findings.warning ? ` · ${r.findings.error} errors, ${r.findings.warning} warnings in records` : ''));
  return out.join('\n') + '\n';
}

export function coverageMarkdown(r: CoverageReport): string {
  const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const out = ['## ISO/IEC 42001 Annex A coverage', '', `**${totalsLine(r)}**`, ''];
  for (const g of r.groups) {
    out.push(`### ${g.id} ${g.title} — ${g.counts.covered}/${g.controls.length} covered`, '', '| Control | Title | State | Owner | Evidence | Findings | Why |', '|---|---|---|---|---|---:|---|');
    for (const x of g.controls) {
      const ev = x.evidence.map(e => (e.type === 'unresolved' ? `~~${e.value}~~` : `\`${e.value}\``)).join(', ');
      out.push(`| ${x.id} | ${cell(x.title)} | ${x.state} | ${cell(x.owner ?? '')} | ${cell(ev)} | ${x.findings.error + x.findings.warning} | ${cell(x.reason)} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
