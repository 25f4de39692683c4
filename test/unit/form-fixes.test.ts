// The form's fix buttons leave the record better: an "Insert" suggestion writes the field empty but
// present (never an answer: a yes/no is null, not false), next to its neighbours in the record
// format's order, and the finding it fixes is gone or replaced by the field's own "fill it in" finding.
import * as assert from 'node:assert/strict';
import { applyFix } from '../../src/core/edit';
import { Linter } from '../../src/core/linter';
import type { Finding } from '../../src/core/model';
import { skeletonData, skeletonRecord } from '../../src/core/skeleton';

const FILE = 'aims/data/fix-test.yaml';
const lint = (text: string): Finding[] => {
  const l = new Linter({ today: '2026-12-07' });
  l.setFile(FILE, text);
  return l.findingsFor(FILE);
};
const where = (f: Finding): string => `${f.ruleId}@${f.path.join('.')}`;

describe('record form: Insert fixes', () => {
  const full = skeletonRecord('DataProvenance', 'fix-test', { today: '2026-12-07', title: 'T', owner: 'O' });
  assert.ok('contains_personal_data' in skeletonData('DataProvenance', 'fix-test'));

  it('a missing yes/no question is inserted unanswered (null), after its neighbour, and then asks to be filled in', () => {
    const text = full.replace('contains_personal_data: null\n', '');
    const before = lint(text);
    const missing = before.find(f => f.ruleId === 'required-field' && f.path.join('.') === 'contains_personal_data')!;
    assert.ok(missing, before.map(where).join(', '));
    const fix = missing.suggestions!.find(s => s.title === "Insert 'contains_personal_data'")!;
    const after = applyFix(text, fix).text;
    assert.equal(after, full, 'the key is back where the skeleton has it, as null');
    const now = lint(after).filter(f => f.path.join('.') === 'contains_personal_data');
    assert.deepEqual(now.map(f => [f.ruleId, /is empty/.test(f.message)]), [['required-field', true]], 'replaced by the field\'s "fill it in" finding');
    assert.equal(lint(after).filter(f => f.severity === 'error').length, before.filter(f => f.severity === 'error').length);
  });

  it("Insert 'legal_basis' goes right after contains_personal_data, and its finding moves onto the new field", () => {
    const text = full.replace('contains_personal_data: null', 'contains_personal_data: true');
    const f = lint(text).find(x => x.ruleId === 'personal-data-legal-basis')!;
    assert.equal(f.path.join('.'), 'contains_personal_data');
    const after = applyFix(text, f.suggestions![0]).text;
    assert.ok(after.includes('contains_personal_data: true\nlegal_basis: ""\n'), after);
    const g = lint(after).filter(x => x.ruleId === 'personal-data-legal-basis');
    assert.deepEqual(g.map(x => x.path.join('.')), ['legal_basis']);
    assert.equal(g[0].suggestions, undefined, 'no fix offered again');
    // in an 'aims new' file, the comment that named legal_basis as optional goes with it
    const commented = skeletonRecord('DataProvenance', 'fix-test', { today: '2026-12-07', title: 'T', owner: 'O', comments: true })
      .replace('contains_personal_data: null', 'contains_personal_data: true');
    assert.match(commented, /# Optional, add when it applies: legal_basis/);
    const h = lint(commented).find(x => x.ruleId === 'personal-data-legal-basis')!;
    const done = applyFix(commented, h.suggestions![0]).text;
    assert.doesNotMatch(done, /legal_basis \(Legal basis\)/);
    assert.ok(done.includes('contains_personal_data: true\nlegal_basis: ""\n'));
    assert.equal(done.split('\n').length, commented.split('\n').length - 3 + 1, 'three comment lines out, one key in');
  });
});
