import { expectedControls, ROLE_TITLES } from '../catalogue';
import { defineRule } from '../rule';
import { soaItems } from '../soa';

export default defineRule({
  id: 'soa-expected-control-excluded',
  scope: 'record',
  title: 'Controls expected for the organization\'s AI roles should not be excluded',
  controls: [],
  annexB: [],
  severity: 'warning',
  kinds: ['Applicability'],
  docs: {
    rationale: 'Which Annex A controls apply depends on the organization\'s roles (clause 4.1; ISO/IEC 22989 roles such as AI producer or AI provider). A producer that excludes data-provenance controls, or a provider that excludes information for users, will have to defend the exclusion in an audit. The mapping from roles to controls is our reading of Annex B (docs/configuration.md).',
    howToFix: 'Check the exclusion again. If the control does apply, set `applicable: true` and plan it. If it truly does not, make the justification say why, given your roles; or correct `roles` in aims/aims.config.yaml if they are wrong. Turn the rule off in the config if you have reviewed every case.',
    bad: '# aims.config.yaml: roles: [ai_producer]\ncontrols:\n  - id: A.7.5\n    applicable: false',
    good: 'controls:\n  - id: A.7.5\n    applicable: true',
  },
  check(ctx) {
    const roles = ctx.env.roles;
    if (roles.length === 0) return;
    const expected = expectedControls(roles);
    for (const e of soaItems(ctx.data)) {
      if (e.applicable !== false || !e.control || !expected.has(e.control)) continue;
      const control = e.control;
      const why = roles.filter(r => expectedControls([r]).has(control)).map(r => ROLE_TITLES[r]);
      ctx.report({
        path: ['controls', e.index, 'applicable'], controls: [control],
        message: `${control} is excluded, but it is expected for an organization in the role${why.length === 1 ? '' : 's'} ${why.join(', ')} (config roles). Apply it, or make sure the justification explains why it does not apply to you.`,
      });
    }
  },
});
