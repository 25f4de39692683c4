import { LineMap } from '../text';
import { defineRule } from '../rule';

export default defineRule({
  id: 'duplicate-key',
  scope: 'file',
  title: 'A key must not appear twice in the same mapping',
  controls: [],
  annexB: [],
  severity: 'error',
  kinds: 'all',
  docs: {
    rationale: 'With a duplicate key one of the two values is silently lost, so the record says something different from what its author reads.',
    howToFix: 'Merge the two entries into one, or rename the one that was meant to be another key.',
    bad: 'owner: risk-team\nowner: ml-platform',
    good: 'owner: risk-team',
  },
  check(ctx) {
    let lines: LineMap | undefined;
    for (const p of ctx.parsed.problems) {
      if (p.code !== 'duplicate-key') continue;
      lines ??= new LineMap(ctx.parsed.text);
      const r = lines.range(p.startOffset, p.endOffset);
      const key = ctx.parsed.text.slice(p.startOffset, p.endOffset).trim();
      ctx.report({ path: [], message: `Duplicate key '${key}': this later entry silently replaces the earlier '${key}'. Merge the entries or rename one. Until then no fix changes this file.`, range: r });
    }
  },
});
