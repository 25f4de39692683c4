import { pathText, defineRule } from '../rule';
import { controlsOf } from '../schema';
import { didYouMean } from '../text';

export default defineRule({
  id: 'invalid-enum',
  scope: 'record',
  title: 'Values from a fixed list must be one of the allowed values',
  controls: [],
  annexB: [],
  severity: 'error',
  kinds: 'all',
  fixable: 'fix',
  docs: {
    rationale: 'Status, ML use, lineage events and impact ratings are compared and counted by tools and auditors; a value outside the list (or spelled differently) is not counted at all.',
    howToFix: 'Use one of the allowed values listed in the message. When the value is a near miss (different case or a small typo) the fix replaces it.',
    bad: 'status: Approved',
    good: 'status: approved',
  },
  check(ctx) {
    for (const i of ctx.issues()) {
      if (i.type !== 'enum') continue;
      const name = pathText(i.path);
      const guess = didYouMean(i.value, i.allowed);
      ctx.report({
        path: i.path, controls: controlsOf(ctx.kind, i.field),
        message: `'${i.value}' is not allowed in ${name}${guess ? `; did you mean '${guess}'?` : '.'} Allowed: ${i.allowed.join(', ')}.`,
        fix: guess ? { title: `Replace '${i.value}' with '${guess}'`, ops: [{ op: 'set', path: i.path, value: guess }] } : undefined,
      });
    }
  },
});
