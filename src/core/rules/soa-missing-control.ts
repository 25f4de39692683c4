import { CONTROL_IDS } from '../catalogue';
import { defineRule } from '../rule';
import { soaItems } from '../soa';

export default defineRule({
  id: 'soa-missing-control',
  scope: 'record',
  title: 'The Statement of Applicability must list all 38 Annex A controls',
  controls: [],
  annexB: [],
  severity: 'error',
  kinds: ['Applicability'],
  fixable: 'suggestion',
  docs: {
    rationale: 'Clause 6.1.3 asks for a Statement of Applicability that takes a position on every Annex A control: applied, or excluded with a reason. A control that is simply absent has no decision behind it, which auditors treat as a gap. The finding names each missing control so that the coverage report counts it against that control.',
    howToFix: 'Add an entry for each control the message lists, then decide whether it applies. The editor quick fix appends all missing controls in catalogue order, marked applicable and not started, for you to complete or to exclude with a justification.',
    bad: 'kind: Applicability\ncontrols:\n  - id: A.2.2\n    applicable: true\n    # ...and nothing for the other 37 controls',
    good: 'kind: Applicability\ncontrols:\n  - id: A.2.2\n    applicable: true\n  - id: A.2.3\n    applicable: true\n  # ...one entry for each of the 38 controls',
  },
  check(ctx) {
    if (!Array.isArray(ctx.data.controls)) return; // missing or not a list: required-field / invalid-type
    const listed = new Set<string>();
    for (const e of soaItems(ctx.data)) if (e.control) listed.add(e.control);
    const missing = CONTROL_IDS.filter(id => !listed.has(id));
    if (missing.length === 0) return;
    const n = missing.length;
    ctx.report({
      path: ['controls'], target: 'key', controls: missing,
      message: `The Statement of Applicability does not list ${n} of the ${CONTROL_IDS.length} Annex A controls: ${missing.join(', ')}. Add an entry for each, marked applicable or excluded with a justification (clause 6.1.3).`,
      suggestions: [{
        title: `Add the ${n} missing control${n === 1 ? '' : 's'}`,
        ops: [{ op: 'append', path: ['controls'], values: missing.map(id => ({ id, applicable: true, justification: '', status: 'not-started', owner: '', evidence: [] })) }],
      }],
    });
  },
});
