import { pathText, defineRule } from '../rule';
import { controlsOf } from '../schema';
import { oneLine } from '../text';
import { isEmptyValue } from '../validate';

/**
 * The text a one-entry mapping was meant to be, when YAML made it out of prose with ': ' in it
 * (`- Temporal split: train 2019-2023`): a key that reads as words (a space, a capital letter, other
 * characters than an identifier's) and a scalar value. A field-like key (`name: x`) is left alone.
 */
export function proseWithColon(v: unknown): { key: string; text: string } | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length !== 1) return undefined;
  const [key, value] = entries[0];
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
  if (/^[a-z_][A-Za-z0-9_]*$/.test(key) || key.trim() === '' || key.includes('\n')) return undefined;
  return { key, text: `${key}: ${String(value)}` };
}

export default defineRule({
  id: 'invalid-type',
  scope: 'record',
  title: 'Values must have the type the record format expects',
  controls: [],
  annexB: [],
  severity: 'error',
  kinds: 'all',
  fixable: 'fix-and-suggestion',
  docs: {
    rationale: 'Tools, reviewers and the coverage computation read the records as data; a list where a mapping is expected, or the text "yes" where true is expected, is either ignored or misread.',
    howToFix: 'Write the value in the expected shape. The fix converts the common cases: a single value where a list is expected is wrapped in a list; the strings "true"/"false" become booleans. Text with a colon followed by a space (`- Temporal split: train 2019-2023`) is read by YAML as a mapping: put it in quotes (the quick fix does).',
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
      // the commonest YAML trap: prose with ': ' in it became a mapping
      const prose = (i.field.type === 'text' || i.field.type === 'string') ? proseWithColon(i.value) : undefined;
      const trap = prose ? ` YAML read it as a mapping because of the ': ' after '${oneLine(prose.key)}'; put the whole text in quotes: "${oneLine(prose.text)}".` : '';
      const suggestions = prose ? [{ title: `Quote the text '${oneLine(prose.text)}'`, ops: [{ op: 'set' as const, path: i.path, value: prose.text }] }] : undefined;
      ctx.report({
        path: i.path, controls: controlsOf(ctx.kind, i.field), fix, suggestions,
        message: `${i.field.label} (${name}) must be ${i.expected}, not ${i.actual === 'empty' ? 'empty' : `a ${i.actual}`}.${trap}`,
      });
    }
  },
});
