// Inline suppressions in the engine (src/core/suppressions.ts through Linter.findingsFor): what a
// directive accepts, what it carries, what it changes downstream (evidence errors), and the README's
// example. The directive findings themselves are fixture-tested (test/fixtures/rules/*-suppression).
import * as assert from 'node:assert/strict';
import { expectedControls } from '../../src/core/catalogue';
import { Linter } from '../../src/core/linter';
import { RULES } from '../../src/core/rules';
import { parseDirectives, removeFromDirectiveEdit } from '../../src/core/suppressions';

const KNOWN = new Set(RULES.map(r => r.id));
const SOA = 'aims/statement-of-applicability.yaml';

/** A Statement of Applicability that excludes A.10.4 (expected of an AI provider), with `comment` above `applicable`. */
const soa = (comment: string, eol = '\n'): string => [
  'apiVersion: aims/v1', 'kind: Applicability', 'id: soa', 'title: Statement of Applicability', 'owner: AIMS board',
  'status: approved', 'reviewed: 2026-11-01', 'review_by: 2027-11-01', 'controls:',
  '  - id: A.10.4', ...(comment ? [`    ${comment}`] : []), '    applicable: false',
  '    justification: We develop AI systems for our own lending decisions only and supply none to customers.',
  '',
].join(eol);

function lint(text: string, roles: ('ai_provider')[] = ['ai_provider']): Linter {
  const l = new Linter({ today: '2026-11-22', roles });
  l.setFile(SOA, text);
  return l;
}
const ids = (l: Linter, file = SOA): string[] => l.findingsFor(file).map(f => f.ruleId);

describe('inline suppressions (engine)', () => {
  it('the README example: a justified exclusion of an expected control is accepted with its reason', () => {
    assert.ok(expectedControls(['ai_provider']).has('A.10.4'));
    const plain = lint(soa(''));
    assert.ok(ids(plain).includes('soa-expected-control-excluded'));
    const reason = 'we supply no AI system to customers; AIMS board, 2026-11-20';
    const l = lint(soa(`# aims-disable-next-line soa-expected-control-excluded -- ${reason}`));
    assert.ok(!ids(l).includes('soa-expected-control-excluded'));
    assert.ok(!ids(l).some(id => id.endsWith('-suppression')));
    const [s] = l.suppressedFor(SOA);
    assert.equal(s.ruleId, 'soa-expected-control-excluded');
    assert.deepEqual(s.suppressed, { scope: 'next-line', reason, line: 11 });
    assert.equal(s.range!.start.line, 12);
    // the other findings are unchanged
    assert.deepEqual(ids(l), ids(plain).filter(id => id !== 'soa-expected-control-excluded'));
    assert.deepEqual([...l.allSuppressed().keys()], [SOA]);
    assert.ok(![...l.allFindings().values()].flat().some(f => f.ruleId === 'soa-expected-control-excluded'));
  });

  it('works with CRLF line endings and with the rule among several ids', () => {
    const l = lint(soa('# aims-disable-next-line unknown-key, soa-expected-control-excluded -- reviewed 2026-11', '\r\n'));
    assert.deepEqual(l.suppressedFor(SOA).map(f => f.ruleId), ['soa-expected-control-excluded']);
    assert.deepEqual(l.suppressedFor(SOA)[0].suppressed?.reason, 'reviewed 2026-11');
    assert.deepEqual(ids(l).filter(id => id === 'unused-suppression'), ['unused-suppression'], 'unknown-key matched nothing');
  });

  it('a directive of a rule that is off, or for a finding that is gone, reports only when the rule could fire', () => {
    const text = soa('# aims-disable-next-line soa-expected-control-excluded -- reviewed 2026-11');
    // no roles: the rule reports nothing, so the directive is unused
    assert.deepEqual(ids(lint(text, [])).filter(id => id.endsWith('-suppression')), ['unused-suppression']);
    const off = new Linter({ today: '2026-11-22', roles: ['ai_provider'], severities: { 'soa-expected-control-excluded': 'off' } });
    off.setFile(SOA, text);
    assert.deepEqual(ids(off).filter(id => id.endsWith('-suppression')), []);
  });

  it('an accepted error is not an error of the record: evidence that cites it counts as clean', () => {
    const card = (comment: string): string => [
      'apiVersion: aims/v1', 'kind: ModelCard', 'id: m', 'title: M', 'owner: O', 'status: approved',
      ...(comment ? [comment] : []), 'intended_use: TBD', '',
    ].join('\n');
    const plain = new Linter({ today: '2026-11-22' });
    plain.setFile('aims/models/m.yaml', card(''));
    const errors = plain.records()[0].errors;
    assert.ok(plain.findingsFor('aims/models/m.yaml').some(f => f.ruleId === 'placeholder-text' && f.severity === 'error'));
    const l = new Linter({ today: '2026-11-22' });
    l.setFile('aims/models/m.yaml', card('# aims-disable-next-line placeholder-text -- written after the pilot'));
    assert.equal(l.records()[0].errors, errors - 1);
  });

  it('directives are comment lines of their own; the reason is bounded and on one line', () => {
    assert.deepEqual(parseDirectives('title: x # aims-disable unknown-key -- r\n', KNOWN), []);
    const [d] = parseDirectives(`# aims-disable unknown-key -- ${'x'.repeat(2000)}\n`, KNOWN);
    assert.equal(d.reason.length, 501);
    assert.equal(d.problem, undefined);
    assert.deepEqual(parseDirectives('  #aims-disable-next-line a-b,c -- why\n', KNOWN)[0].rules.map(r => [r.id, r.range.start.column]), [['a-b', 27], ['c', 31]]);
  });
});

describe('removing an unused suppression (removeFromDirectiveEdit)', () => {
  const apply = (text: string, line: number, id: string): string | undefined => {
    const e = removeFromDirectiveEdit(text, line, id);
    return e && text.slice(0, e.offset) + e.newText + text.slice(e.offset + e.length);
  };
  it('removes the whole comment line when it names only that rule, and nothing else', () => {
    const text = 'a: 1\n  # aims-disable-next-line unknown-key -- why\n  b: 2\n';
    assert.equal(apply(text, 2, 'unknown-key'), 'a: 1\n  b: 2\n');
    assert.equal(apply(text.replace(/\n/g, '\r\n'), 2, 'unknown-key'), 'a: 1\r\n  b: 2\r\n');
    assert.equal(apply('# aims-disable unknown-key -- why', 1, 'unknown-key'), '');
  });
  it('removes only the id (and its comma) when the comment names other rules', () => {
    const text = '# aims-disable-next-line unknown-key, placeholder-text -- why\nb: 2\n';
    assert.equal(apply(text, 1, 'unknown-key'), '# aims-disable-next-line placeholder-text -- why\nb: 2\n');
    assert.equal(apply(text, 1, 'placeholder-text'), '# aims-disable-next-line unknown-key -- why\nb: 2\n');
  });
  it('leaves a line without that directive alone', () => {
    assert.equal(apply('# aims-disable unknown-key -- why\n', 1, 'placeholder-text'), undefined);
    assert.equal(apply('a: 1\n', 1, 'unknown-key'), undefined);
  });
});
