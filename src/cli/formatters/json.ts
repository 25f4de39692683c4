// Machine-readable: one object per finding.
import type { Formatter } from './types';

const json: Formatter = report => JSON.stringify(report.files.flatMap(({ file, findings }) => {
  const shown = report.display(file);
  return findings.map(f => ({
    file: shown,
    line: f.range!.start.line,
    column: f.range!.start.column,
    endLine: f.range!.end.line,
    endColumn: f.range!.end.column,
    ruleId: f.ruleId,
    severity: f.severity,
    controls: f.controls,
    message: f.message,
    fixable: !!f.fix,
    ...(f.related?.length ? { related: f.related.map(r => ({ file: report.display(r.file), line: r.range?.start.line, column: r.range?.start.column, message: r.message })) } : {}),
  }));
}), null, 2) + '\n';
export default json;
