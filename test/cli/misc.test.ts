// `aims rules`, `--version`, `--help`, and no command at all.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../src/core/rules';
import { aims, REPO, tempDir, useTempDirs } from './helpers';

describe('aims rules / --version / --help (CLI)', function () {
  this.timeout(60_000);
  useTempDirs();
  let cwd: string;
  before(() => { cwd = tempDir(); });

  it('rules: a line per rule with severity, fix and controls, and the totals', () => {
    const r = aims(['rules'], cwd);
    assert.equal(r.code, 0);
    const lines = r.stdout.split('\n');
    for (const rule of RULES) {
      const line = lines.find(l => l.startsWith(rule.id + ' '));
      assert.ok(line, rule.id);
      assert.match(line, new RegExp(`^${rule.id}\\s+${rule.severity}\\s`));
      assert.ok(line.includes(rule.title), rule.id);
      if (rule.controls.length) assert.ok(line.endsWith(`[${rule.controls.join(', ')}]`), rule.id);
    }
    assert.ok(r.stdout.endsWith(`\n${RULES.length} rules over 38 Annex A controls.\n`));
  });

  it('rules --format json: the rule metadata', () => {
    const r = aims(['rules', '--format', 'json'], cwd);
    assert.equal(r.code, 0);
    const rules = JSON.parse(r.stdout) as { id: string; severity: string; controls: string[]; annexB: string[] }[];
    assert.deepEqual(rules.map(x => x.id), RULES.map(x => x.id));
    assert.deepEqual(rules.map(x => x.controls), RULES.map(x => x.controls));
  });

  it('rules --format markdown: the README table', () => {
    const r = aims(['rules', '--format', 'markdown'], cwd);
    assert.equal(r.code, 0);
    assert.ok(r.stdout.startsWith('| Rule | Checks | Severity | Controls | Fix |'));
    assert.ok(fs.readFileSync(path.join(REPO, 'README.md'), 'utf8').includes(r.stdout.trimEnd()), 'the README table is current (npm run docs)');
  });

  it('rules with an unknown format exits 2', () => {
    const r = aims(['rules', '--format', 'yaml'], cwd);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown rules format 'yaml'/);
  });

  it('--version and -v print the package version', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const r = aims([flag], cwd);
      assert.deepEqual([r.code, r.stdout, r.stderr], [0, `${version}\n`, '']);
    }
  });

  it('--help, -h and help print the usage with every command and exit 0', () => {
    for (const args of [['--help'], ['-h'], ['help'], ['lint', '--help']]) {
      const r = aims(args, cwd);
      assert.equal(r.code, 0, args.join(' '));
      for (const s of ['aims lint', 'aims coverage', 'aims init', 'aims new <kind> <id>', 'aims rules', '--max-warnings', '--fix', '--output', 'Exit codes: 0']) assert.ok(r.stdout.includes(s), `${args.join(' ')}: ${s}`);
    }
  });

  it('no command prints the usage on stderr and exits 2', () => {
    const r = aims([], cwd);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^aims — lint ISO\/IEC 42001 AIMS records/);
  });

  it('a closed pipe (aims ... | head) is not an error', () => {
    // coverage --format json is well over a pipe buffer, so the writer meets the closed pipe;
    // pipefail: the status is aims's, not head's
    const cmd = `"${process.execPath}" "${path.join(REPO, 'bin/aims.js')}" coverage --format json --root "${path.join(REPO, 'examples')}" | head -c 10 >/dev/null`;
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', cmd], { encoding: 'utf8' });
    assert.equal(r.status, 0);
    assert.equal(r.stderr, '');
  });
});
