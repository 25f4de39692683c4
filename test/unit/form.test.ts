// The form editor's engine (src/core/form.ts): the model of every kind from KIND_SPECS, the state of a
// document (values, syntax problems, findings per path), and form changes as minimal text edits that
// keep comments, quoting and untouched lines byte-identical, in LF and CRLF files, and never lose text.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as jsyaml from 'js-yaml';
import { CONTROL_IDS, getControl } from '../../src/core/catalogue';
import { applyEdits } from '../../src/core/edit';
import {
  formEdit, formModel, formState, newListItem, RECORD_GROUP, referenceOptions, valueAt, valueFromInput,
  type FormChange, type FormField, type FormInput,
} from '../../src/core/form';
import { KINDS, type Path } from '../../src/core/model';
import { Locator } from '../../src/core/parse';
import { openProject } from '../../src/core/project';
import { pathText } from '../../src/core/rule';
import { KIND_SPECS } from '../../src/core/schema';

const REPO = path.resolve(__dirname, '../../..');
const TODAY = '2026-11-22';

function yamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

const EXAMPLE_FILES = yamlFiles(path.join(REPO, 'examples/aims'));
const FIXTURE_FILES = yamlFiles(path.join(REPO, 'test/fixtures'));

/** Every scalar (leaf) of the data with its path; empty lists and mappings are leaves too. */
function scalars(v: unknown, base: Path = []): [Path, unknown][] {
  if (v !== null && typeof v === 'object' && Object.keys(v).length) {
    const out: [Path, unknown][] = [];
    for (const [k, x] of Object.entries(v)) out.push(...scalars(x, [...base, Array.isArray(v) ? Number(k) : k]));
    return out;
  }
  return [[base, v]];
}

function setAt(data: unknown, p: Path, value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(data)) as Record<string | number, unknown>;
  let o = copy;
  for (const seg of p.slice(0, -1)) o = o[seg] as Record<string | number, unknown>;
  o[p[p.length - 1]] = value;
  return copy;
}

function edit(text: string, change: FormChange): string {
  const r = formEdit(text, change);
  assert.ok(r.ok, `${JSON.stringify(change)}: ${r.ok ? '' : r.error}`);
  assert.equal(applyEdits(text, r.edits), r.text, 'the edits produce the returned text');
  return r.text;
}

/** The data as js-yaml reads it: a second, independent parser must agree with the edits. */
function load(text: string): unknown {
  const docs: unknown[] = [];
  jsyaml.loadAll(text, d => { docs.push(d); }, { schema: jsyaml.CORE_SCHEMA });
  return docs[0];
}

// A small record with comments, blank lines, block and flow lists: the exact-output tests edit it.
const DP = [
  '# Loan applications',
  'apiVersion: aims/v1',
  'kind: DataProvenance',
  'id: loan-applications',
  'title: Loan applications 2024',
  'owner: Data team  # accountable',
  'status: draft',
  'reviewed: 2026-01-10',
  'review_by: 2027-01-10',
  'source:',
  '  name: Loan origination system',
  '  supplier: internal',
  'acquisition:',
  '  method: internal',
  '  date: 2025-01-15',
  'ml_use: [training, validation]',
  'preparation:',
  '  - Dropped names.  # privacy',
  '  # then',
  '  - Joined outcomes.',
  '',
  '  - Capped ratios.',
  'lineage:',
  '  - event: created',
  '    date: 2025-01-15',
  '    by: export job',
  '  - event: validated',
  '    date: 2025-01-20',
  '    by: quality suite',
  'known_bias: Self-employed applicants are few.',
  '',
].join('\n');

/** DP with the lines from..to (1-based, inclusive) replaced by `lines`. */
function dpWith(from: number, to: number, lines: string[]): string {
  const l = DP.split('\n');
  l.splice(from - 1, to - from + 1, ...lines);
  return l.join('\n');
}

describe('form engine', () => {
  describe('formModel', () => {
    for (const kind of KINDS) {
      it(`${kind}: every field of KIND_SPECS once, grouped by the control it serves, Record first`, () => {
        const m = formModel(kind);
        const spec = KIND_SPECS[kind];
        assert.equal(m.kind, kind);
        assert.equal(m.title, spec.title);
        assert.equal(m.groups[0].id, RECORD_GROUP);
        assert.equal(m.groups[0].title, 'Record');
        const keys = m.groups.flatMap(g => g.fields.map(f => f.key));
        assert.deepEqual([...keys].sort(), Object.keys(spec.fields).sort());
        let lastRank = -1;
        for (const g of m.groups.slice(1)) {
          const c = getControl(g.id);
          assert.ok(c, `group ${g.id} is a catalogue control`);
          assert.equal(g.title, c.title);
          assert.equal(g.control, g.id);
          assert.ok(g.annexGroup && g.id.startsWith(g.annexGroup.id + '.'), `${g.id} in ${g.annexGroup?.id}`);
          const rank = CONTROL_IDS.indexOf(g.id);
          assert.ok(rank > lastRank, 'groups in catalogue order');
          lastRank = rank;
          for (const f of g.fields) assert.equal(spec.fields[f.key].controls?.[0], g.id, `${f.key} serves ${g.id} first`);
        }
        for (const f of m.groups[0].fields) assert.ok(!spec.fields[f.key].controls?.length, `${f.key} names no control`);
        // required / recommended and paths come from the spec
        const walk = (fields: FormField[], base: Path): void => {
          for (const f of fields) {
            assert.deepEqual(f.path, [...base, f.key]);
            if (f.input.type === 'object') walk(f.input.fields, f.path);
            if (f.input.type === 'object-list') walk(f.input.fields, []);
          }
        };
        for (const g of m.groups) walk(g.fields, []);
        for (const g of m.groups) for (const f of g.fields) {
          assert.equal(f.required, !!spec.fields[f.key].required);
          assert.equal(f.recommended, !!spec.fields[f.key].recommended);
        }
      });
    }

    it('maps every field type to its input', () => {
      const mc = formModel('ModelCard');
      const all = (fields: FormField[]): FormField[] => fields.flatMap(f => [f, ...(f.input.type === 'object' || f.input.type === 'object-list' ? all(f.input.fields) : [])]);
      const byPath = new Map(mc.groups.flatMap(g => all(g.fields)).map(f => [f.path.join('.'), f.input]));
      const input = (p: string): FormInput => { const i = byPath.get(p); assert.ok(i, p); return i; };
      assert.deepEqual(input('title'), { type: 'text' });
      assert.deepEqual(input('id'), { type: 'text', format: 'kebab-id' });
      assert.deepEqual(input('intended_use'), { type: 'textarea' });
      assert.deepEqual(input('reviewed'), { type: 'date' });
      assert.deepEqual(input('status'), { type: 'enum', values: ['draft', 'in-review', 'approved', 'retired'] });
      assert.deepEqual(input('deployment.release_criteria_met'), { type: 'boolean' });
      assert.deepEqual(input('impact_assessment'), { type: 'ref', kinds: ['ImpactAssessment'] });
      assert.deepEqual(input('datasets'), { type: 'list', item: { type: 'ref', kinds: ['DataProvenance'] }, itemLabel: 'dataset', allowSingle: false });
      const lim = input('limitations');
      assert.ok(lim.type === 'list' && lim.allowSingle && lim.item.type === 'text');
      const ctl = input('controls');
      assert.ok(ctl.type === 'list' && ctl.item.type === 'control-id');
      assert.deepEqual(ctl.item.type === 'control-id' && ctl.item.options.map(o => o.id), [...CONTROL_IDS]);
      const ev = input('evaluation');
      assert.ok(ev.type === 'object');
      const metrics = ev.fields.find(f => f.key === 'metrics')!;
      assert.ok(metrics.input.type === 'object-list');
      assert.deepEqual(metrics.path, ['evaluation', 'metrics']);
      assert.deepEqual(metrics.input.fields.map(f => [f.key, f.input.type]), [['name', 'text'], ['value', 'scalar'], ['dataset', 'ref'], ['slice', 'text']]);
      assert.deepEqual(metrics.input.newItem, { name: '', value: '', dataset: '' });

      const soa = formModel('Applicability');
      const controls = soa.groups[0].fields.find(f => f.key === 'controls')!;
      assert.ok(controls.input.type === 'object-list');
      // like `aims new`: yes/no left empty, the form does not answer for the user
      assert.deepEqual(controls.input.newItem, { id: '', applicable: null, justification: '', status: '', owner: '' });
      assert.deepEqual(controls.input.fields.map(f => f.input.type), ['control-id', 'boolean', 'textarea', 'enum', 'text', 'list', 'text']);

      const dp = formModel('DataProvenance');
      const ml = dp.groups.flatMap(g => g.fields).find(f => f.key === 'ml_use')!;
      assert.deepEqual(ml.input, { type: 'list', item: { type: 'enum', values: ['training', 'validation', 'test', 'production'] }, itemLabel: 'use', allowSingle: true });
      const pii = dp.groups.find(g => g.id === 'A.7.2')!;
      assert.ok(pii.fields.some(f => f.key === 'contains_personal_data' && f.input.type === 'boolean' && f.required));
    });

    it('turns input text into typed values', () => {
      assert.equal(valueFromInput({ type: 'number' }, '12.5'), 12.5);
      assert.equal(valueFromInput({ type: 'number' }, 'twelve'), 'twelve');
      assert.equal(valueFromInput({ type: 'scalar' }, '0.91'), 0.91);
      assert.equal(valueFromInput({ type: 'scalar' }, '1.0'), '1.0');
      assert.equal(valueFromInput({ type: 'scalar' }, '99.6 %'), '99.6 %');
      assert.equal(valueFromInput({ type: 'boolean' }, 'true'), true);
      assert.equal(valueFromInput({ type: 'boolean' }, ''), null);
      assert.equal(valueFromInput({ type: 'date' }, '2026-01-10'), '2026-01-10');
      assert.equal(valueFromInput({ type: 'text' }, 'yes'), 'yes');
      assert.deepEqual(newListItem('DataProvenance', ['lineage']), { event: '', date: '', by: '' });
      assert.equal(newListItem('DataProvenance', ['preparation']), '');
    });

    it('offers the records of the allowed kinds as references', () => {
      const project = openProject(path.join(REPO, 'examples'), { today: TODAY });
      const opts = referenceOptions(project.linter.records(), ['DataProvenance']);
      assert.ok(opts.length >= 4);
      assert.ok(opts.every(o => o.kind === 'DataProvenance' && o.id && o.file.startsWith('aims/data/')));
      assert.deepEqual(opts.map(o => o.id), [...opts.map(o => o.id)].sort());
    });
  });

  describe('formState', () => {
    it('reads the values of every example record and puts the linter\'s findings on their paths', () => {
      const project = openProject(path.join(REPO, 'examples'), { today: TODAY });
      let withFindings = 0;
      for (const file of project.files) {
        const text = project.linter.text(file)!;
        const findings = project.linter.findingsFor(file);
        const st = formState(text, findings);
        assert.ok(st.editable, file);
        assert.deepEqual(st.problems, [], file);
        assert.ok(st.kind, file);
        assert.equal(st.data?.kind, st.kind);
        assert.equal(st.findings.length, findings.length);
        for (const f of findings) {
          const list = st.findingsByPath[pathText(f.path)];
          assert.ok(list?.some(x => x.ruleId === f.ruleId && x.message === f.message && x.severity === f.severity), `${file}: ${f.ruleId} at ${pathText(f.path)}`);
        }
        for (const f of st.findings) assert.match(f.href, /\/docs\/rules\/[a-z0-9-]+\.md$/);
        if (findings.length) withFindings++;
      }
      assert.ok(withFindings > 0, 'the examples have findings to show');
    });

    it('reports a syntax error with its line instead of throwing, and keeps what it could read', () => {
      const broken = DP.replace('title: Loan applications 2024', 'title: "Loan applications 2024');
      const st = formState(broken);
      assert.equal(st.editable, false);
      assert.ok(st.problems.length >= 1);
      assert.equal(st.problems[0].code, 'syntax');
      assert.ok(st.problems[0].start.line >= 5, JSON.stringify(st.problems[0]));
      assert.ok(st.problems[0].message.length > 0);

      const tab = DP.replace('  supplier: internal', '\tsupplier: internal');
      const st2 = formState(tab);
      assert.equal(st2.editable, false);
      assert.equal(st2.problems[0].start.line, 12);
      assert.equal(st2.data?.kind, 'DataProvenance', 'the values before the error are kept');
    });

    it('flags duplicate keys, several documents, non-mappings, unknown kinds and unknown keys', () => {
      assert.equal(formState(DP + 'title: again\n').editable, false);
      assert.equal(formState(DP + 'title: again\n').problems[0].code, 'duplicate-key');
      assert.deepEqual(formState(DP + '---\nkind: ModelCard\n').problems.map(p => p.code), ['multiple-documents']);
      assert.deepEqual(formState(DP + '---\n# only a comment\n').problems, [], 'an empty trailing document is fine');
      assert.deepEqual(formState('- a\n- b\n').problems.map(p => p.code), ['not-a-mapping']);
      const unknown = formState(DP.replace('kind: DataProvenance', 'kind: Dataset'));
      assert.deepEqual(unknown.problems.map(p => p.code), ['unknown-kind']);
      assert.equal(unknown.kind, undefined);
      assert.equal(unknown.editable, true);
      const extra = formState(DP.replace('  supplier: internal', '  supplier: internal\n  region: eu').replace('    by: export job', '    by: export job\n    signed: yes') + 'notes: x\n');
      assert.deepEqual(extra.unknownPaths, [['source', 'region'], ['lineage', 0, 'signed'], ['notes']]);
      assert.equal(formState('').editable, true);
      assert.equal(formState(DP).eol, '\n');
      assert.equal(formState(DP.replace(/\n/g, '\r\n')).eol, '\r\n');
    });
  });

  describe('formEdit round trip on every record file', () => {
    const files = [...EXAMPLE_FILES, ...FIXTURE_FILES];

    it(`writing back every value unchanged leaves each of ${files.length} files byte-identical`, function () {
      this.timeout(60_000);
      assert.ok(EXAMPLE_FILES.length >= 9, 'the examples are there');
      let n = 0;
      for (const file of files) {
        const text = fs.readFileSync(file, 'utf8');
        const st = formState(text);
        if (!st.editable) {
          // not editable: a clear error, the text untouched
          const r = formEdit(text, { type: 'set', path: ['title'], value: 'x' });
          assert.equal(r.ok, false, file);
          assert.ok(!r.ok && r.error.length > 10, file);
          assert.equal(r.text, text);
          assert.deepEqual(r.edits, []);
          continue;
        }
        for (const [p, v] of scalars(st.data)) {
          if (p.length === 0) continue;
          const r = formEdit(text, { type: 'set', path: p, value: v as never });
          assert.ok(r.ok, `${file} ${pathText(p)}`);
          assert.deepEqual(r.edits, [], `${file} ${pathText(p)}`);
          assert.equal(r.text, text);
          n++;
        }
      }
      assert.ok(n > 1000, `${n} values written back`);
    });

    it('a changed value changes only the lines of its key; writing the old one back restores the file', function () {
      this.timeout(60_000);
      let n = 0;
      for (const file of files) {
        const text = fs.readFileSync(file, 'utf8');
        const st = formState(text);
        if (!st.editable) continue;
        const all = scalars(st.data).filter(([p]) => p.length > 0);
        // every value of the examples; an even spread of each fixture (they share most of their content)
        const step = EXAMPLE_FILES.includes(file) ? Math.max(1, Math.floor(all.length / 30)) : Math.max(1, Math.floor(all.length / 4));
        const locator = new Locator(text);
        for (let i = 0; i < all.length; i += step) {
          const [p, v] = all[i];
          const changed = typeof v === 'string' ? `${v} (edited)` : typeof v === 'number' ? v + 1 : typeof v === 'boolean' ? !v : 'filled in';
          const r = formEdit(text, { type: 'set', path: p, value: changed });
          const where = `${path.relative(REPO, file)} ${pathText(p)}`;
          assert.ok(r.ok, `${where}: ${r.ok ? '' : r.error}`);
          assert.equal(r.edits.length, 1, where);
          // every line before and after the entry's lines is unchanged
          const entry = locator.locate(p, 'entry');
          const from = text.lastIndexOf('\n', entry.startOffset - 1) + 1;
          const nl = text.indexOf('\n', entry.endOffset);
          const to = nl === -1 ? text.length : nl + 1;
          assert.ok(r.text.startsWith(text.slice(0, from)) && r.text.endsWith(text.slice(to)) && r.text.length >= from + text.length - to,
            `${where}: a line outside the entry changed`);
          assert.deepEqual(load(r.text), setAt(st.data, p, changed), where);
          const back = formEdit(r.text, { type: 'set', path: p, value: v as never });
          assert.ok(back.ok, where);
          assert.deepEqual(load(back.text), st.data, where);
          const valueText = text.slice(locator.locate(p, 'value').startOffset);
          const restyled = v === null || /^[|>]/.test(valueText) || (typeof v === 'string' && /^(?:yes|no|on|off|y|n)$/i.test(v));
          if (!restyled) assert.equal(back.text, text, `${where}: not restored byte for byte`);
          n++;
        }
      }
      assert.ok(n > 300, `${n} values changed`);
    });
  });

  describe('formEdit: exact text', () => {
    it('sets a value on its own line, keeping the comment after it', () => {
      assert.equal(edit(DP, { type: 'set', path: ['owner'], value: 'Risk team' }), DP.replace('owner: Data team  # accountable', 'owner: Risk team  # accountable'));
      assert.equal(edit(DP, { type: 'set', path: ['lineage', 1, 'by'], value: 'Great Expectations' }), DP.replace('by: quality suite', 'by: Great Expectations'));
      assert.equal(edit(DP, { type: 'set', path: ['preparation', 0], value: 'Dropped names and addresses.' }), DP.replace('  - Dropped names.  # privacy', '  - Dropped names and addresses.  # privacy'));
      assert.equal(edit(DP, { type: 'set', path: ['ml_use', 1], value: 'test' }), DP.replace('[training, validation]', '[training, test]'));
      assert.equal(edit(DP, { type: 'set', path: ['reviewed'], value: '2026-02-01' }), DP.replace('reviewed: 2026-01-10', 'reviewed: 2026-02-01'));
      assert.equal(edit(DP, { type: 'set', path: ['title'], value: null }), DP.replace('title: Loan applications 2024', 'title: null'));
    });

    it('writes strings that look like something else so that they read back as the same string', () => {
      const cases: [string, string][] = [
        ['yes', '"yes"'], ['No', '"No"'], ['1.0', '"1.0"'], ['42', '"42"'], ['a: b', '"a: b"'], ['#x', '"#x"'], ['x #y', '"x #y"'],
        ['2025-01-15', '2025-01-15'], ['', '""'], ['true', '"true"'], ['null', '"null"'], ['~', '"~"'], [' lead', '" lead"'],
        ["it's", "it's"], ['say "hi"', 'say "hi"'], ['[x]', '"[x]"'], ['- a', '"- a"'], ['@x', '"@x"'], ['%x', '"%x"'], ['*x', '"*x"'],
      ];
      for (const [value, written] of cases) {
        const out = edit(DP, { type: 'set', path: ['title'], value });
        assert.equal(out, DP.replace('title: Loan applications 2024', `title: ${written}`), JSON.stringify(value));
        assert.equal(formState(out).data?.title, value);
      }
      // multi-line: a literal block scalar under its key
      const ml = edit(DP, { type: 'set', path: ['title'], value: 'line one\nline two' });
      assert.equal(ml, DP.replace('title: Loan applications 2024', 'title: |-\n  line one\n  line two'));
      assert.equal(formState(ml).data?.title, 'line one\nline two');
      const nl = edit(DP, { type: 'set', path: ['title'], value: 'one\n\ntwo\n' });
      assert.equal(nl, DP.replace('title: Loan applications 2024', 'title: |\n  one\n\n  two'));
      assert.equal(formState(nl).data?.title, 'one\n\ntwo\n');
      // a comment after the old value moves to the block header
      const c = edit(DP, { type: 'set', path: ['owner'], value: 'a\nb' });
      assert.equal(c, DP.replace('owner: Data team  # accountable', 'owner: |- # accountable\n  a\n  b'));
      assert.equal(formState(c).data?.owner, 'a\nb');
    });

    it('quotes YAML 1.1 yes/no words wherever it writes them, so that every YAML reader sees a string', () => {
      assert.equal(edit(DP, { type: 'add-item', path: ['preparation'], value: 'yes' }), dpWith(22, 22, ['  - Capped ratios.', '  - "yes"']));
      assert.equal(edit(DP, { type: 'add-item', path: ['ml_use'], value: 'No', index: 1 }), DP.replace('[training, validation]', '[training, "No", validation]'));
      assert.equal(edit(DP, { type: 'set', path: ['license'], value: 'off' }), dpWith(12, 12, ['  supplier: internal', 'license: "off"']));
      assert.equal(edit(DP, { type: 'add-item', path: ['lineage'], value: { event: 'updated', date: '2025-02-01', by: 'y' } }),
        dpWith(29, 29, ['    by: quality suite', '  - event: updated', '    date: 2025-02-01', '    by: "y"']));
    });

    it('round-trips tricky strings in every position: key, list item, flow list, list-item key, new key', () => {
      const values = ['yes', 'off', '1.0', '1e3', '0x1F', 'a: b', '#x', 'x #y', 'a, b', '[x]', '{y}', '2025-01-15', '', 'null', 'multi\nline', 'multi\n\nparagraph\n', "it's", 'say "hi"', 'tab\there', 'ünïcødé'];
      const paths: Path[] = [['title'], ['preparation', 1], ['ml_use', 0], ['lineage', 0, 'by'], ['license'], ['source', 'uri'], ['lineage', 1, 'note']];
      for (const p of paths) for (const value of values) {
        const r = formEdit(DP, { type: 'set', path: p, value });
        assert.ok(r.ok, `${pathText(p)} = ${JSON.stringify(value)}: ${r.ok ? '' : r.error}`);
        const st = formState(r.text);
        assert.equal(valueAt(st.data, p), value, `${pathText(p)} = ${JSON.stringify(value)}`);
        assert.deepEqual(st.data, setAt(formState(DP).data, p, value));
        for (const c of ['# Loan applications', '  # accountable', '  # privacy', '  # then']) assert.ok(r.text.includes(c), `${pathText(p)}: comment ${c} kept`);
      }
    });

    it('keeps the quoting and block style of the value it replaces', () => {
      const q = DP.replace('title: Loan applications 2024', "title: 'Loan applications 2024'").replace('id: loan-applications', 'id: "loan-applications"');
      assert.equal(edit(q, { type: 'set', path: ['title'], value: "Loans '24" }), q.replace("title: 'Loan applications 2024'", "title: 'Loans ''24'"));
      assert.equal(edit(q, { type: 'set', path: ['id'], value: 'loans' }), q.replace('id: "loan-applications"', 'id: "loans"'));
      const folded = DP.replace('known_bias: Self-employed applicants are few.', 'known_bias: >-\n  Self-employed applicants are few in the data, and\n  young applicants too.');
      assert.equal(
        edit(folded, { type: 'set', path: ['known_bias'], value: 'Self-employed applicants are few in the data, and young applicants too; both are weighted.' }),
        folded.replace('  young applicants too.', '  young applicants too; both are weighted.'),
        'the unchanged first line stays, the last takes the new words');
      assert.equal(
        edit(folded, { type: 'set', path: ['known_bias'], value: 'Short.' }),
        DP.replace('known_bias: Self-employed applicants are few.', 'known_bias: >-\n  Short.'));
      // numbers and booleans are written plain, at a key that had no value yet
      const empty = DP.replace('  date: 2025-01-15\n', '  date: 2025-01-15\ncontains_personal_data:   # to answer\n');
      assert.equal(edit(empty, { type: 'set', path: ['contains_personal_data'], value: true }), empty.replace('contains_personal_data:   # to answer', 'contains_personal_data: true   # to answer'));
    });

    it('adds a missing key in schema order, creating its parents', () => {
      assert.equal(edit(DP, { type: 'set', path: ['license'], value: 'Internal use only.' }), dpWith(12, 12, ['  supplier: internal', 'license: Internal use only.']));
      assert.equal(edit(DP, { type: 'set', path: ['source', 'uri'], value: 'postgresql://los/lending' }), dpWith(11, 11, ['  name: Loan origination system', '  uri: postgresql://los/lending']));
      assert.equal(edit(DP, { type: 'set', path: ['lineage', 0, 'note'], value: 'First snapshot.' }), dpWith(26, 26, ['    by: export job', '    note: First snapshot.']));
      assert.equal(edit(DP, { type: 'set', path: ['contains_personal_data'], value: false }), dpWith(15, 15, ['  date: 2025-01-15', 'contains_personal_data: false']));
      assert.equal(edit(DP, { type: 'set', path: ['verification', 'method'], value: 'Checksums.' }), DP + 'verification:\n  method: Checksums.\n');
      assert.equal(edit(DP, { type: 'set', path: ['quality', 'results'], value: [{ dimension: 'completeness', value: 0.998 }] }),
        dpWith(16, 16, ['ml_use: [training, validation]', 'quality:', '  results:', '    - dimension: completeness', '      value: 0.998']));
      const st = formState(edit(DP, { type: 'set', path: ['quality', 'results'], value: [{ dimension: 'completeness', value: 0.998 }] }));
      assert.equal(valueAt(st.data, ['quality', 'results', 0, 'value']), 0.998);
    });

    it('deletes a key', () => {
      assert.equal(edit(DP, { type: 'delete', path: ['owner'] }), dpWith(6, 6, []));
      assert.equal(edit(DP, { type: 'delete', path: ['source'] }), dpWith(10, 12, []));
      assert.equal(edit(DP, { type: 'delete', path: ['nothing'] }), DP, 'deleting what is not there changes nothing');
    });

    it('adds list items: at the end, at an index, a blank object item from the record format, into a flow list', () => {
      assert.equal(edit(DP, { type: 'add-item', path: ['preparation'], value: 'Encoded categories.' }), dpWith(22, 22, ['  - Capped ratios.', '  - Encoded categories.']));
      assert.equal(edit(DP, { type: 'add-item', path: ['preparation'], value: 'Checked consent.', index: 0 }), dpWith(18, 18, ['  - Checked consent.', '  - Dropped names.  # privacy']));
      assert.equal(edit(DP, { type: 'add-item', path: ['preparation'], value: 'Deduplicated.', index: 2 }), dpWith(22, 22, ['  - Deduplicated.', '  - Capped ratios.']));
      assert.equal(edit(DP, { type: 'add-item', path: ['lineage'] }), dpWith(29, 29, ['    by: quality suite', '  - event: ""', '    date: ""', '    by: ""']));
      assert.equal(edit(DP, { type: 'add-item', path: ['lineage'], value: { event: 'updated', date: '2025-02-03', by: 'Jonas' }, index: 1 }),
        dpWith(27, 27, ['  - event: updated', '    date: 2025-02-03', '    by: Jonas', '  - event: validated']));
      assert.equal(edit(DP, { type: 'add-item', path: ['ml_use'], value: 'test' }), DP.replace('[training, validation]', '[training, validation, test]'));
      assert.equal(edit(DP, { type: 'add-item', path: ['ml_use'], value: 'test', index: 0 }), DP.replace('[training, validation]', '[test, training, validation]'));
      // a missing list is created in schema order; a single value (allowSingle) becomes the first item
      assert.equal(edit(DP, { type: 'add-item', path: ['categories'], value: 'customer content' }), dpWith(15, 15, ['  date: 2025-01-15', 'categories:', '  - customer content']));
      assert.equal(edit(DP, { type: 'add-item', path: ['known_bias'], value: 'Few young applicants.' }),
        dpWith(30, 30, ['known_bias:', '  - Self-employed applicants are few.', '  - Few young applicants.']));
    });

    it('removes list items; the last one leaves an empty list', () => {
      assert.equal(edit(DP, { type: 'remove-item', path: ['preparation'], index: 1 }), dpWith(20, 20, []));
      assert.equal(edit(DP, { type: 'remove-item', path: ['preparation'], index: 0 }), dpWith(18, 18, []));
      assert.equal(edit(DP, { type: 'remove-item', path: ['lineage'], index: 0 }), dpWith(24, 26, []));
      assert.equal(edit(DP, { type: 'remove-item', path: ['ml_use'], index: 0 }), DP.replace('[training, validation]', '[validation]'));
      assert.equal(edit(DP, { type: 'delete', path: ['lineage', 1] }), dpWith(27, 29, []));
      const one = dpWith(30, 30, ['known_bias:', '  - Self-employed applicants are few.  # sampled']);
      assert.equal(edit(one, { type: 'remove-item', path: ['known_bias'], index: 0 }), dpWith(30, 30, ['known_bias: []']));
    });

    it('moves list items up and down; comments and blank lines between items stay in place', () => {
      assert.equal(edit(DP, { type: 'move-item', path: ['preparation'], from: 0, to: 1 }),
        dpWith(18, 22, ['  - Joined outcomes.', '  # then', '  - Dropped names.  # privacy', '', '  - Capped ratios.']));
      assert.equal(edit(DP, { type: 'move-item', path: ['preparation'], from: 2, to: 1 }),
        dpWith(18, 22, ['  - Dropped names.  # privacy', '  # then', '  - Capped ratios.', '', '  - Joined outcomes.']));
      assert.equal(edit(DP, { type: 'move-item', path: ['preparation'], from: 2, to: 0 }),
        dpWith(18, 22, ['  - Capped ratios.', '  # then', '  - Dropped names.  # privacy', '', '  - Joined outcomes.']));
      assert.equal(edit(DP, { type: 'move-item', path: ['lineage'], from: 1, to: 0 }),
        dpWith(24, 29, ['  - event: validated', '    date: 2025-01-20', '    by: quality suite', '  - event: created', '    date: 2025-01-15', '    by: export job']));
      assert.equal(edit(DP, { type: 'move-item', path: ['ml_use'], from: 1, to: 0 }), DP.replace('[training, validation]', '[validation, training]'));
      assert.equal(edit(DP, { type: 'move-item', path: ['lineage'], from: 1, to: 1 }), DP);
      // moving back restores the file
      const moved = edit(DP, { type: 'move-item', path: ['preparation'], from: 0, to: 2 });
      assert.equal(edit(moved, { type: 'move-item', path: ['preparation'], from: 2, to: 0 }), DP);
    });

    it('keeps CRLF line endings in every kind of edit', () => {
      const crlf = DP.replace(/\n/g, '\r\n');
      const changes: FormChange[] = [
        { type: 'set', path: ['owner'], value: 'Risk team' },
        { type: 'set', path: ['title'], value: 'two\nlines' },
        { type: 'set', path: ['license'], value: 'Internal.' },
        { type: 'set', path: ['lineage', 0, 'note'], value: 'First.' },
        { type: 'set', path: ['quality'], value: { requirements: 'Complete.', results: [{ dimension: 'd', value: 1 }] } },
        { type: 'delete', path: ['source'] },
        { type: 'add-item', path: ['preparation'], value: 'x', index: 1 },
        { type: 'add-item', path: ['lineage'] },
        { type: 'add-item', path: ['known_bias'], value: 'More.' },
        { type: 'remove-item', path: ['lineage'], index: 1 },
        { type: 'move-item', path: ['preparation'], from: 0, to: 2 },
        { type: 'move-item', path: ['lineage'], from: 0, to: 1 },
      ];
      for (const c of changes) {
        const out = edit(crlf, c);
        assert.equal(out, edit(DP, c).replace(/\n/g, '\r\n'), JSON.stringify(c));
        assert.ok(!/[^\r]\n/.test(out), `${JSON.stringify(c)}: a bare LF`);
      }
      // and unchanged values leave a CRLF file alone
      for (const [p, v] of scalars(formState(crlf).data)) assert.deepEqual(formEdit(crlf, { type: 'set', path: p, value: v as never }).edits, []);
    });
  });

  describe('formEdit: errors come back as messages, the text untouched', () => {
    const refused = (text: string, change: FormChange, pattern: RegExp): void => {
      let r: ReturnType<typeof formEdit> | undefined;
      assert.doesNotThrow(() => { r = formEdit(text, change); });
      assert.ok(r && !r.ok, JSON.stringify(change));
      assert.match(r.error, pattern);
      assert.equal(r.text, text);
      assert.deepEqual(r.edits, []);
    };

    it('a file with syntax errors', () => {
      const broken = DP.replace('  supplier: internal', '\tsupplier: internal');
      refused(broken, { type: 'set', path: ['title'], value: 'x' }, /^Line 12, column 1: .+ Correct it in the text editor/);
      refused(broken, { type: 'add-item', path: ['preparation'] }, /^Line 12/);
      refused(DP.replace('title: Loan applications 2024', 'title: [unclosed'), { type: 'set', path: ['owner'], value: 'x' }, /^Line \d+, column \d+: /);
      refused(DP + 'owner: twice\n', { type: 'set', path: ['owner'], value: 'x' }, /a key appears twice/);
      refused(DP + '---\nkind: ModelCard\n', { type: 'set', path: ['owner'], value: 'x' }, /more than one YAML document/);
      refused('- a\n', { type: 'set', path: ['owner'], value: 'x' }, /not hold a mapping/);
    });

    it('a path that does not exist or is not a list', () => {
      refused(DP, { type: 'remove-item', path: ['preparation'], index: 3 }, /item 3 does not exist: the list has 3 items/);
      refused(DP, { type: 'move-item', path: ['preparation'], from: 0, to: 5 }, /item 5 does not exist/);
      refused(DP, { type: 'add-item', path: ['preparation'], index: 7 }, /item 7 does not exist/);
      refused(DP, { type: 'add-item', path: ['source'] }, /source is not a list/);
      refused(DP, { type: 'set', path: ['title', 'x'], value: 'y' }, /title is not a mapping/);
      refused(DP, { type: 'set', path: ['lineage', 5, 'by'], value: 'y' }, /item 5 of lineage does not exist/);
      refused(DP, { type: 'set', path: [], value: 'y' }, /whole record/);
    });

    it('an edit that would change other content (an alias of the edited value) is refused', () => {
      const aliased = DP.replace('  supplier: internal', '  supplier: &sup internal').replace('  method: internal', '  method: *sup');
      assert.equal(formState(aliased).data?.acquisition && (formState(aliased).data?.acquisition as { method: string }).method, 'internal');
      refused(aliased, { type: 'set', path: ['source', 'supplier'], value: 'Acme' }, /cannot be written without touching other content/);
    });

    it('an empty file gets its first key', () => {
      assert.equal(edit('', { type: 'set', path: ['kind'], value: 'ModelCard' }), 'kind: ModelCard\n');
      assert.equal(edit('# new record\n', { type: 'set', path: ['kind'], value: 'ModelCard' }), '# new record\nkind: ModelCard\n');
    });
  });
});
