import { defineRule } from '../rule';
import { ISO_DATE } from '../schema';

export default defineRule({
  id: 'lineage-order',
  scope: 'record',
  title: 'Lineage events are listed in chronological order',
  controls: ['A.7.5'],
  annexB: ['B.7.5'],
  severity: 'warning',
  kinds: ['DataProvenance'],
  docs: {
    rationale: 'Lineage is read top to bottom as the history of the data. An event dated before the one above it usually means a wrong date or a misplaced entry, and nothing may come before the creation of the data.',
    howToFix: 'Check the dates; move the event to its place in time or correct its date.',
    bad: 'lineage:\n  - event: created\n    date: 2025-01-10\n  - event: validated\n    date: 2024-12-01',
    good: 'lineage:\n  - event: created\n    date: 2024-11-20\n  - event: validated\n    date: 2024-12-01',
  },
  check(ctx) {
    const lineage = ctx.data.lineage;
    if (!Array.isArray(lineage)) return;
    let prev: string | undefined;
    for (let i = 0; i < lineage.length; i++) {
      const d = (lineage[i] as Record<string, unknown> | null)?.date;
      if (typeof d !== 'string' || !ISO_DATE.test(d)) continue;
      if (prev && d < prev) {
        ctx.report({ path: ['lineage', i, 'date'], message: `This event (${d}) is dated before the event above it (${prev}). Correct the date or move the event to its place in time.` });
        return;
      }
      prev = d;
    }
  },
});
