import { pathText, defineRule } from '../rule';
import { controlsOf } from '../schema';
import { isEmptyValue } from '../validate';

export default defineRule({
  id: 'invalid-type',
  scope: 'record',
  title: 'Values must have the type the record format expects',
  controls: [],
  annexB: [],
  severity: 'error',
  kinds: 'all',
  fixable: 'fix',
  docs: {
    rationale: 'Tools, reviewers and the coverage computation read the records as data; a list where a mapping is expected, or the text "yes" where true is expected, is either ignored or misread.',
    howToFix: 'Write the value in the expected shape. The fix converts the common cases: a single value where a list is expected is wrapped in a list; the strings "true"/"false" become booleans.',
    bad: 'contains_personal_data: "yes"\nout_of_scope_uses: Automated rejection',
    good: 'contains_personal_data: true\nout_of_scope_uses:\n  - Automated rejection',
  },
  check(ctx) {
    for (const i of ctx.issues()) {
      if (i.type !== 'type') continue;
      const name = pathText(i.path);
      let fix;
      // a single value becomes a one-item list; only where it is a valid item (not in a list of mappings),
      // and an empty value becomes an empty list rather than a list holding one empty item
      if (i.field.type === 'list' && i.actual !== 'mapping' && i.field.items.type !== 'object') {
        fix = isEmptyValue(i.value)
          ? { title: `Change '${name}' to an empty list`, ops: [{ op: 'set' as const, path: i.path, value: [] }] }
          : { title: `Wrap '${name}' in a list`, ops: [{ op: 'set' as const, path: i.path, value: [i.value] }] };
      }
      else if (i.field.type === 'boolean' && typeof i.value === 'string' && /^(true|false)$/i.test(i.value.trim())) {
        const b = i.value.trim().toLowerCase() === 'true';
        fix = { title: `Change '${name}' to ${b}`, ops: [{ op: 'set' as const, path: i.path, value: b }] };
      }
      ctx.report({
        path: i.path, controls: controlsOf(ctx.kind, i.field), fix,
        message: `${i.field.label} (${name}) must be ${i.expected}, not ${i.actual === 'empty' ? 'empty' : `a ${i.actual}`}.`,
      });
    }
  },
});
