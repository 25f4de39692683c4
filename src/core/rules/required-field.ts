import { pathText, defineRule } from '../rule';
import { controlsOf, emptyValueFor, fieldControls } from '../schema';

const REQUIRED = fieldControls(f => !!f.required);

export default defineRule({
  id: 'required-field',
  scope: 'record',
  title: 'Content that the Annex A controls require must be present and not empty',
  // every control a finding of this rule can carry: those of the required fields
  controls: REQUIRED.controls,
  annexB: REQUIRED.controls.map(c => c.replace(/^A\./, 'B.')),
  clauses: ['4.3', '7.5'],
  severity: 'error',
  kinds: 'all',
  fixable: 'suggestion',
  docs: {
    rationale: `Each kind of record has content without which the control it evidences is not met: a model card without intended use does not inform users (A.8.2, A.9.4), a data record without lineage does not document provenance (A.7.5). Every finding names the control of the missing field. Only content a control (or a clause, like the AIMS scope of the Statement of Applicability, clause 4.3) requires is an error here; what only the Annex B guidance suggests is recommended-field, at info level. Required (error): ${REQUIRED.byKind}.`,
    howToFix: 'Add the key and write the content. The quick fix inserts the key with an empty value of the right shape for you to fill in, next to its neighbours in the order of the record format (a yes/no question is left unanswered, `null`, never `false`). See docs/record-format.md for what each key expects.',
    bad: 'kind: ModelCard\nid: credit-risk\n# intended_use missing',
    good: 'kind: ModelCard\nid: credit-risk\nintended_use: Scores consumer-credit applications for the underwriting team.',
  },
  check(ctx) {
    for (const i of ctx.issues()) {
      if ((i.type !== 'missing' && i.type !== 'empty') || !i.required) continue;
      const name = pathText(i.path);
      const controls = controlsOf(ctx.kind, i.field);
      const what = `${i.field.label} (${name})`;
      const ctl = controls.length ? ` — required for ${controls.join(', ')}` : '';
      if (i.type === 'missing') {
        ctx.report({
          path: i.path, target: 'key', controls,
          message: `Missing ${what}${ctl}. Add it: ${i.field.description}`,
          suggestions: [{ title: `Insert '${name}'`, ops: [{ op: 'set', path: i.path, value: emptyValueFor(i.field) }] }],
        });
      } else {
        ctx.report({ path: i.path, target: 'key', controls, message: `${what} is empty${ctl}. Write it: ${i.field.description}` });
      }
    }
  },
});
