import { reportProblems } from '../parse';
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
    reportProblems(ctx, 'duplicate-key', (p, text) => {
      const key = text.slice(p.startOffset, p.endOffset).trim();
      return `Duplicate key '${key}': this later entry silently replaces the earlier '${key}'. Merge the entries or rename one. Until then no fix changes this file.`;
    });
  },
});
