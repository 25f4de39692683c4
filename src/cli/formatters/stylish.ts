// eslint-style text output: a header per file, one aligned line per finding, a summary.
import { terminalText } from '../../core/escape';
import type { Formatter } from './types';

const paint = (on: boolean) => (code: string, s: string): string => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

const stylish: Formatter = (report, { color }) => {
  const c = paint(color);
  const out: string[] = [];
  for (const { file, findings } of report.files) {
    out.push('', c('4', terminalText(report.display(file))));
    const rows = findings.map(f => [
      `${f.range!.start.line}:${f.range!.start.column}`,
      f.severity === 'error' ? c('31', 'error') : f.severity === 'warning' ? c('33', 'warning') : c('36', 'info'),
      terminalText(f.message),
      c('2', f.ruleId + (f.controls.length ? ` [${f.controls.join(', ')}]` : '')),
    ]);
    const w0 = Math.max(...rows.map(r => r[0].length));
    const w1 = Math.max(...findings.map(f => f.severity.length));
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const sevPad = ' '.repeat(w1 - findings[i].severity.length);
      out.push(`  ${c('2', r[0].padEnd(w0))}  ${r[1]}${sevPad}  ${r[2]}  ${r[3]}`);
    }
  }
  const { error, warning, info, fixable } = report.counts;
  const total = error + warning + info;
  if (total === 0) {
    out.push(c('32', `✔ ${report.linted} record file${report.linted === 1 ? '' : 's'} checked, no problems`));
  } else {
    const mark = error ? c('31;1', '✖') : c('33;1', '⚠');
    out.push('', `${mark} ${total} problem${total === 1 ? '' : 's'} (${error} error${error === 1 ? '' : 's'}, ${warning} warning${warning === 1 ? '' : 's'}, ${info} info${info === 1 ? '' : 's'}) in ${report.linted} record file${report.linted === 1 ? '' : 's'}`);
    if (fixable) out.push(`  ${fixable} ${fixable === 1 ? 'problem is' : 'problems are'} fixable with the \`--fix\` option.`);
  }
  return out.join('\n').replace(/^\n/, '') + '\n';
};
export default stylish;
