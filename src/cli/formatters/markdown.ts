// A pull-request comment: counts, then one table row per finding with a link to the rule's docs.
import { ruleDocsUrl } from '../../core/docs-url';
import { markdownCode, markdownText } from '../../core/escape';
import type { Formatter } from './types';

const ICON = { error: '🔴 error', warning: '🟡 warning', info: '🔵 info' } as const;

const markdown: Formatter = report => {
  const { error, warning, info, fixable } = report.counts;
  const out = ['## AIMS findings', ''];
  if (error + warning + info === 0) {
    out.push(`✅ ${report.linted} record files checked, no problems.`, '');
    return out.join('\n');
  }
  out.push(`**${error}** errors · **${warning}** warnings · **${info}** infos in ${report.linted} record files${fixable ? ` · ${fixable} fixable with \`aims lint --fix\`` : ''}`, '');
  out.push('| File | Line | Col | Severity | Rule | Controls | Message |', '|---|---:|---:|---|---|---|---|');
  for (const { file, findings } of report.files) {
    for (const f of findings) {
      out.push(`| ${markdownCode(report.display(file), { table: true })} | ${f.range!.start.line} | ${f.range!.start.column} | ${ICON[f.severity]} | [\`${f.ruleId}\`](${ruleDocsUrl(f.ruleId)}) | ${f.controls.join(', ')} | ${markdownText(f.message)} |`);
    }
  }
  out.push('');
  return out.join('\n');
};
export default markdown;
