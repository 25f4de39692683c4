// `aims lint --fix`: applies the safe fixes, changes only the fixed lines (comments, blank lines and
// every other line stay byte-identical), and a re-lint no longer reports what was fixed.
import * as assert from 'node:assert/strict';
import { aims, copyExamples, lintJson, read, useTempDirs, workspace, write } from './helpers';

/** Line numbers (1-based) that differ between two texts with the same number of lines. */
function changedLines(before: string, after: string): number[] {
  const a = before.split('\n'), b = after.split('\n');
  assert.equal(b.length, a.length, 'the fixes neither add nor remove lines');
  return a.flatMap((l, i) => (l === b[i] ? [] : [i + 1]));
}

const DATA = `# Loan data of the Example team.
# Keep this header: auditors read it.
apiVersion: aims/v1
kind: DataProvenance
id: loans-2024
title: Loans 2024   # trailing comment
owner: Data Office
status: Approved    # was approved in the data board
reviewed: 2026/1/5
review_by: 2027-01-05
controls: [a.7.5, A.7.4]   # flow list stays a flow list

source:
  name: Core banking
  uri: s3://bank/loans
  supplier: internal
license: internal use
acquisition:
  method: Internal   # case slip
  date: 2024-12-31
contains_personal_data: false
categories:
  - customer content
ml_use: [training]
labelling: Outcome after 12 months.
quality:
  requirements: Fewer than 1% missing values.
  results:
    - dimension: completeness
      value: 0.995
preparation:
  - remove duplicates
lineage:
  - event: created
    date: 2024-12-31
    by: Data Office
retention: 7 years.
known_bias: Young applicants are under-represented.
identifiers: [loans_2024]
size: 10k rows
data_subjects: Loan applicants.
`;

describe('aims lint --fix (CLI)', function () {
  this.timeout(60_000);
  useTempDirs();

  it('fixes a record with comments: only the fixed lines change, comments kept', () => {
    const root = workspace({ 'aims/data/loans-2024.yaml': DATA });
    const before = lintJson(root);
    const fixable = before.filter(f => f.fixable);
    assert.deepEqual(fixable.map(f => [f.line, f.ruleId]), [[8, 'invalid-enum'], [9, 'invalid-date'], [11, 'unknown-control'], [19, 'invalid-enum']], JSON.stringify(before));

    const r = aims(['lint', '--fix'], root);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stderr, 'aims: applied 4 fixes in 1 file.\n');
    assert.match(r.stdout, /✔ 1 record file checked, no problems/);

    const after = read(root, 'aims/data/loans-2024.yaml');
    assert.deepEqual(changedLines(DATA, after), [8, 9, 11, 19]);
    const lines = after.split('\n');
    assert.equal(lines[7], 'status: approved    # was approved in the data board');
    assert.equal(lines[8], 'reviewed: 2026-01-05');
    assert.equal(lines[10], 'controls: [A.7.5, A.7.4]   # flow list stays a flow list');
    assert.equal(lines[18], '  method: internal   # case slip');
    assert.deepEqual(lintJson(root), []);
  });

  it('fixes the example workspace: the two fixable findings go, every other line stays byte-identical', () => {
    const root = copyExamples();
    const before = lintJson(root);
    const fixable = before.filter(f => f.fixable);
    assert.deepEqual(fixable.map(f => f.ruleId).sort(), ['dangling-reference', 'unknown-key']);
    const files = [...new Set(before.map(f => f.file))];
    const texts = new Map(files.map(f => [f, read(root, f)]));

    const r = aims(['lint', '--fix', '--format', 'json'], root);
    assert.equal(r.code, 1, 'unfixable errors remain');
    assert.equal(r.stderr, 'aims: applied 2 fixes in 2 files.\n');
    const after = JSON.parse(r.stdout) as typeof before;

    for (const file of files) {
      const want = fixable.filter(f => f.file === file).map(f => f.line);
      assert.deepEqual(changedLines(texts.get(file)!, read(root, file)), want, file);
    }
    assert.equal(read(root, 'aims/models/credit-risk-scorer.yaml').split('\n')[36], '  - loan-applications-2024');
    assert.equal(read(root, 'aims/models/transaction-fraud-detector.yaml').split('\n')[21], 'limitations:');

    // what was fixed is gone, and so is the missing `limitations` the misspelt key caused
    const key = (f: { file: string; ruleId: string }): string => `${f.file} ${f.ruleId}`;
    const remaining = new Set(after.map(key));
    for (const f of fixable) assert.ok(!remaining.has(key(f)), `still reported: ${key(f)}`);
    assert.ok(!remaining.has('aims/models/transaction-fraud-detector.yaml required-field'));
    assert.deepEqual(lintJson(root), after, 're-lint reports the same as the fix run');
    // the unfixable ones stay
    for (const id of ['personal-data-legal-basis', 'soa-exclusion-justification', 'placeholder-text']) assert.ok(after.some(f => f.ruleId === id), id);

    // nothing left to fix: a second run changes nothing
    const fixed = new Map(files.map(f => [f, read(root, f)]));
    const again = aims(['lint', '--fix'], root);
    assert.equal(again.stderr, '');
    for (const file of files) assert.equal(read(root, file), fixed.get(file), file);
  });

  it('--fix with paths fixes only those files', () => {
    const root = copyExamples();
    const card = read(root, 'aims/models/transaction-fraud-detector.yaml');
    const r = aims(['lint', '--fix', 'aims/models/credit-risk-scorer.yaml'], root);
    assert.equal(r.stderr, 'aims: applied 1 fix in 1 file.\n');
    assert.equal(read(root, 'aims/models/transaction-fraud-detector.yaml'), card);
    assert.match(read(root, 'aims/models/credit-risk-scorer.yaml'), /- loan-applications-2024\n/);
  });

  it('keeps CRLF line endings', () => {
    const root = copyExamples();
    const file = 'aims/models/transaction-fraud-detector.yaml';
    const crlf = read(root, file).replace(/\n/g, '\r\n');
    write(root, file, crlf);
    aims(['lint', '--fix', file], root);
    const after = read(root, file);
    assert.equal(after.split('\r\n').length, crlf.split('\r\n').length);
    assert.ok(!/[^\r]\n/.test(after), 'every line still ends with CRLF');
    assert.deepEqual(changedLines(crlf, after), [22]);
  });
});
