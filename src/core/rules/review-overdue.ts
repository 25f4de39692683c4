import { addYears, daysBetween, defineRule } from '../rule';
import { isIsoDate } from '../schema';

/** "Mark reviewed today": reviewed = today, review_by = today + the record's review interval (≥ 1 year). */
export function markReviewedFix(data: Record<string, unknown>, today: string) {
  const r = data.reviewed, rb = data.review_by;
  let years = 1;
  if (isIsoDate(r) && isIsoDate(rb)) years = Math.max(1, Math.round(daysBetween(r, rb) / 365));
  return {
    title: `Mark reviewed today (${today}), next review ${addYears(today, years)}`,
    ops: [{ op: 'set' as const, path: ['reviewed'], value: today }, { op: 'set' as const, path: ['review_by'], value: addYears(today, years) }],
  };
}

export default defineRule({
  id: 'review-overdue',
  scope: 'record',
  title: 'Records must be reviewed by their review_by date',
  // reviewing records is control of documented information (clause 7.5) for every kind; not A.2.4 (the
  // review of the AI policy) nor A.6.2.7 (technical documentation of a system)
  controls: [],
  annexB: [],
  clauses: ['7.5'],
  severity: 'warning',
  kinds: 'all',
  fixable: 'suggestion',
  docs: {
    rationale: 'Documented information must stay suitable and current (clause 7.5): every record is reviewed at the interval its owner set. A record past its review date may no longer describe the system, data or decision as they are, and coverage no longer counts it as evidence.',
    howToFix: 'Review the record; when it is still accurate, update `reviewed` to today and set the next `review_by`. The quick fix "Mark reviewed today" does both — use it only after the review.',
    bad: 'reviewed: 2024-09-01\nreview_by: 2025-09-01',
    good: 'reviewed: 2026-11-22\nreview_by: 2027-11-22',
  },
  check(ctx) {
    const rb = ctx.data.review_by;
    // a date that is not a real calendar day (2025-13-01) is invalid-date's, and cannot be counted from
    if (!isIsoDate(rb) || ctx.data.status === 'retired') return;
    if (rb >= ctx.env.today) return;
    const days = daysBetween(rb, ctx.env.today);
    ctx.report({
      path: ['review_by'],
      message: `Review overdue by ${days} day${days === 1 ? '' : 's'} (review_by ${rb}). Review the record, then update reviewed and review_by.`,
      suggestions: [markReviewedFix(ctx.data, ctx.env.today)],
    });
  },
});
