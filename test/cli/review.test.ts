// Pull-request review from the command line: `aims lint --changed-since <ref>` and
// `aims coverage --compare <ref>`, on a git repository whose base commit is the examples and whose
// working tree has a change. The base is read from git: the working tree, the index and HEAD stay as
// they were.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CoverageDelta } from '../../src/core/review';
import { aims, EXAMPLES, read, tempDir, useTempDirs, write } from './helpers';

const hasGit = spawnSync('git', ['--version']).status === 0;

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=aims-test', '-c', 'user.email=test@aims.invalid', ...args], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** A repository with the examples under `sub` committed on branch main, and a second commit on top. */
function repo(sub = ''): { top: string; ws: string } {
  const top = tempDir('aims-review-');
  const ws = path.join(top, sub);
  fs.cpSync(EXAMPLES, ws, { recursive: true });
  git(top, 'init', '-q', '-b', 'main');
  git(top, 'add', '-A');
  git(top, 'commit', '-q', '-m', 'base');
  return { top, ws };
}

/** Everything git says about the state of the checkout: HEAD, the index, the working tree. */
const state = (top: string): string => [git(top, 'rev-parse', 'HEAD'), git(top, 'status', '--porcelain=v1', '-uall'), git(top, 'diff'), git(top, 'diff', '--cached'), git(top, 'stash', 'list')].join('\n--\n');

(hasGit ? describe : describe.skip)('pull-request review (CLI): --changed-since and --compare', function () {
  this.timeout(120_000);
  useTempDirs();

  it('lint --changed-since: the edited records and those whose findings changed through them, nothing else', () => {
    const { top, ws } = repo();
    // rename a dataset: its own file is edited, the model card and the SoA that cite it are affected
    // (and give it a finding of its own: a status in capitals)
    const renamed = read(ws, 'aims/data/loan-applications-2024.yaml').replace(/^id: loan-applications-2024$/m, 'id: loan-applications-2024-v2');
    assert.match(renamed, /^status: approved$/m);
    write(ws, 'aims/data/loan-applications-2024.yaml', renamed.replace(/^status: approved$/m, 'status: Approved'));
    write(ws, 'aims/models/new-model.yaml', read(ws, 'aims/models/credit-risk-scorer.yaml').replace(/^id: credit-risk-scorer$/m, 'id: new-model'));
    const before = state(top);
    const r = aims(['lint', '--format', 'json', '--changed-since', 'main'], ws);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, 'aims: 4 record files changed since main: 2 edited or added, 2 with findings changed through other records.\n');
    const files = [...new Set((JSON.parse(r.stdout) as { file: string }[]).map(f => f.file))].sort();
    assert.deepEqual(files, ['aims/data/loan-applications-2024.yaml', 'aims/models/credit-risk-scorer.yaml', 'aims/models/new-model.yaml', 'aims/statement-of-applicability.yaml']);
    // what the whole workspace reports besides: files nobody touched stay out
    const all = aims(['lint', '--format', 'json'], ws);
    const untouched = [...new Set((JSON.parse(all.stdout) as { file: string }[]).map(f => f.file))].filter(f => !files.includes(f));
    assert.ok(untouched.length > 0, 'the workspace has findings in files the change did not touch');
    assert.equal(state(top), before, 'HEAD, index and working tree untouched');
    // an unchanged workspace: nothing to report, exit 0
    git(top, 'stash', '-u', '-q');
    const clean = aims(['lint', '--changed-since', 'main'], ws);
    assert.equal(clean.code, 0, clean.stdout);
    assert.match(clean.stdout, /^✔ 0 record files checked, no problems$/m);
    assert.equal(clean.stderr, 'aims: 0 record files changed since main: 0 edited or added, 0 with findings changed through other records.\n');
  });

  it('coverage --compare: the controls whose state changed, before → after with the reason, and the totals', () => {
    const { top, ws } = repo('compliance');
    const soa = 'aims/statement-of-applicability.yaml';
    const lines = read(ws, soa).split('\n');
    const entry = lines.findIndex(l => l === '  - id: A.2.2');
    const status = lines.findIndex((l, i) => i > entry && l.startsWith('    status: '));
    assert.equal(lines[status], '    status: implemented');
    lines[status] = '    status: partial';
    write(ws, soa, lines.join('\n'));
    const before = state(top);
    const json = aims(['coverage', '--compare', 'main', '--format', 'json'], ws);
    assert.equal(json.code, 0, json.stderr);
    const d = JSON.parse(json.stdout) as CoverageDelta;
    assert.equal(d.ref, 'main');
    assert.equal(d.commit, git(top, 'rev-parse', 'main').trim());
    assert.deepEqual(d.changed.map(c => [c.id, c.before?.state, c.after?.state]), [['A.2.2', 'covered', 'partial']]);
    assert.match(d.changed[0].after!.reason, /partial/);
    assert.equal(d.after.counts.covered, d.before.counts.covered - 1);
    assert.equal(d.after.counts.partial, d.before.counts.partial + 1);
    const now = JSON.parse(aims(['coverage', '--format', 'json'], ws).stdout) as { counts: object };
    assert.deepEqual(d.after.counts, now.counts);

    const md = aims(['coverage', '--compare', 'main', '--format', 'markdown'], ws);
    assert.equal(md.code, 0, md.stderr);
    assert.match(md.stdout, /^\| covered \| \d+ \| \d+ \| -1 \|$/m);
    assert.match(md.stdout, /^\| partial \| \d+ \| \d+ \| \+1 \|$/m);
    assert.match(md.stdout, /^\| A\.2\.2 AI policy \| covered \| \*\*partial\*\* \| .*partial.* \|$/m);
    const table = aims(['coverage', '--compare', 'main'], ws);
    assert.match(table.stdout, /^ {2}A\.2\.2 +covered +→ partial +AI policy$/m);
    assert.match(table.stdout, /^covered (\d+) → \d+ \(-1\) · partial \d+ → \d+ \(\+1\)/m);
    assert.equal(state(top), before, 'HEAD, index and working tree untouched');
  });

  it('refuses what it cannot compare, with exit 2 and what to do', () => {
    const { ws } = repo();
    const unknown = aims(['lint', '--changed-since', 'no-such-branch'], ws);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^aims: git knows no commit 'no-such-branch'\. In a shallow CI checkout fetch it first/);
    const option = aims(['coverage', '--compare=--output=/tmp/x'], ws);
    assert.equal(option.code, 2);
    assert.match(option.stderr, /is not a git revision/);
    const format = aims(['coverage', '--compare', 'main', '--format', 'csv'], ws);
    assert.equal(format.code, 2);
    assert.match(format.stderr, /--compare writes table, json or markdown, not 'csv'/);
    const noRepo = tempDir();
    fs.cpSync(EXAMPLES, noRepo, { recursive: true });
    const outside = aims(['coverage', '--compare', 'main'], noRepo);
    assert.equal(outside.code, 2);
    assert.match(outside.stderr, /is not in a git repository/);
  });
});
