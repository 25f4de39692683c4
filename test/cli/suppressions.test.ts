// Inline suppressions from the command line: an accepted finding leaves the report, the counts and the
// exit code; a suppression without a reason, or one that accepts nothing, is reported itself.
import * as assert from 'node:assert/strict';
import { aims, copyExamples, lintJson, read, useTempDirs, write } from './helpers';

const SOA = 'aims/statement-of-applicability.yaml';
const REASON = 'A.9.2 does not apply: we only develop, others use; decided by the AIMS board on 2026-11-20';

describe('inline suppressions (CLI)', function () {
  this.timeout(60_000);
  useTempDirs();

  it('the accepted finding leaves the output, the counts and the exit code', () => {
    const ws = copyExamples();
    const before = aims(['lint', SOA], ws);
    assert.equal(before.code, 1);
    assert.match(before.stdout, /soa-exclusion-justification/);
    write(ws, SOA, read(ws, SOA).replace('    justification: N/A\n', `    # aims-disable-next-line soa-exclusion-justification -- ${REASON}\n    justification: N/A\n`));
    const after = aims(['lint', SOA], ws);
    assert.equal(after.code, 0, after.stdout);
    assert.match(after.stdout, /^✔ 1 record file checked, no problems$/m);
    // the whole workspace: one error fewer, nothing else changed
    const all = lintJson(ws);
    assert.equal(all.filter(f => f.ruleId === 'soa-exclusion-justification').length, 0);
    assert.equal(all.filter(f => f.ruleId.endsWith('-suppression')).length, 0);
  });

  it('a whole-file suppression accepts the rule anywhere in the file', () => {
    const ws = copyExamples();
    const model = 'aims/models/transaction-fraud-detector.yaml';
    assert.ok(lintJson(ws).some(f => f.file === model && f.ruleId === 'unknown-key'));
    write(ws, model, `# aims-disable unknown-key -- 'limitation' is read by the model registry export until March\n${read(ws, model)}`);
    assert.ok(!lintJson(ws).some(f => f.file === model && f.ruleId === 'unknown-key'));
  });

  it('without a reason it suppresses nothing and is reported; an unused one is reported where the rule id stands', () => {
    const ws = copyExamples();
    write(ws, SOA, read(ws, SOA)
      .replace('    justification: N/A\n', '    # aims-disable-next-line soa-exclusion-justification\n    justification: N/A\n')
      .replace('  # A.9 Use of AI systems\n', '  # aims-disable-next-line unknown-key -- nothing to accept here\n  # A.9 Use of AI systems\n'));
    const r = aims(['lint', SOA], ws);
    assert.equal(r.code, 1);
    const lines = read(ws, SOA).split('\n');
    const at = (text: string): number => lines.findIndex(l => l.includes(text)) + 1;
    assert.match(r.stdout, new RegExp(`^  ${at('aims-disable-next-line soa-exclusion-justification')}:5 +warning +The reason is missing: .* invalid-suppression$`, 'm'));
    assert.match(r.stdout, new RegExp(`^  ${at('aims-disable-next-line unknown-key')}:28 +warning +The suppression of 'unknown-key' matches no finding on line ${at('# A.9 Use of AI systems')}\\. .* unused-suppression$`, 'm'));
    assert.match(r.stdout, /soa-exclusion-justification/, 'the finding stays');
  });

  it('unused-suppression can be turned off in aims.config.yaml like any rule; both rules are listed', () => {
    const ws = copyExamples();
    write(ws, SOA, read(ws, SOA).replace('  # A.9 Use of AI systems\n', '  # aims-disable-next-line unknown-key -- nothing to accept here\n  # A.9 Use of AI systems\n'));
    assert.equal(lintJson(ws).filter(f => f.ruleId === 'unused-suppression').length, 1);
    const config = read(ws, 'aims/aims.config.yaml');
    assert.match(config, /^rules: \{\}$/m);
    write(ws, 'aims/aims.config.yaml', config.replace(/^rules: \{\}$/m, 'rules:\n  unused-suppression: off'));
    assert.equal(lintJson(ws).filter(f => f.ruleId === 'unused-suppression').length, 0);
    const rules = aims(['rules'], ws).stdout;
    assert.match(rules, /^invalid-suppression +warning /m);
    assert.match(rules, /^unused-suppression +warning /m);
  });
});
