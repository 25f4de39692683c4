import { pathText, defineRule } from '../rule';
import { didYouMean } from '../text';

export default defineRule({
  id: 'unknown-key',
  scope: 'record',
  title: 'Keys must be part of the record format',
  controls: [],
  annexB: [],
  severity: 'warning',
  kinds: 'all',
  fixable: 'fix',
  docs: {
    rationale: 'A misspelt key (limitation instead of limitations) hides content from every check and from coverage: the record looks complete to its author and incomplete to everyone else.',
    howToFix: 'Rename the key to the one it was meant to be (the fix does this when there is exactly one close match that is not used yet), or remove it. Custom data belongs in a separate file.',
    bad: 'limitation:\n  - Not calibrated for applicants under 21',
    good: 'limitations:\n  - Not calibrated for applicants under 21',
  },
  check(ctx) {
    for (const i of ctx.issues()) {
      if (i.type !== 'unknown-key') continue;
      const guess = didYouMean(i.key, i.known);
      const parentPath = i.path.slice(0, -1);
      let parent: unknown = ctx.data;
      for (const seg of parentPath) parent = (parent as Record<string | number, unknown>)?.[seg];
      const free = guess && !(parent && typeof parent === 'object' && guess in (parent as object));
      ctx.report({
        path: i.path, target: 'key',
        message: `Unknown key '${pathText(i.path)}'${guess ? `; did you mean '${guess}'?` : '.'}${guess ? '' : ` Known keys here: ${i.known.join(', ')}.`}`,
        fix: free ? { title: `Rename '${i.key}' to '${guess}'`, ops: [{ op: 'rename-key', path: i.path, to: guess! }] } : undefined,
      });
    }
  },
});
