import { defineRule } from '../rule';

export function toKebab(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

export default defineRule({
  id: 'invalid-id',
  scope: 'record',
  title: 'Record ids must be kebab-case',
  controls: [],
  annexB: [],
  severity: 'error',
  kinds: 'all',
  fixable: 'suggestion',
  docs: {
    rationale: 'Ids are how records reference each other and how code and reviews name them; one spelling rule (lowercase words joined by hyphens) keeps references unambiguous.',
    howToFix: 'Rename the id to kebab-case and update the records that reference it. The quick fix proposes the kebab-case form; it is not applied automatically because references elsewhere must change too.',
    bad: 'id: Credit_Risk Model',
    good: 'id: credit-risk-model',
  },
  check(ctx) {
    for (const i of ctx.issues()) {
      if (i.type !== 'kebab-id') continue;
      const k = toKebab(i.value);
      ctx.report({
        path: i.path,
        message: `Id '${i.value}' is not kebab-case (lowercase letters and digits joined by single hyphens); ${k ? `use '${k}'` : 'rename it'} and update references to it.`,
        suggestions: k ? [{ title: `Rename id to '${k}'`, ops: [{ op: 'set', path: i.path, value: k }] }] : undefined,
      });
    }
  },
});
