import { pathText, defineRule } from '../rule';
import { controlsOf } from '../schema';

/** Rewrites unambiguous year-first dates (2026/3/5, 2026.03.05, 2026-3-5) to ISO form. */
export function isoFromYearFirst(s: string): string | undefined {
  const m = /^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*$/.exec(s);
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  const d = new Date(iso + 'T00:00:00Z');
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : undefined;
}

export default defineRule({
  id: 'invalid-date',
  scope: 'record',
  title: 'Dates must be real calendar dates in ISO form (YYYY-MM-DD)',
  controls: [],
  annexB: [],
  severity: 'error',
  kinds: 'all',
  fixable: 'fix',
  docs: {
    rationale: 'Review deadlines, acquisition dates and lineage events are compared with today and with each other; 03/04/2026 means different days in different countries.',
    howToFix: 'Write the date as YYYY-MM-DD. Year-first dates with other separators are fixed automatically.',
    bad: 'review_by: 2027/1/31',
    good: 'review_by: 2027-01-31',
  },
  check(ctx) {
    for (const i of ctx.issues()) {
      if (i.type !== 'date') continue;
      const iso = isoFromYearFirst(i.value);
      ctx.report({
        path: i.path, controls: controlsOf(ctx.kind, i.field),
        message: `${i.field.label} (${pathText(i.path)}) '${i.value}' is not a valid date; write it as YYYY-MM-DD${iso ? ` (${iso})` : ''}.`,
        fix: iso ? { title: `Change to ${iso}`, ops: [{ op: 'set', path: i.path, value: iso }] } : undefined,
      });
    }
  },
});
