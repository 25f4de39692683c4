// Fixture tests for the file, schema and content rules (the cross-record and SoA rules are tested in
// rules-cross.test.ts). Every folder test/fixtures/rules/<rule-id>/ holds YAML records whose expected
// findings are written inline, as comments on the line they refer to; see test/fixtures/rules/README.md
// for the marker syntax. This file walks all folders, lints each fixture with today pinned, and asserts
// that the findings equal the markers exactly (rule, line, column, and message text where given), that
// every message of the rule says what to do, and that fixes and quick fixes produce the expected text,
// keep comments and untouched lines byte-identical, and resolve what they fix.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONTROL_IDS } from '../../src/core/catalogue';
import { applyFix } from '../../src/core/edit';
import { Linter } from '../../src/core/linter';
import type { Finding, Fix } from '../../src/core/model';
import { getRule } from '../../src/core/rules';
import { FIXTURES, fixtureFolders } from './fixtures';

const CONTEXT = path.join(FIXTURES, '_context');
const TODAY = '2026-11-22';

/** What each rule's message must contain: the action it asks for (every message must say what to do). */
const ADVICE: Record<string, RegExp> = {
  'yaml-syntax': /^YAML syntax error: .+\. Correct the YAML here; the record is not checked until it parses\.$/,
  'duplicate-key': /^Duplicate key '.+': .* Merge the entries or rename one\. Until then no fix changes this file\.$/,
  'input-limit': /(not checked|not shown|never rewritten)\b.*\.$/,
  'empty-file': /Write a record here .* or delete the file\.$/,
  'multiple-documents': /Move each record into a file of its own\.$/,
  'unknown-kind': /Use one of ModelCard, DataProvenance, ImpactAssessment, Applicability\.$|Add 'kind:' with one of ModelCard, DataProvenance, ImpactAssessment, Applicability\.$|^A record must be a YAML mapping \(key: value lines\) with apiVersion, kind and id/,
  'required-field': /\. (Add it|Write it): \S/,
  'recommended-field': /^Consider adding .+: \S/,
  'placeholder-text': /Replace it with the actual content: \S/,
  'invalid-type': / must be (a |an |true or false|a date).*, not (a |an |empty)/,
  'invalid-enum': /Allowed: [a-z0-9/-]+(, [a-z0-9/-]+)*\.$/,
  'invalid-date': /write it as YYYY-MM-DD( \(\d{4}-\d{2}-\d{2}\))?\.$/,
  'unknown-key': /; did you mean '[^']+'\?$|\. Known keys here: [a-z_]+(, [a-z_]+)*\.$/,
  'invalid-id': /; (use '[a-z0-9]+(-[a-z0-9]+)*'|rename it) and update references to it\.$/,
  'unknown-control': /write it as 'A\.\d+\.\d+(\.\d+)?'\.$|Use the id of an Annex A control\.$|expected an Annex A id such as A\.7\.5 or A\.6\.2\.4\.$/,
  'personal-data-legal-basis': /Add legal_basis with the legal ground|Write the legal ground for processing it\.$/,
  'lineage-created-event': /Add one with the date the data was created or first collected and who created it\.$/,
  'lineage-order': /Correct the date or move the event to its place in time\.$/,
  'negative-impact-without-mitigation': /Write how it is prevented, reduced or monitored, or who accepted the risk\.$/,
  'vulnerable-group-impact': /Assess the impact on this group explicitly/,
  'review-overdue': /^Review overdue by \d+ days? \(review_by \d{4}-\d{2}-\d{2}\)\. Review the record, then update reviewed and review_by\.$/,
  'review-dates-order': /Write the date of the last actual review\.$|Set the next review date after the last review\.$/,
  'review-stale': /Review the change, then update reviewed\.$/,
  'invalid-suppression': /write why the finding is accepted after ' -- '|; did you mean '[a-z-]+'\?$|use one listed by 'aims rules'\.$|write 'aims-disable[a-z-]*'|\(the rule ids are listed by 'aims rules'\)\.$|correct or remove the directive it reports\.$/,
  'unused-suppression': /matches no finding (in this file|on line \d+)\. Remove it \(or the rule id\) from the comment\.$/,
};

// ---------------------------------------------------------------------------------------------
// Markers
// ---------------------------------------------------------------------------------------------

interface Expected { rule: string; line: number; column: number; text?: string }
interface FixtureOptions { today: string; lastChange?: string }

const ITEM = /([a-z][a-z0-9-]*)@(?:(\d+):)?(\d+)(?:\s+("(?:[^"\\]|\\.)*"))?/y;

/** Reads the expectations and options written in a fixture's comments. Throws on a malformed marker. */
function readMarkers(text: string): { expected: Expected[]; options: FixtureOptions } {
  const expected: Expected[] = [];
  const options: FixtureOptions = { today: TODAY };
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    const hash = line.search(/(?:^|\s)#\s*(?:expect|fixture)\b/);
    if (hash < 0) return;
    const comment = line.slice(hash).trim();
    let m = /^#\s*expect:\s*(.*)$/.exec(comment);
    if (m) {
      const body = m[1].trim();
      let pos = 0;
      for (;;) {
        ITEM.lastIndex = pos;
        const it = ITEM.exec(body);
        if (!it) throw new Error(`line ${i + 1}: malformed expect marker at '${body.slice(pos)}'`);
        assert.ok(getRule(it[1]), `line ${i + 1}: marker names an unknown rule '${it[1]}'`);
        expected.push({ rule: it[1], line: it[2] ? Number(it[2]) : i + 1, column: Number(it[3]), text: it[4] ? JSON.parse(it[4]) as string : undefined });
        pos = ITEM.lastIndex;
        const rest = body.slice(pos);
        if (/^\s*$/.test(rest)) break;
        const sep = /^\s*,\s*/.exec(rest);
        if (!sep || sep[0].length === rest.length) throw new Error(`line ${i + 1}: expected ', rule@column' after a marker in '${body}'`);
        pos += sep[0].length;
      }
      return;
    }
    m = /^#\s*fixture:\s*(.*)$/.exec(comment);
    if (!m) throw new Error(`line ${i + 1}: malformed marker '${comment}' (use '# expect: rule@column' or '# fixture: key=value')`);
    for (const kv of m[1].trim().split(/\s+/)) {
      const [k, v] = kv.split('=');
      assert.match(v ?? '', /^\d{4}-\d{2}-\d{2}$/, `line ${i + 1}: ${kv}`);
      if (k === 'today') options.today = v;
      else if (k === 'lastChange') options.lastChange = v;
      else throw new Error(`line ${i + 1}: unknown fixture option '${k}'`);
    }
  });
  return { expected, options };
}

// ---------------------------------------------------------------------------------------------
// Linting a fixture: in a workspace with the context records (a model card, its dataset and its
// impact assessment), so that references resolve and a valid fixture can be free of findings.
// ---------------------------------------------------------------------------------------------

const context = fs.readdirSync(CONTEXT).filter(f => f.endsWith('.yaml')).sort().map(f => {
  const text = fs.readFileSync(path.join(CONTEXT, f), 'utf8');
  return { file: `aims/context/${f}`, text, id: /^id: (\S+)$/m.exec(text)?.[1] };
});

function lintFixture(rule: string, name: string, text: string, options: FixtureOptions): { linter: Linter; file: string; findings: Finding[] } {
  const file = `aims/${rule}/${name}`;
  const linter = new Linter({ today: options.today, lastChange: f => (f === file ? options.lastChange : undefined) });
  const id = /^id:\s*["']?([^\s"'#]+)/m.exec(text)?.[1];
  for (const c of context) if (c.id !== id) linter.setFile(c.file, c.text); // the fixture takes the place of a record with its id
  linter.setFile(file, text);
  return { linter, file, findings: linter.findingsFor(file) };
}

const where = (f: Finding): string => `${f.ruleId}@${f.range!.start.line}:${f.range!.start.column}`;
const show = (list: Finding[]): string => list.map(f => `\n    ${where(f)} ${f.message}`).join('') || ' none';

function assertFindings(findings: Finding[], expected: Expected[]): void {
  const actual = findings.map(where).sort();
  const want = expected.map(e => `${e.rule}@${e.line}:${e.column}`).sort();
  assert.deepEqual(actual, want, `findings (rule@line:column) differ from the markers; the linter reported:${show(findings)}`);
  for (const e of expected) {
    if (e.text === undefined) continue;
    const hit = findings.some(f => f.ruleId === e.rule && f.range!.start.line === e.line && f.range!.start.column === e.column && f.message.includes(e.text!));
    assert.ok(hit, `no ${e.rule} finding at ${e.line}:${e.column} whose message includes ${JSON.stringify(e.text)}; reported:${show(findings)}`);
  }
}

/** Every finding is inside the text, and its end is not before its start. */
function assertInside(text: string, findings: Finding[]): void {
  const lines = text.split('\n');
  for (const f of findings) {
    const r = f.range!;
    assert.ok(r, `${f.ruleId} has a range`);
    assert.ok(r.start.line >= 1 && r.start.line <= lines.length, `${where(f)}: line inside the file (${lines.length} lines)`);
    assert.ok(r.start.column >= 1 && r.start.column <= lines[r.start.line - 1].length + 1, `${where(f)}: column inside line ${r.start.line}`);
    assert.ok(r.endOffset >= r.startOffset && r.endOffset <= text.length, `${where(f)}: end after start, inside the text`);
  }
}

// ---------------------------------------------------------------------------------------------
// Fixes
// ---------------------------------------------------------------------------------------------

/** Comments (from a '#' that follows whitespace or starts the line) with their counts. */
function comments(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /(?:^|\s)(#.*)$/.exec(line.replace(/\r$/, ''));
    if (m) out.set(m[1], (out.get(m[1]) ?? 0) + 1);
  }
  return out;
}

function assertCommentsKept(before: string, after: string): void {
  const a = comments(after);
  for (const [c, n] of comments(before)) assert.ok((a.get(c) ?? 0) >= n, `comment ${JSON.stringify(c)} survives the edit`);
}

/** Lines (1-based, inclusive) of `before` that an edit replaced: all others are byte-identical. */
function changedLines(before: string, after: string): [number, number] | undefined {
  const a = before.split('\n'), b = after.split('\n');
  let s = 0;
  while (s < a.length && s < b.length && a[s] === b[s]) s++;
  if (s === a.length && s === b.length) return undefined;
  let ea = a.length, eb = b.length;
  while (ea > s && eb > s && a[ea - 1] === b[eb - 1]) { ea--; eb--; }
  return [s + 1, ea]; // ea < s + 1: lines were only inserted
}

function applyAll(text: string, fixes: Fix[]): string {
  let t = text;
  for (const fix of fixes) {
    const r = applyFix(t, fix);
    assert.deepEqual(r.createFiles, [], `${fix.title}: creates no file`);
    t = r.text;
  }
  return t;
}

const read = (f: string): string => fs.readFileSync(f, 'utf8');
const isFixture = (f: string): boolean => /^(valid|invalid)[\w-]*\.yaml$/.test(f) && !/\.(fixed|suggested)\.yaml$/.test(f);

describe('rule fixtures (test/fixtures/rules)', () => {
  it('the context records are clean on their own', () => {
    const l = new Linter({ today: TODAY });
    for (const c of context) l.setFile(c.file, c.text);
    assert.deepEqual([...l.allFindings().values()].flat().map(f => `${f.file} ${where(f)} ${f.message}`), []);
  });

  it('markers are parsed strictly', () => {
    assert.deepEqual(readMarkers('a: 1  # expect: unknown-key@3\nb: 2 # expect: invalid-enum@4 "x \\"y\\"", unknown-key@2:1\n').expected, [
      { rule: 'unknown-key', line: 1, column: 3, text: undefined },
      { rule: 'invalid-enum', line: 2, column: 4, text: 'x "y"' },
      { rule: 'unknown-key', line: 2, column: 1, text: undefined },
    ]);
    assert.deepEqual(readMarkers('# fixture: lastChange=2026-10-03\n').options, { today: TODAY, lastChange: '2026-10-03' });
    for (const bad of ['a: 1 # expect: unknown-key', 'a: 1 # expect: unknown-key@x', 'a: 1 # expect unknown-key@3', 'a: 1 # expect: no-such-rule@3',
      'a: 1 # expect: unknown-key@3 invalid-enum@4', 'a: 1 # expect: unknown-key@3,', '# fixture: lastChange=soon', '# fixture: today2=2026-01-01']) {
      assert.throws(() => readMarkers(bad), Error, bad);
    }
  });

  for (const rule of fixtureFolders()) {
    describe(rule, () => {
      const dir = path.join(FIXTURES, rule);
      const files = fs.readdirSync(dir).sort();
      const meta = getRule(rule);

      it('is a rule, with a valid and an invalid fixture, and no stray files', () => {
        assert.ok(meta, `test/fixtures/rules/${rule} names no rule`);
        assert.ok(files.some(f => /^valid[\w-]*\.yaml$/.test(f)), 'has valid*.yaml');
        assert.ok(files.some(f => isFixture(f) && f.startsWith('invalid')), 'has invalid*.yaml');
        for (const f of files) {
          const base = f.replace(/\.(fixed|suggested)\.yaml$/, '.yaml');
          assert.ok(isFixture(base) && files.includes(base), `${f}: a fixture, or the fixed/suggested text of one`);
          if (base !== f) assert.ok(base.startsWith('invalid'), `${f}: only invalid fixtures have fixed texts`);
        }
      });

      for (const name of files.filter(isFixture)) {
        const text = read(path.join(dir, name));
        const valid = name.startsWith('valid');

        it(`${name}: reports exactly the findings its markers expect`, () => {
          const { expected, options } = readMarkers(text);
          if (valid) assert.deepEqual(expected.filter(e => e.rule === rule), [], 'a valid fixture expects no finding of its rule');
          else assert.ok(expected.some(e => e.rule === rule), `an invalid fixture expects at least one ${rule} finding`);
          const { findings } = lintFixture(rule, name, text, options);
          assertFindings(findings, expected);
          assertInside(text, findings);
          for (const f of findings) for (const c of f.controls) assert.ok(CONTROL_IDS.includes(c), `${where(f)}: ${c} is a catalogue control`);
        });

        if (valid) continue;

        it(`${name}: every ${rule} message says what to do`, () => {
          const { options } = readMarkers(text);
          const own = lintFixture(rule, name, text, options).findings.filter(f => f.ruleId === rule);
          assert.ok(ADVICE[rule], `ADVICE has an entry for ${rule}`);
          for (const f of own) {
            assert.match(f.message, ADVICE[rule], `${where(f)}: the message says what to do`);
            assert.doesNotMatch(f.message, /undefined|NaN|\[object Object\]|  /, `${where(f)}: no broken interpolation`);
            assert.match(f.message, /[.?]$/, `${where(f)}: the message is a sentence`);
            assert.equal(f.severity, meta!.severity);
            assert.ok(!f.fix || /fix/.test(meta!.fixable ?? ''), `${where(f)}: only a rule declared fixable has fixes`);
            assert.ok(!f.suggestions || /suggestion/.test(meta!.fixable ?? ''), `${where(f)}: only a rule declared with suggestions has them`);
          }
        });

        const fixedName = name.replace(/\.yaml$/, '.fixed.yaml');
        const suggestedName = name.replace(/\.yaml$/, '.suggested.yaml');

        it(`${name}: fixes give ${fixedName}, keep comments and other lines, and resolve their findings`, () => {
          const { options } = readMarkers(text);
          const own = lintFixture(rule, name, text, options).findings.filter(f => f.ruleId === rule);
          const fixable = own.filter(f => f.fix);
          assert.equal(files.includes(fixedName), fixable.length > 0, fixable.length ? `${fixedName} exists: ${fixable.length} finding(s) have a fix` : `no finding has a fix, so there is no ${fixedName}`);
          if (!fixable.length) return;
          // each fix on its own changes only the lines of its finding
          for (const f of fixable) {
            const after = applyAll(text, [f.fix!]);
            assert.notEqual(after, text, `${where(f)}: the fix changes the text`);
            const changed = changedLines(text, after);
            const r = f.range!;
            assert.ok(changed && changed[0] >= r.start.line && changed[1] <= r.end.line, `${where(f)}: the fix changes only lines ${r.start.line}-${r.end.line}, not ${changed?.join('-')}`);
            assertCommentsKept(text, after);
          }
          // all fixes together give exactly the expected text
          const fixed = applyAll(text, fixable.map(f => f.fix!));
          assert.equal(fixed, read(path.join(dir, fixedName)));
          assertCommentsKept(text, fixed);
          // re-linting: the fixed findings are gone, the others remain, and the fixes added none
          const again = lintFixture(rule, name, fixed, options).findings.filter(f => f.ruleId === rule);
          assert.deepEqual(again.map(f => f.message).sort(), own.filter(f => !f.fix).map(f => f.message).sort(), `after the fixes:${show(again)}`);
          // the same with Windows line endings
          const crlf = text.replace(/\n/g, '\r\n');
          const ownCrlf = lintFixture(rule, name, crlf, options).findings.filter(f => f.ruleId === rule);
          assert.deepEqual(ownCrlf.map(where), own.map(where), 'same positions with CRLF line endings');
          assert.equal(applyAll(crlf, ownCrlf.filter(f => f.fix).map(f => f.fix!)), read(path.join(dir, fixedName)).replace(/\n/g, '\r\n'), 'same fixes with CRLF line endings');
        });

        it(`${name}: quick fixes give ${suggestedName} and keep comments`, () => {
          const { options } = readMarkers(text);
          const own = lintFixture(rule, name, text, options).findings.filter(f => f.ruleId === rule);
          const suggested = own.filter(f => f.suggestions?.length);
          assert.equal(files.includes(suggestedName), suggested.length > 0, suggested.length ? `${suggestedName} exists: ${suggested.length} finding(s) have a quick fix` : `no finding has a quick fix, so there is no ${suggestedName}`);
          if (!suggested.length) return;
          for (const f of suggested) assertCommentsKept(text, applyAll(text, [f.suggestions![0]]));
          const after = applyAll(text, suggested.map(f => f.suggestions![0]));
          assert.equal(after, read(path.join(dir, suggestedName)));
          assertCommentsKept(text, after);
          const again = lintFixture(rule, name, after, options).findings;
          assert.deepEqual(again.filter(f => f.ruleId === 'yaml-syntax' || f.ruleId === 'duplicate-key').map(where), [], 'the result is valid YAML');
          for (const f of suggested) {
            assert.ok(!again.some(g => g.ruleId === rule && g.message === f.message && g.suggestions?.some(s => s.title === f.suggestions![0].title)), `${where(f)}: the quick fix is not offered again`);
          }
        });
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Texts that cannot carry markers, and broken YAML in every place: never a crash, always a position
// inside the file.
// ---------------------------------------------------------------------------------------------

describe('file rules on texts without room for markers', () => {
  const lint = (text: string): Finding[] => {
    const l = new Linter({ today: TODAY });
    l.setFile('aims/x.yaml', text);
    return l.findingsFor('aims/x.yaml');
  };

  for (const [name, text] of [['a 0-byte file', ''], ['blank lines', '\n  \n\n'], ['CRLF blank lines', '\r\n\r\n'], ['a lone document marker', '---\n'], ['a BOM', '\uFEFF']] as const) {
    it(`${name}: one empty-file finding on line 1`, () => {
      const list = lint(text);
      assert.deepEqual(list.map(where), ['empty-file@1:1']);
      assertInside(text, list);
    });
  }

  it('an unclosed quote at the very end of the file is reported at the quote', () => {
    const text = 'apiVersion: aims/v1\nkind: ModelCard\ntitle: "Credit risk';
    assert.deepEqual(lint(text).map(where), ['yaml-syntax@3:8']);
  });

  it('an unclosed flow list on the last line is reported at its bracket, not past the end', () => {
    const text = 'apiVersion: aims/v1\nkind: ModelCard\ndatasets: [loan-applications,\n';
    const list = lint(text).filter(f => f.ruleId === 'yaml-syntax');
    assert.deepEqual(list.map(where), ['yaml-syntax@3:11']);
    assertInside(text, list);
  });
});

describe('broken YAML never crashes the linter', () => {
  // Every line of a record of each kind, broken in the ways people break YAML.
  const breakages: [string, (line: string) => string][] = [
    ['colon removed', l => l.replace(/: ?/, ' ')],
    ['indented by one space', l => ' ' + l],
    ['tab indentation', l => l.replace(/^( *)/, m => '\t'.repeat(Math.max(1, m.length / 2)))],
    ['unclosed quote', l => l.replace(/: (.)/, ': "$1')],
    ['unclosed bracket', l => l.replace(/: (.)/, ': [$1')],
    ['duplicated', l => `${l}\n${l}`],
    ['a stray list item', l => `${l}\n- stray`],
  ];
  const records = [...context, { file: 'soa', text: read(path.join(FIXTURES, 'unknown-control/valid-soa.yaml')), id: undefined }];

  for (const rec of records) {
    it(`${rec.file}: every line broken in two of ${breakages.length} ways (in turn), with LF and CRLF`, function () {
      this.timeout(20_000);
      const lines = rec.text.split('\n');
      // one workspace (the context records are analysed once); the broken record replaces itself
      const { linter, file } = lintFixture('broken', 'x.yaml', rec.text, { today: TODAY });
      let n = 0;
      for (let i = 0; i < lines.length; i++) {
        if (!lines[i].trim()) continue;
        for (const k of [i % breakages.length, (i + 3) % breakages.length]) {
          const [how, brk] = breakages[k];
          const lf = [...lines.slice(0, i), brk(lines[i]), ...lines.slice(i + 1)].join('\n');
          const t = n % 2 ? lf.replace(/\n/g, '\r\n') : lf;
          let findings: Finding[];
          try {
            linter.setFile(file, t);
            findings = linter.findingsFor(file);
          } catch (e) {
            assert.fail(`line ${i + 1} ${how}: the linter threw ${(e as Error).stack}`);
          }
          assertInside(t, findings);
          if (findings.length) n++;
        }
      }
      // the breakages are real: most broken variants are reported (not silently accepted)
      assert.ok(n >= lines.filter(l => l.trim()).length, `${n} broken variants reported`);
    });
  }
});
