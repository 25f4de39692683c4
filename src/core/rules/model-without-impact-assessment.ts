import type { Fix } from '../model';
import { defineRule } from '../rule';
import { KEBAB_ID } from '../schema';
import { recordPath, skeletonRecord } from '../skeleton';

export default defineRule({
  id: 'model-without-impact-assessment',
  scope: 'workspace',
  title: 'Every model card must have an impact assessment',
  controls: ['A.5.2', 'A.5.3'],
  annexB: ['B.5.2', 'B.5.3'],
  severity: 'error',
  kinds: ['ModelCard'],
  fixable: 'suggestion',
  docs: {
    rationale: 'The organization has to assess what each AI system can mean for individuals, groups and society, and keep the result (A.5.2, A.5.3). A model card that no impact assessment covers is a system whose impacts were never assessed, or whose assessment cannot be found.',
    howToFix: 'Write an ImpactAssessment record whose `system` is the model card\'s id, and name it in the card\'s `impact_assessment`. The editor offers to create one from a skeleton. An assessment counts when its `system` names the card, or when the card\'s `impact_assessment` names it.',
    bad: 'kind: ModelCard\nid: credit-risk\n# no ImpactAssessment has system: credit-risk',
    good: 'kind: ModelCard\nid: credit-risk\nimpact_assessment: credit-risk-impact\n---\nkind: ImpactAssessment\nid: credit-risk-impact\nsystem: credit-risk',
  },
  check(ctx) {
    const assessed = new Set<string>();
    for (const r of ctx.records) if (r.summary.kind === 'ImpactAssessment' && r.summary.system) assessed.add(r.summary.system);
    for (const r of ctx.records) {
      const id = r.summary.id;
      if (r.summary.kind !== 'ModelCard' || !id || assessed.has(id)) continue;
      const named = r.summary.system;
      if (named && (ctx.byId.get(named) ?? []).some(t => t.summary.kind === 'ImpactAssessment')) continue;
      const suggestions: Fix[] = [];
      if (!named && KEBAB_ID.test(id)) {
        const iaId = `${id}-impact-assessment`;
        const file = recordPath('ImpactAssessment', iaId);
        if (!ctx.byId.has(iaId) && !ctx.pathExists(file) && !ctx.records.some(x => x.file === file)) {
          const text = skeletonRecord('ImpactAssessment', iaId, { today: ctx.env.today }).replace(/^system: ""$/m, `system: ${id}`);
          suggestions.push({
            title: `Create impact assessment '${iaId}' (${file}) and link it`,
            ops: [{ op: 'create-file', file, text }, { op: 'set', path: ['impact_assessment'], value: iaId }],
          });
        }
      }
      ctx.report(r.file, {
        path: named ? ['impact_assessment'] : ['id'],
        message: named
          ? `No impact assessment covers model '${id}': '${named}' is not an ImpactAssessment record and no ImpactAssessment has system: ${id}. Assess the system's impacts (A.5.2, A.5.3) in an ImpactAssessment record with system: ${id}.`
          : `No impact assessment covers model '${id}': no ImpactAssessment has system: ${id}. Assess the system's impacts (A.5.2, A.5.3) in an ImpactAssessment record with system: ${id} and name it in impact_assessment.`,
        suggestions,
      });
    }
  },
});
