import { defineRule } from '../rule';

export default defineRule({
  id: 'vulnerable-group-impact',
  scope: 'record',
  title: 'Impacts on each vulnerable group are assessed explicitly',
  controls: ['A.5.4'],
  annexB: ['B.5.4'],
  severity: 'warning',
  kinds: ['ImpactAssessment'],
  docs: {
    rationale: 'The guidance asks for particular attention to people who need special protection, such as children, elderly or impaired persons and workers. Marking a group vulnerable and then assessing no impact on it leaves exactly that question unanswered.',
    howToFix: 'Add an impact whose description (or area) names the group, or explain in the group\'s `note` why the system does not affect it differently.',
    bad: 'affected_groups:\n  - name: elderly applicants\n    vulnerable: true\nimpacts:\n  - description: Faster decisions for all applicants\n    effect: positive',
    good: 'impacts:\n  - description: Elderly applicants with short digital histories may be scored lower\n    effect: negative\n    mitigation: Manual review path; age-band approval rates monitored',
  },
  check(ctx) {
    const groups = ctx.data.affected_groups, impacts = ctx.data.impacts;
    if (!Array.isArray(groups) || !Array.isArray(impacts)) return;
    const texts = impacts.map(i => (i && typeof i === 'object' ? `${(i as Record<string, unknown>).description ?? ''} ${(i as Record<string, unknown>).area ?? ''}` : '').toLowerCase());
    groups.forEach((g, idx) => {
      if (!g || typeof g !== 'object') return;
      const o = g as Record<string, unknown>;
      if (o.vulnerable !== true || typeof o.name !== 'string' || !o.name.trim()) return;
      const name = o.name.trim().toLowerCase();
      if (texts.some(t => t.includes(name))) return;
      ctx.report({ path: ['affected_groups', idx, 'name'], message: `'${o.name}' is marked vulnerable but no impact mentions it. Assess the impact on this group explicitly (an impact whose description or area names it).` });
    });
  },
});
