// The record form's pure parts outside the engine: the message gate of the extension
// (webview-ui/src/form/protocol.ts), the page's logic (webview-ui/src/form/logic.ts: typed text on
// its way into the document, findings placement, list shapes) and the shared value helpers
// (src/core/form-values.ts), plus the plain writing of filled-in placeholders (form.ts).
import * as assert from 'node:assert/strict';
import { applyEdits } from '../../src/core/edit';
import { formEdit, formModel, type FormInput } from '../../src/core/form';
import { inputText, pathKey, sameValue, valueAt, valueFromInput } from '../../src/core/form-values';
import { skeletonRecord } from '../../src/core/skeleton';
import {
  byKey, countsText, counts, displayValue, domId, EditBuffer, isBlank, isUnder, itemPath, itemSummary, listShape, stepDate, textRows, TypeAhead, unplaced, worst,
} from '../../webview-ui/src/form/logic';
import { isFormValue, isPath, parseFormMessage, referenceKindsKey, type FindingView } from '../../webview-ui/src/form/protocol';

const finding = (key: string, severity: FindingView['severity'] = 'error'): FindingView =>
  ({ ruleId: 'required-field', severity, message: `m ${key}`, key, path: [], controls: [], fixes: [] });

describe('record form page', () => {
  describe('parseFormMessage: the extension acts only on exactly-shaped messages', () => {
    it('accepts every message type in its exact shape', () => {
      const ok: unknown[] = [
        { type: 'ready' },
        { type: 'save' },
        { type: 'edit', version: 3, change: { type: 'set', path: ['license'], value: 'CC BY 4.0' } },
        { type: 'edit', version: 3, change: { type: 'set', path: ['evaluation', 'metrics', 0, 'value'], value: 0.91 } },
        { type: 'edit', version: 3, change: { type: 'set', path: ['contains_personal_data'], value: null } },
        { type: 'edit', version: 3, change: { type: 'set', path: ['lineage'], value: [{ event: 'created', date: '2026-01-05' }] } },
        { type: 'edit', version: 0, change: { type: 'delete', path: ['size'] } },
        { type: 'edit', version: 1, change: { type: 'add-item', path: ['preparation'] } },
        { type: 'edit', version: 1, change: { type: 'add-item', path: ['preparation'], value: 'x', index: 0 } },
        { type: 'edit', version: 1, change: { type: 'remove-item', path: ['preparation'], index: 2 } },
        { type: 'edit', version: 1, change: { type: 'move-item', path: ['preparation'], from: 2, to: 1 } },
        { type: 'applyFix', ruleId: 'invalid-enum', key: 'status', title: "Replace 'Draft' with 'draft'" },
        { type: 'applyFix', ruleId: 'dangling-reference', key: '', title: 't' },
        { type: 'showRuleDocs', ruleId: 'required-field' },
        { type: 'openText' },
        { type: 'openText', line: 12 },
        { type: 'createRecord', path: ['impact_assessment'], kinds: ['ImpactAssessment'] },
        { type: 'createRecord', path: ['datasets', 1], kinds: ['DataProvenance'], id: 'new-data-2026' },
        { type: 'openRecord', id: 'loan-applications-2024' },
      ];
      for (const m of ok) assert.deepEqual(parseFormMessage(m), m, JSON.stringify(m));
    });

    it('rejects anything else: unknown types, missing or extra fields, bad paths, values and ids', () => {
      let deep: unknown = 'x';
      for (let i = 0; i < 12; i++) deep = { a: deep };
      const bad: unknown[] = [
        undefined, null, 0, 'ready', [], {}, { type: 'READY' }, { type: 'ready', x: 1 },
        { type: 'edit', version: -1, change: { type: 'delete', path: ['a'] } },
        { type: 'edit', version: 1.5, change: { type: 'delete', path: ['a'] } },
        { type: 'edit', version: '1', change: { type: 'delete', path: ['a'] } },
        { type: 'edit', version: 1 },
        { type: 'edit', version: 1, change: null },
        { type: 'edit', version: 1, change: { type: 'set', path: ['a'] } },
        { type: 'edit', version: 1, change: { type: 'set', path: 'a', value: 1 } },
        { type: 'edit', version: 1, change: { type: 'set', path: [], value: 1 } },
        { type: 'edit', version: 1, change: { type: 'set', path: [''], value: 1 } },
        { type: 'edit', version: 1, change: { type: 'set', path: ['__proto__'], value: 1 } },
        { type: 'edit', version: 1, change: { type: 'set', path: ['a', 'constructor'], value: 1 } },
        { type: 'edit', version: 1, change: { type: 'set', path: ['a', -1], value: 1 } },
        { type: 'edit', version: 1, change: { type: 'set', path: ['a', NaN], value: 1 } },
        { type: 'edit', version: 1, change: { type: 'set', path: [true], value: 1 } },
        { type: 'edit', version: 1, change: { type: 'set', path: Array(13).fill('a'), value: 1 } },
        { type: 'edit', version: 1, change: { type: 'set', path: ['a'], value: Infinity } },
        { type: 'edit', version: 1, change: { type: 'set', path: ['a'], value: deep } },
        { type: 'edit', version: 1, change: { type: 'set', path: ['a'], value: { prototype: 1 } } },
        { type: 'edit', version: 1, change: { type: 'set', path: ['a'], value: new Date(0) } },
        { type: 'edit', version: 1, change: { type: 'set', path: ['a'], value: 1, extra: 1 } },
        { type: 'edit', version: 1, change: { type: 'add-item', path: ['a'], index: -1 } },
        { type: 'edit', version: 1, change: { type: 'remove-item', path: ['a'] } },
        { type: 'edit', version: 1, change: { type: 'move-item', path: ['a'], from: 0, to: '1' } },
        { type: 'edit', version: 1, change: { type: 'replace', path: ['a'], value: 1 } },
        { type: 'applyFix', ruleId: 'Bad Rule', key: 'a', title: 't' },
        { type: 'applyFix', ruleId: 'invalid-enum', key: 'a', title: '' },
        { type: 'showRuleDocs', ruleId: '../../etc/passwd' },
        { type: 'openText', line: 0 },
        { type: 'openText', line: '3' },
        { type: 'createRecord', path: ['system'], kinds: ['Model'] },
        { type: 'createRecord', path: ['system'], kinds: 'ModelCard' },
        { type: 'createRecord', path: ['system'], kinds: ['ModelCard'], id: 'Has Spaces' },
        { type: 'openRecord', id: '' },
      ];
      for (const m of bad) assert.equal(parseFormMessage(m), undefined, JSON.stringify(m) ?? String(m));
    });

    it('isPath / isFormValue bounds', () => {
      assert.ok(isPath(['a', 0, 'b']));
      assert.ok(!isPath([]));
      assert.ok(isPath([], true));
      assert.ok(isFormValue({ a: [1, 'x', null, true, { b: 2 }] }));
      assert.ok(!isFormValue(undefined));
      assert.ok(!isFormValue(() => 1));
      assert.equal(referenceKindsKey(['DataProvenance']), 'DataProvenance');
      assert.equal(referenceKindsKey([]), '*');
    });
  });

  describe('EditBuffer: typed text is never replaced by an older value', () => {
    const text: FormInput = { type: 'text' };
    const num: FormInput = { type: 'number' };
    const to = (i: FormInput) => (raw: string) => valueFromInput(i, raw);

    it('keeps typed text while dirty and while on its way; settles when the document holds it', () => {
      const b = new EditBuffer();
      assert.equal(b.shown('title', 'Old', to(text)), 'Old');
      b.typed('title', 'New');
      assert.equal(b.shown('title', 'Old', to(text)), 'New', 'dirty: the typing stays');
      assert.equal(b.take('title'), 'New');
      assert.equal(b.take('title'), undefined, 'nothing new to send');
      assert.equal(b.shown('title', 'Old', to(text)), 'New', 'sent, not yet in the document: still the typing');
      b.typed('title', 'Newer'); // typing goes on while the first commit travels
      assert.equal(b.shown('title', 'New', to(text)), 'Newer', 'a view with the first commit does not take the later typing');
      assert.equal(b.take('title'), 'Newer');
      assert.equal(b.shown('title', 'Newer', to(text)), 'Newer');
      assert.deepEqual(b.keys(), [], 'settled');
      assert.equal(b.shown('title', 'Changed in the text', to(text)), 'Changed in the text', 'after settling the document wins');
    });

    it('compares values, not texts (12.50 is 12.5)', () => {
      const b = new EditBuffer();
      b.typed('n', '12.50');
      b.take('n');
      assert.equal(b.shown('n', 12.5, to(num)), '12.5');
      assert.deepEqual(b.keys(), []);
    });

    it('gives up waiting after the patience, and keeps a refused commit dirty with its message', () => {
      let now = 0;
      const b = new EditBuffer(() => now, 1000);
      b.typed('a', 'x');
      b.take('a');
      now = 500;
      assert.equal(b.shown('a', 'old', to(text)), 'x');
      now = 2000;
      assert.equal(b.shown('a', 'old', to(text)), 'old');
      b.typed('b', 'y');
      b.take('b');
      b.failed('b', 'no');
      assert.equal(b.isDirty('b'), true);
      assert.equal(b.error('b'), 'no');
      assert.equal(b.shown('b', 'old', to(text)), 'y');
      b.typed('b', 'yy');
      assert.equal(b.error('b'), undefined, 'typing again clears the message');
      b.settle('b');
      assert.equal(b.shown('b', 'old', to(text)), 'old');
    });

    it('an emptied input matches a missing key', () => {
      const b = new EditBuffer();
      b.typed('size', '');
      b.take('size');
      assert.equal(b.shown('size', undefined, to(text)), '');
      assert.deepEqual(b.keys(), []);
    });
  });

  describe('findings and values', () => {
    it('places findings by key; the rest goes to the top', () => {
      const list = [finding(''), finding('license'), finding('lineage[0].date', 'warning'), finding('limitation', 'warning')];
      const m = byKey(list);
      assert.equal(m.get('license')?.length, 1);
      assert.deepEqual(unplaced(list, new Set(['license', 'lineage[0].date'])).map(f => f.key), ['', 'limitation']);
      assert.equal(worst(list), 'error');
      assert.equal(worst([finding('a', 'info'), finding('b', 'warning')]), 'warning');
      assert.equal(countsText(counts(list)), '2 errors · 2 warnings');
      assert.equal(countsText(counts([finding('a', 'info')])), '1 suggestion');
      assert.equal(countsText(counts([])), '');
    });

    it('isUnder: a key and the keys below it', () => {
      assert.ok(isUnder('lineage', 'lineage'));
      assert.ok(isUnder('lineage[0].date', 'lineage'));
      assert.ok(isUnder('source.name', 'source'));
      assert.ok(!isUnder('sources', 'source'));
      assert.ok(isUnder('anything', ''));
    });

    it('domId: stable and unique per key', () => {
      assert.equal(domId('f', 'quality.results[0].value'), domId('f', 'quality.results[0].value'));
      assert.notEqual(domId('f', 'a.b'), domId('f', 'a_b'));
      assert.match(domId('f', 'evaluation.metrics[0]'), /^f-[A-Za-z0-9_-]+$/);
    });

    it('list shapes: a list, one value where one is allowed, missing, or something the form cannot edit', () => {
      assert.deepEqual(listShape(['a'], false), { shape: 'list', items: ['a'] });
      assert.deepEqual(listShape('one bias', true), { shape: 'single', items: ['one bias'] });
      assert.deepEqual(listShape('', true), { shape: 'missing', items: [] });
      assert.deepEqual(listShape(null, false), { shape: 'missing', items: [] });
      assert.deepEqual(listShape('x', false), { shape: 'invalid', items: [] });
      assert.deepEqual(listShape({ a: 1 }, true), { shape: 'invalid', items: [] });
      assert.deepEqual(itemPath(['known_bias'], 'single', 0), ['known_bias']);
      assert.deepEqual(itemPath(['known_bias'], 'list', 2), ['known_bias', 2]);
    });

    it('item summaries and read-only values are plain text', () => {
      const fields = formModel('DataProvenance').groups.flatMap(g => g.fields).find(f => f.key === 'lineage')!;
      assert.equal(fields.input.type, 'object-list');
      if (fields.input.type !== 'object-list') return;
      assert.equal(itemSummary({ event: 'created', date: '2026-01-05', by: 'export job', note: 'x' }, fields.input.fields), 'created · 2026-01-05 · export job');
      assert.equal(itemSummary({ event: '', by: '<b>x</b>' }, fields.input.fields), '<b>x</b>');
      const soa = formModel('Applicability').groups.flatMap(g => g.fields).find(f => f.key === 'controls')!;
      if (soa.input.type !== 'object-list') throw new Error('SoA controls are a list of mappings');
      assert.equal(itemSummary({ id: 'A.2.2', applicable: true, justification: 'Long text', status: 'implemented' }, soa.input.fields), 'A.2.2 AI policy · Applicable · implemented');
      assert.equal(itemSummary({ id: 'A.9.2', applicable: false, justification: 'Why not' }, soa.input.fields), 'A.9.2 Processes for responsible use of AI systems · not applicable · Why not');
      assert.equal(displayValue({ a: [1] }), '{"a":[1]}');
      assert.equal(displayValue(null), 'null');
      assert.equal(textRows('one line'), 2);
      assert.equal(textRows('a\nb\nc\nd'), 4);
      assert.equal(textRows('x'.repeat(5000)), 12);
    });

    it('inputText / valueFromInput round trip; sameValue; valueAt; pathKey', () => {
      assert.equal(inputText(null), '');
      assert.equal(inputText(undefined), '');
      assert.equal(inputText(true), 'true');
      assert.equal(inputText(0.91), '0.91');
      assert.equal(inputText(['a']), undefined);
      assert.equal(valueFromInput({ type: 'boolean' }, inputText(false)!), false);
      assert.equal(valueFromInput({ type: 'scalar' }, inputText(0.91)!), 0.91);
      assert.ok(sameValue({ a: [1, { b: null }] }, { a: [1, { b: null }] }));
      assert.ok(!sameValue({ a: 1 }, { a: 1, b: undefined }));
      assert.ok(!sameValue([1], { 0: 1 }));
      assert.equal(valueAt({ a: [{ b: 2 }] }, ['a', 0, 'b']), 2);
      assert.equal(pathKey(['evaluation', 'metrics', 0, 'dataset']), 'evaluation.metrics[0].dataset');
    });
  });

  describe('keyboard helpers', () => {
    it('type-to-select: a prefix within a second, the same letter again steps on, no match selects nothing', () => {
      const opts = ['created', 'updated', 'transcribed', 'abstracted', 'validated', 'transferred'].map(v => ({ value: v, label: v }));
      const t = new TypeAhead();
      assert.equal(t.next(opts, '', 't', 0), 'transcribed');
      assert.equal(t.next(opts, 'transcribed', 't', 100), 'transferred', 'the same letter: the next option with it');
      assert.equal(t.next(opts, 'transferred', 't', 200), 'transcribed', 'and round again');
      assert.equal(t.next(opts, 'transcribed', 'v', 5000), 'validated', 'after a pause: a new prefix');
      assert.equal(t.next(opts, '', 'u', 10_000), 'updated');
      assert.equal(t.next(opts, 'updated', 'x', 10_100), undefined, "'ux' matches nothing");
      const t2 = new TypeAhead();
      assert.equal(t2.next(opts, '', 't', 0), 'transcribed');
      assert.equal(t2.next(opts, 'transcribed', 'r', 300), 'transcribed');
      assert.equal(t2.next(opts, 'transcribed', 'a', 600), 'transcribed');
      assert.equal(t2.next(opts, 'transcribed', 'n', 900), 'transcribed');
      assert.equal(t2.next(opts, 'transcribed', 's', 1200), 'transcribed');
      assert.equal(t2.next(opts, 'transcribed', 'f', 1500), 'transferred', "the prefix 'transf'");
    });

    it('Up / Down on a date: a day (Shift: a month, clamped to its last day); nothing on what is not a date', () => {
      assert.equal(stepDate('2026-11-20', 1), '2026-11-21');
      assert.equal(stepDate('2026-12-31', 1), '2027-01-01');
      assert.equal(stepDate('2028-03-01', -1), '2028-02-29');
      assert.equal(stepDate('2026-01-31', 1, true), '2026-02-28');
      assert.equal(stepDate('2026-03-15', -1, true), '2026-02-15');
      for (const bad of ['', '2026-02-30', '2026/01/05', '20261105', 'x']) assert.equal(stepDate(bad, 1), undefined, bad);
    });

    it('isBlank: what a person still has to write', () => {
      for (const v of [undefined, null, '', '   ', [], {}]) assert.equal(isBlank(v), true, JSON.stringify(v));
      for (const v of ['x', 0, false, ['a'], { a: 1 }]) assert.equal(isBlank(v), false, JSON.stringify(v));
    });
  });

  describe('filling in a skeleton from the form', () => {
    it('writes a filled-in "" placeholder plainly, keeps other quoting, and never quotes what YAML must not read as a boolean plainly', () => {
      const text = skeletonRecord('DataProvenance', 'fill-test', { today: '2026-11-22' });
      const set = (t: string, path: (string | number)[], value: unknown): string => {
        const r = formEdit(t, { type: 'set', path, value: value as never });
        assert.ok(r.ok, r.ok ? '' : r.error);
        assert.equal(applyEdits(t, r.edits), r.text);
        return r.text;
      };
      let t = set(text, ['license'], 'CC BY 4.0');
      assert.match(t, /^license: CC BY 4\.0$/m);
      t = set(t, ['title'], 'Loans: 2024 # not a comment');
      assert.match(t, /^title: "Loans: 2024 # not a comment"$|^title: 'Loans: 2024 # not a comment'$/m);
      t = set(t, ['source', 'supplier'], 'no');
      assert.match(t, /^ {2}supplier: "no"$/m);
      t = set(t, ['labelling'], 'Line one.\nLine two.');
      assert.match(t, /^labelling: \|-\n {2}Line one\.\n {2}Line two\.$/m);
      const lines = text.split('\n');
      const changed = t.split('\n').filter(l => !lines.includes(l));
      assert.equal(changed.length, 6, `only the edited lines differ: ${JSON.stringify(changed)}`);
      // a value that was quoted on purpose keeps its quotes
      assert.match(set('a: "x"\n', ['a'], 'y'), /^a: "y"$/m);
    });
  });
});
