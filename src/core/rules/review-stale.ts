import { defineRule } from '../rule';
import { ISO_DATE } from '../schema';

export default defineRule({
  id: 'review-stale',
  scope: 'workspace',
  title: 'A record changed after its last review must be reviewed again',
  // reviewing records is control of documented information (clause 7.5) for every kind; not A.2.4 (the
  // review of the AI policy) nor A.6.2.7 (technical documentation of a system)
  controls: [],
  annexB: [],
  clauses: ['7.5'],
  severity: 'warning',
  kinds: 'all',
  fixable: 'suggestion',
  docs: {
    rationale: 'A review vouches for a particular content. When git shows a commit that modified the file after the `reviewed` date, the approved text and the current text may differ: the documentation is no longer under control (clause 7.5). Only commits that change the content count: the commit that adds the file (the first commit of a new repository included), a copy, and a rename or move that leaves the content as it is are not changes after the review. Edits made before a rename still count for the renamed file. Uncommitted changes are not looked at.',
    howToFix: 'Review the change (`git log -p --follow <file>`), then set `reviewed` to the review date. Needs git history (in CI: a checkout with full history, e.g. `fetch-depth: 0`); without it the rule reports nothing.',
    bad: '# added on 2026-05-20, last modified by a commit on 2026-10-03\nreviewed: 2026-06-01',
    good: '# added on 2026-05-20, last modified by a commit on 2026-10-03\nreviewed: 2026-10-03',
  },
  check(ctx) {
    for (const r of ctx.records) {
      const reviewed = r.summary.reviewed;
      if (!reviewed || !ISO_DATE.test(reviewed) || r.summary.status === 'retired') continue;
      const changed = ctx.lastChange(r.file);
      if (!changed || changed <= reviewed) continue;
      ctx.report(r.file, {
        path: ['reviewed'],
        message: `Modified by a commit on ${changed} (git) after its last review on ${reviewed}. Review the change, then update reviewed.`,
        suggestions: [{ title: `Mark reviewed today (${ctx.env.today})`, ops: [{ op: 'set', path: ['reviewed'], value: ctx.env.today }] }],
      });
    }
  },
});
