import { defineRule } from '../rule';
import { isEmptyValue, isPlaceholder } from '../validate';

export default defineRule({
  id: 'personal-data-legal-basis',
  scope: 'record',
  title: 'Data that contains personal data must state its legal basis',
  controls: ['A.7.3', 'A.7.2'],
  annexB: ['B.7.3', 'B.7.2'],
  severity: 'error',
  kinds: ['DataProvenance'],
  fixable: 'suggestion',
  docs: {
    rationale: 'Acquiring and using data for AI needs documented rights to do so; for personal data that means a legal basis under the applicable privacy law. The guidance for data acquisition and for data management asks for data rights and privacy implications to be recorded.',
    howToFix: 'Write the legal basis in `legal_basis` (for example "contract, GDPR art. 6(1)(b)"), or set `contains_personal_data: false` if the data has been anonymised — and say how in `preparation`.',
    bad: 'contains_personal_data: true',
    good: 'contains_personal_data: true\nlegal_basis: legitimate interest (GDPR art. 6(1)(f)), balancing test DPIA-2024-07',
  },
  check(ctx) {
    if (ctx.data.contains_personal_data !== true) return;
    const lb = ctx.data.legal_basis;
    if (!isEmptyValue(lb) && !(typeof lb === 'string' && isPlaceholder(lb))) return;
    const missing = !('legal_basis' in ctx.data);
    ctx.report({
      path: missing ? ['contains_personal_data'] : ['legal_basis'], target: missing ? 'key' : 'value',
      message: missing
        ? 'The data contains personal data but no legal_basis is given. Add legal_basis with the legal ground for processing it (for example "contract, GDPR art. 6(1)(b)").'
        : 'legal_basis is empty or a placeholder although the data contains personal data. Write the legal ground for processing it.',
      suggestions: missing ? [{ title: "Insert 'legal_basis'", ops: [{ op: 'set', path: ['legal_basis'], value: '' }] }] : undefined,
    });
  },
});
