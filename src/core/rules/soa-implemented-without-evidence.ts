import { defineRule } from '../rule';
import { soaItems } from '../soa';

export default defineRule({
  id: 'soa-implemented-without-evidence',
  scope: 'record',
  title: 'A control marked implemented must list its evidence',
  controls: [],
  annexB: [],
  severity: 'error',
  kinds: ['Applicability'],
  fixable: 'suggestion',
  docs: {
    rationale: 'Saying a control is implemented is a claim; the evidence is what an auditor checks. An implemented control without evidence cannot be verified, and the coverage report shows it as partial at best.',
    howToFix: 'List under `evidence` the record ids (model cards, data provenance, impact assessments), repository paths (policies, procedures, code) or URLs that show the control in place. If there is nothing to show yet, set the status to partial or planned; the editor offers that.',
    bad: 'controls:\n  - id: A.2.2\n    applicable: true\n    status: implemented\n    evidence: []',
    good: 'controls:\n  - id: A.2.2\n    applicable: true\n    status: implemented\n    evidence: [docs/policies/ai-policy.md]',
  },
  check(ctx) {
    for (const e of soaItems(ctx.data)) {
      if (e.status !== 'implemented' || e.applicable === false || !e.control || e.evidence.length > 0) continue;
      ctx.report({
        path: ['controls', e.index, 'evidence'], target: 'key', controls: [e.control],
        message: `${e.control} is marked implemented but lists no evidence. Add the record ids, repository paths or URLs that show it in place, or set its status to partial.`,
        suggestions: [{ title: `Set the status of ${e.control} to partial`, ops: [{ op: 'set', path: ['controls', e.index, 'status'], value: 'partial' }] }],
      });
    }
  },
});
