import { defineRule } from '../rule';
import { soaItems } from '../soa';

export default defineRule({
  id: 'soa-duplicate-control',
  scope: 'record',
  title: 'Each control appears once in the Statement of Applicability',
  controls: [],
  annexB: [],
  severity: 'error',
  kinds: ['Applicability'],
  fixable: 'suggestion',
  docs: {
    rationale: 'Two entries for one control can disagree (applicable in one, excluded in the other; different status or evidence), and then the statement says nothing reliable about that control. Tools read only the first entry, so edits to the second one silently have no effect.',
    howToFix: 'Merge the entries into one: keep a single decision, status and owner, and combine the evidence. The editor offers to delete the later entry once you have moved what you need from it.',
    bad: 'controls:\n  - id: A.7.5\n    applicable: true\n  - id: A.7.5\n    applicable: false',
    good: 'controls:\n  - id: A.7.5\n    applicable: true',
  },
  check(ctx) {
    const first = new Map<string, number>();
    for (const e of soaItems(ctx.data)) {
      if (!e.control) continue;
      const at = first.get(e.control);
      if (at === undefined) { first.set(e.control, e.index); continue; }
      ctx.report({
        path: ['controls', e.index, 'id'], controls: [e.control],
        message: `${e.control} is listed more than once in the Statement of Applicability (first at controls[${at}]). Merge the entries into one; only the first is read.`,
        related: [{ file: ctx.file, path: ['controls', at, 'id'], message: `First entry for ${e.control}.` }],
        suggestions: [{ title: `Delete this entry for ${e.control}`, ops: [{ op: 'delete', path: ['controls', e.index] }] }],
      });
    }
  },
});
