import { defineRule, pathText } from '../rule';
import { refControls, withArticle } from './dangling-reference';

export default defineRule({
  id: 'retired-reference',
  scope: 'workspace',
  title: 'Records in use must not rely on retired records',
  controls: ['A.4.3', 'A.5.3', 'A.6.2.4'],
  annexB: ['B.4.3', 'B.5.3', 'B.6.2.4'],
  severity: 'warning',
  kinds: ['ModelCard', 'ImpactAssessment', 'Applicability'],
  docs: {
    rationale: 'A retired record describes something that is no longer in use: a dataset that was withdrawn, an assessment that was superseded. A live model card, assessment or Statement of Applicability that still points at it documents the past instead of the present, so the evidence it offers is out of date.',
    howToFix: 'Point the reference at the record that replaced the retired one, or, if the referring record describes something retired as well, set its status to retired too. References from retired records are not checked.',
    bad: '# aims/data/loans-2023.yaml has status: retired\nkind: ModelCard\nstatus: approved\ndatasets: [loans-2023]',
    good: 'kind: ModelCard\nstatus: approved\ndatasets: [loans-2025]',
  },
  check(ctx) {
    for (const r of ctx.records) {
      if (r.summary.status === 'retired') continue;
      for (const ref of r.summary.refs) {
        const targets = (ctx.byId.get(ref.value) ?? []).filter(t => ref.evidence || ref.kinds.includes(t.summary.kind));
        if (targets.length === 0 || targets.some(t => t.summary.status !== 'retired')) continue;
        const t = targets[0];
        const where = pathText(ref.path);
        ctx.report(r.file, {
          path: ref.path, controls: refControls(r, ref),
          message: `'${ref.value}' in ${where} refers to ${withArticle(t.summary.kind)} record that is retired (${t.file}). Point it at the record that replaced it, or retire this ${r.summary.kind} as well.`,
          related: [{ file: t.file, path: ['status'], message: `'${ref.value}' is retired here.` }],
        });
      }
    }
  },
});
