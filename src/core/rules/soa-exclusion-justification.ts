import { defineRule } from '../rule';
import { justificationProblem, MIN_JUSTIFICATION_CHARS, MIN_JUSTIFICATION_WORDS, soaItems } from '../soa';

export default defineRule({
  id: 'soa-exclusion-justification',
  scope: 'record',
  title: 'An excluded control needs a real justification',
  controls: [],
  annexB: [],
  severity: 'error',
  kinds: ['Applicability'],
  docs: {
    rationale: 'Clause 6.1.3 lets the organization exclude Annex A controls, but only with a justification. "N/A" or "not relevant" records that a decision was made, not why; an auditor will ask why, and the answer belongs in the statement. The finding names the excluded control, and coverage shows the control as missing (not excluded) until it passes. Inclusions are checked the same way by soa-inclusion-justification.',
    howToFix: `Explain in a sentence why the control does not apply to your AI systems, e.g. "We use no third-party data; all training data is produced internally (see data records)". The rule asks for at least ${MIN_JUSTIFICATION_WORDS} words and ${MIN_JUSTIFICATION_CHARS} characters, and rejects placeholders such as N/A, TBD or not relevant.`,
    bad: 'controls:\n  - id: A.10.3\n    applicable: false\n    justification: N/A',
    good: 'controls:\n  - id: A.10.3\n    applicable: false\n    justification: We build every AI system in-house and use no third-party models, data or components.',
  },
  check(ctx) {
    for (const e of soaItems(ctx.data)) {
      if (e.applicable !== false || !e.control) continue;
      const problem = justificationProblem(e.justification);
      if (!problem) continue;
      ctx.report({
        path: ['controls', e.index, 'justification'], target: 'key', controls: [e.control],
        message: `${e.control} is excluded ${problem}. Say in at least ${MIN_JUSTIFICATION_WORDS} words why the control does not apply to your AI systems (clause 6.1.3).`,
      });
    }
  },
});
