import { defineRule } from '../rule';
import { soaItems } from '../soa';

export default defineRule({
  id: 'soa-not-applicable-with-status',
  scope: 'record',
  title: 'An excluded control cannot be implemented or partly implemented',
  controls: [],
  annexB: [],
  severity: 'warning',
  kinds: ['Applicability'],
  fixable: 'suggestion',
  docs: {
    rationale: 'An entry that says a control does not apply but is implemented (or partly) contradicts itself; one of the two is wrong, and a reader cannot tell which. Often the control was excluded later and the status was never reset, or the reverse.',
    howToFix: 'Decide which half is true: if the control applies, set `applicable: true`; if it does not, set the status to not-started. The editor offers both.',
    bad: 'controls:\n  - id: A.8.5\n    applicable: false\n    status: implemented',
    good: 'controls:\n  - id: A.8.5\n    applicable: true\n    status: implemented',
  },
  check(ctx) {
    for (const e of soaItems(ctx.data)) {
      if (e.applicable !== false || !e.control || (e.status !== 'implemented' && e.status !== 'partial')) continue;
      ctx.report({
        path: ['controls', e.index, 'status'], controls: [e.control],
        message: `${e.control} is excluded (applicable: false) but its status is ${e.status}. Set applicable: true if the control applies, or set the status to not-started.`,
        suggestions: [
          { title: `Mark ${e.control} applicable`, ops: [{ op: 'set', path: ['controls', e.index, 'applicable'], value: true }] },
          { title: 'Set the status to not-started', ops: [{ op: 'set', path: ['controls', e.index, 'status'], value: 'not-started' }] },
        ],
      });
    }
  },
});
