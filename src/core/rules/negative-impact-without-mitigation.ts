import { defineRule } from '../rule';
import { isEmptyValue, isPlaceholder } from '../validate';

export default defineRule({
  id: 'negative-impact-without-mitigation',
  scope: 'record',
  title: 'Every negative impact needs a mitigation',
  controls: ['A.5.4', 'A.5.5'],
  annexB: ['B.5.4', 'B.5.5'],
  severity: 'error',
  kinds: ['ImpactAssessment'],
  docs: {
    rationale: 'An impact assessment is there to decide what to do about harm: a negative impact on individuals, groups or society that has no treatment recorded is an open risk that nobody owns.',
    howToFix: 'Write in `mitigation` how the impact is prevented, reduced or monitored (for example human review of declines, a fairness test in the release criteria). If nothing can be done, say so and who accepted the risk.',
    bad: 'impacts:\n  - scope: group\n    description: Higher decline rate for applicants with thin credit files\n    effect: negative\n    likelihood: likely\n    severity: major',
    good: 'impacts:\n  - scope: group\n    description: Higher decline rate for applicants with thin credit files\n    effect: negative\n    likelihood: likely\n    severity: major\n    mitigation: Declines below score 0.4 go to manual underwriting; approval-rate gap monitored monthly.',
  },
  check(ctx) {
    const impacts = ctx.data.impacts;
    if (!Array.isArray(impacts)) return;
    impacts.forEach((imp, i) => {
      if (!imp || typeof imp !== 'object') return;
      const o = imp as Record<string, unknown>;
      if (o.effect !== 'negative') return;
      const m = o.mitigation;
      if (!isEmptyValue(m) && !(typeof m === 'string' && isPlaceholder(m))) return;
      const what = typeof o.description === 'string' ? ` (“${o.description.length > 60 ? o.description.slice(0, 57) + '…' : o.description}”)` : '';
      ctx.report({
        path: 'mitigation' in o ? ['impacts', i, 'mitigation'] : ['impacts', i, 'effect'],
        message: `Negative impact ${i + 1}${what} has no mitigation. Write how it is prevented, reduced or monitored, or who accepted the risk.`,
      });
    });
  },
});
