import { defineRule } from '../rule';

export default defineRule({
  id: 'soa-multiple-in-force',
  scope: 'workspace',
  title: 'Exactly one Statement of Applicability may be in force',
  controls: [],
  annexB: [],
  severity: 'error',
  kinds: ['Applicability'],
  docs: {
    rationale: 'Clause 6.1.3 asks for one Statement of Applicability. With two in force (neither retired), the organization has taken two positions on the same controls, and nothing says which one an auditor should read; coverage uses neither and shows every control as missing until one remains. Each file names the other, so the choice is made knowingly.',
    howToFix: 'Merge the statements into one, or set `status: retired` on the one that no longer applies (keep it for the record). A retired statement is not in force.',
    bad: '# aims/statement-of-applicability.yaml  status: approved\n# aims/soa-2025.yaml                     status: approved',
    good: '# aims/statement-of-applicability.yaml  status: approved\n# aims/soa-2025.yaml                     status: retired',
  },
  check(ctx) {
    const inForce = ctx.records.filter(r => r.summary.kind === 'Applicability' && r.summary.status !== 'retired');
    if (inForce.length < 2) return;
    for (const r of inForce) {
      const others = inForce.filter(x => x !== r);
      ctx.report(r.file, {
        path: ['kind'], target: 'value',
        message: `Another Statement of Applicability is in force: ${others.map(o => `${o.file}${o.summary.id ? ` (${o.summary.id})` : ''}`).join(', ')}. Exactly one may be; merge them or set status: retired on the one that no longer applies. Until then coverage uses neither.`,
        related: others.map(o => ({ file: o.file, path: ['kind'], message: 'The other Statement of Applicability in force.' })),
      });
    }
  },
});
