import { defineRule } from '../rule';
import { justificationProblem, MIN_JUSTIFICATION_CHARS, MIN_JUSTIFICATION_WORDS, soaItems } from '../soa';

export default defineRule({
  id: 'soa-inclusion-justification',
  scope: 'record',
  title: 'An applicable control needs a real justification',
  controls: [],
  annexB: [],
  severity: 'error',
  kinds: ['Applicability'],
  docs: {
    rationale: 'Clause 6.1.3 asks the Statement of Applicability to justify every inclusion as well as every exclusion: why the control is needed (a risk it treats, a requirement, a commitment). An auditor reads the inclusion justification to trace the control back to the risk assessment; "needed" or an empty field says nothing. The same checks as for exclusions apply (soa-exclusion-justification); an empty justification is reported by required-field. Coverage counts the entry against its control until it passes.',
    howToFix: `Say in a sentence why the control applies, e.g. "Our credit and fraud models are trained on customer data, so data quality is a risk we treat". The rule asks for at least ${MIN_JUSTIFICATION_WORDS} words and ${MIN_JUSTIFICATION_CHARS} characters, and rejects placeholders such as TBD or N/A.`,
    bad: 'controls:\n  - id: A.7.4\n    applicable: true\n    justification: TBD',
    good: 'controls:\n  - id: A.7.4\n    applicable: true\n    justification: Credit decisions depend on the quality of bureau and application data.',
  },
  check(ctx) {
    for (const e of soaItems(ctx.data)) {
      // an empty justification is required-field's (an inclusion is the default answer of a new SoA)
      if (e.applicable !== true || !e.control || !(e.justification ?? '').trim()) continue;
      const problem = justificationProblem(e.justification);
      if (!problem) continue;
      ctx.report({
        path: ['controls', e.index, 'justification'], target: 'key', controls: [e.control],
        message: `${e.control} is applicable ${problem}. Say in at least ${MIN_JUSTIFICATION_WORDS} words why the control applies: the risk it treats or the requirement behind it (clause 6.1.3).`,
      });
    }
  },
});
