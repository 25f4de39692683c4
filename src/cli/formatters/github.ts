// GitHub Actions workflow commands: inline annotations on the pull request's files.
import { githubData as escData, githubProperty as escProp } from '../../core/escape';
import type { Formatter } from './types';

const github: Formatter = report => {
  const out: string[] = [];
  for (const { file, findings } of report.files) {
    for (const f of findings) {
      const cmd = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
      const r = f.range!;
      const props = [`file=${escProp(report.display(file))}`, `line=${r.start.line}`, `col=${r.start.column}`, `endLine=${r.end.line}`, `endColumn=${r.end.column}`, `title=${escProp(`aims(${f.ruleId})`)}`];
      const controls = f.controls.length ? ` [${f.controls.join(', ')}]` : '';
      out.push(`::${cmd} ${props.join(',')}::${escData(f.message + controls)}`);
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
};
export default github;
