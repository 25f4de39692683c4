import { defineRule } from '../rule';

export default defineRule({
  id: 'duplicate-id',
  scope: 'workspace',
  title: 'Every record must have an id of its own',
  controls: [],
  annexB: [],
  severity: 'error',
  kinds: 'all',
  docs: {
    rationale: 'Records refer to each other by id: a model card names its datasets and its impact assessment, the Statement of Applicability names its evidence. When two records share an id, a reference cannot tell which one it means, so neither the traceability nor the coverage count can be trusted.',
    howToFix: 'Give one of the records a new id (kebab-case, unique in aims/) and update the references that meant it. The finding appears on every record that uses the id, with links to the others.',
    bad: '# aims/data/loans-2024.yaml\nid: loans\n# aims/data/loans-2025.yaml\nid: loans',
    good: '# aims/data/loans-2024.yaml\nid: loans-2024\n# aims/data/loans-2025.yaml\nid: loans-2025',
  },
  check(ctx) {
    for (const [id, list] of ctx.byId) {
      if (list.length < 2) continue;
      for (const r of list) {
        const others = list.filter(o => o !== r);
        const where = others.map(o => `${o.file} (${o.summary.kind})`).join(', ');
        ctx.report(r.file, {
          path: ['id'],
          message: `The id '${id}' is also used by ${where}. Ids must be unique: rename one of the records and update the references that meant it.`,
          related: others.map(o => ({ file: o.file, path: ['id'], message: `'${id}' is also the id of this ${o.summary.kind} record.` })),
        });
      }
    }
  },
});
