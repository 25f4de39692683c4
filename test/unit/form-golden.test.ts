// The YAML the record form writes, checked against golden files: for each kind, an `aims new`
// skeleton is filled in field by field through the form's own changes (set, add-item, as the page
// sends them), every field of the form in its order, the optional ones too; the resulting text must
// be exactly test/fixtures/form-golden/<kind>.yaml. Those files are what a careful engineer writes by
// hand: lists in block style one item per line, strings quoted only where YAML needs it, every key in
// the kind's field order, and the skeleton's comments gone with the placeholders they explained
// (comments on values the skeleton filled in itself, such as status, stay).
//   AIMS_UPDATE_GOLDEN=1 rewrites the golden files (then read the diff line by line before committing).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formEdit, formModel, formState, type FormChange, type FormField, type ScalarInput } from '../../src/core/form';
import { valueAt } from '../../src/core/form-values';
import { KINDS, type Kind, type Path } from '../../src/core/model';
import { kindToKebab, skeletonRecord } from '../../src/core/skeleton';
import { Linter } from '../../src/core/linter';

const GOLDEN = path.resolve(__dirname, '../../../test/fixtures/form-golden');

/** What a person types into an input (a value per input type; texts name their field). */
function typedValue(input: ScalarInput, f: FormField, path: Path, n: number): unknown {
  const where = path.filter(s => typeof s === 'string').join(' ');
  switch (input.type) {
    case 'text': return input.format === 'kebab-id' ? `item-${n}` : input.format === 'uri' ? `https://example.com/${where.replace(/ /g, '/')}/${n}` : `${f.label} ${n}`;
    // a long text over two lines, with a colon and a quote that YAML must not misread
    case 'textarea': return n % 2 ? `${f.label}: first line, "quoted" words.\nSecond line ${n}.` : `${f.label} ${n} in one line`;
    case 'date': return `2026-11-${String(10 + (n % 18)).padStart(2, '0')}`;
    case 'number': return n;
    case 'scalar': return n % 2 ? 0.91 : '99.6 %';
    case 'boolean': return true;
    case 'enum': return input.values[n % input.values.length];
    case 'ref': return `record-${n}`;
    case 'control-id': return ['A.6.2.4', 'A.7.4', 'A.9.2'][n % 3];
  }
}

/** The form's changes for filling in every field of `fields` under `base` (reading the current data). */
class Filler {
  n = 0;
  constructor(public text: string, private readonly kind: Kind) {}

  apply(change: FormChange): void {
    const r = formEdit(this.text, change, this.kind);
    assert.ok(r.ok, `${JSON.stringify(change)}: ${r.ok ? '' : r.error}`);
    this.text = r.text;
  }

  get data(): unknown { return formState(this.text).data; }

  fill(fields: readonly FormField[], base: Path): void {
    for (const f of fields) {
      const p = [...base, ...f.path];
      const input = f.input;
      if (input.type === 'object') { this.fill(input.fields, base); continue; }
      if (input.type === 'list') {
        const cur = valueAt(this.data, p);
        const have = Array.isArray(cur) ? cur.length : 0;
        // two items, added with "Add item" and typed in
        for (let i = have; i < 2; i++) {
          this.apply({ type: 'add-item', path: p });
          this.apply({ type: 'set', path: [...p, i], value: typedValue(input.item, f, p, ++this.n) as never });
        }
        continue;
      }
      if (input.type === 'object-list') {
        const cur = valueAt(this.data, p);
        const have = Array.isArray(cur) ? cur.length : 0;
        // the skeleton's blank item is filled in, a second one is added
        for (let i = 0; i < Math.max(have, 2); i++) {
          if (i >= have) this.apply({ type: 'add-item', path: p });
          this.fill(input.fields, [...p, i]);
        }
        continue;
      }
      // values the skeleton wrote itself (apiVersion, kind, id, status, dates) stay
      const cur = valueAt(this.data, p);
      if (cur !== undefined && cur !== null && cur !== '') continue;
      this.apply({ type: 'set', path: p, value: typedValue(input, f, p, ++this.n) as never });
    }
  }
}

describe('record form: the YAML it writes (golden files per kind)', () => {
  for (const kind of KINDS) {
    it(`${kind}: filling in the whole form of an 'aims new' skeleton gives ${kindToKebab(kind)}.yaml`, function () {
      this.timeout(60_000); // the Statement of Applicability: 38 entries, some 400 edits
      const id = `golden-${kindToKebab(kind)}`;
      const skeleton = skeletonRecord(kind, id, { today: '2026-12-07', comments: true });
      const filler = new Filler(skeleton, kind);
      const model = formModel(kind);
      for (const g of model.groups) filler.fill(g.fields, []);
      const file = path.join(GOLDEN, `${kindToKebab(kind)}.yaml`);
      if (process.env.AIMS_UPDATE_GOLDEN) { fs.mkdirSync(GOLDEN, { recursive: true }); fs.writeFileSync(file, filler.text); }
      const want = fs.readFileSync(file, 'utf8');
      if (filler.text !== want) {
        const got = filler.text.split('\n');
        const exp = want.split('\n');
        const diff = got.map((l, i) => (l !== exp[i] ? `${i + 1}: got ${JSON.stringify(l)} want ${JSON.stringify(exp[i])}` : '')).filter(Boolean);
        assert.fail(`${kindToKebab(kind)}.yaml differs:\n${diff.slice(0, 10).join('\n')}`);
      }
      // the form wrote what it meant: every value it typed reads back, and no flow list is left
      const linter = new Linter({ today: '2026-12-07' });
      linter.setFile(`aims/${id}.yaml`, filler.text);
      assert.deepEqual(linter.findingsFor(`aims/${id}.yaml`).filter(f => f.ruleId === 'yaml-syntax' || f.ruleId === 'duplicate-key' || f.ruleId === 'unknown-key'), []);
      assert.doesNotMatch(filler.text, /: \[[^\]]/, 'no list written in flow style');
      assert.doesNotMatch(filler.text, /^\s*# Optional, add when it applies:/m, 'every optional key was added: none is left named in a comment');
    });
  }
});
