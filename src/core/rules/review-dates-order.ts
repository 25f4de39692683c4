import { defineRule } from '../rule';
import { isIsoDate } from '../schema';

export default defineRule({
  id: 'review-dates-order',
  scope: 'record',
  title: 'reviewed must not be in the future nor after review_by',
  // reviewing records is control of documented information (clause 7.5) for every kind; not A.2.4 (the
  // review of the AI policy) nor A.6.2.7 (technical documentation of a system)
  controls: [],
  annexB: [],
  clauses: ['7.5'],
  severity: 'error',
  kinds: 'all',
  docs: {
    rationale: 'Review dates are how documented information is kept under control (clause 7.5): they drive overdue checks and coverage. A review dated in the future, or a next review due before the last one, is a typo that hides an overdue record.',
    howToFix: 'Correct the dates: `reviewed` is the day of the last review (today or earlier), `review_by` a later day.',
    bad: 'reviewed: 2026-03-01\nreview_by: 2025-03-01',
    good: 'reviewed: 2026-03-01\nreview_by: 2027-03-01',
  },
  check(ctx) {
    const r = ctx.data.reviewed, rb = ctx.data.review_by;
    if (!isIsoDate(r)) return; // not a real date: invalid-date reports it
    if (r > ctx.env.today) {
      ctx.report({ path: ['reviewed'], message: `reviewed (${r}) is in the future. Write the date of the last actual review.` });
    } else if (isIsoDate(rb) && rb < r) {
      ctx.report({ path: ['review_by'], message: `review_by (${rb}) is before reviewed (${r}). Set the next review date after the last review.` });
    }
  },
});
