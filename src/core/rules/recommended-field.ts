import { pathText, defineRule } from '../rule';
import { controlsOf, emptyValueFor, fieldControls } from '../schema';

const RECOMMENDED = fieldControls(f => !!f.recommended);

export default defineRule({
  id: 'recommended-field',
  scope: 'record',
  title: 'Content that the Annex B guidance suggests should be present',
  controls: RECOMMENDED.controls,
  annexB: RECOMMENDED.controls.map(c => c.replace(/^A\./, 'B.')),
  severity: 'info',
  kinds: 'all',
  fixable: 'suggestion',
  docs: {
    rationale: `Annex B is guidance, not requirement: leaving one of its items out is an improvement point, not a nonconformity. These findings show where a record could evidence its control more fully, at information level. Suggested (info): ${RECOMMENDED.byKind}.`,
    howToFix: 'Add the key if it applies to you, or turn the rule off in aims/aims.config.yaml (`rules: { recommended-field: off }`).',
    bad: 'kind: ModelCard\n# no model_type',
    good: 'kind: ModelCard\nmodel_type: gradient-boosted trees (LightGBM)',
  },
  check(ctx) {
    for (const i of ctx.issues()) {
      if ((i.type !== 'missing' && i.type !== 'empty') || i.required) continue;
      const name = pathText(i.path);
      const controls = controlsOf(ctx.kind, i.field);
      ctx.report({
        path: i.path, target: 'key', controls,
        message: `Consider adding ${i.field.label} (${name})${controls.length ? `, suggested by the guidance for ${controls.join(', ')}` : ''}: ${i.field.description}`,
        suggestions: i.type === 'missing' ? [{ title: `Insert '${name}'`, ops: [{ op: 'set', path: i.path, value: emptyValueFor(i.field) }] }] : undefined,
      });
    }
  },
});
