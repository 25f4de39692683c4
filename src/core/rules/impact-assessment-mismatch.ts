import type { Fix } from '../model';
import { defineRule } from '../rule';

export default defineRule({
  id: 'impact-assessment-mismatch',
  scope: 'workspace',
  title: 'A model card\'s impact assessment must assess that model',
  controls: ['A.5.2', 'A.5.3'],
  annexB: ['B.5.2', 'B.5.3'],
  severity: 'warning',
  kinds: ['ModelCard'],
  fixable: 'suggestion',
  docs: {
    rationale: 'An impact assessment is about one system. When a model card names an assessment whose `system` is another model (often after copying a card), the card claims an assessment that looked at something else, and its own impacts may never have been assessed.',
    howToFix: 'Point `impact_assessment` at the assessment of this model, or, if the assessment really covers this model, correct its `system`. When exactly one assessment names this model, the editor offers to link it.',
    bad: 'kind: ModelCard\nid: churn-model\nimpact_assessment: credit-risk-impact   # system: credit-risk',
    good: 'kind: ModelCard\nid: churn-model\nimpact_assessment: churn-model-impact   # system: churn-model',
  },
  check(ctx) {
    // the assessments of each system, built on the first mismatch (not one scan of all records per mismatch)
    let bySystem: Map<string, typeof ctx.records[number][]> | undefined;
    const assessmentsOf = (system: string) => {
      if (!bySystem) {
        bySystem = new Map();
        for (const x of ctx.records) {
          const s = x.summary.system;
          if (x.summary.kind !== 'ImpactAssessment' || !s || !x.summary.id) continue;
          const l = bySystem.get(s);
          if (l) l.push(x); else bySystem.set(s, [x]);
        }
      }
      return bySystem.get(system) ?? [];
    };
    for (const r of ctx.records) {
      const id = r.summary.id, named = r.summary.system;
      if (r.summary.kind !== 'ModelCard' || !id || !named) continue;
      const assessments = (ctx.byId.get(named) ?? []).filter(t => t.summary.kind === 'ImpactAssessment');
      // an assessment without a system is reported by required-field
      if (assessments.length === 0 || assessments.some(a => !a.summary.system || a.summary.system === id)) continue;
      const a = assessments[0];
      const own = assessmentsOf(id);
      const suggestions: Fix[] = own.length === 1
        ? [{ title: `Change to '${own[0].summary.id}'`, ops: [{ op: 'set', path: ['impact_assessment'], value: own[0].summary.id }] }]
        : [];
      ctx.report(r.file, {
        path: ['impact_assessment'],
        message: `impact_assessment names '${named}', but that assessment is about system '${a.summary.system}', not '${id}'.${own.length === 1 ? ` '${own[0].summary.id}' assesses '${id}'.` : ''} Name this model's own assessment, or correct the assessment's system.`,
        related: [{ file: a.file, path: ['system'], message: `'${named}' assesses '${a.summary.system}'.` }],
        suggestions,
      });
    }
  },
});
