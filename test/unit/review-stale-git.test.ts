// review-stale on a real, scripted git history (a repository in a temp dir, commits with set dates):
// only commits that modified a record after its `reviewed` date count; the commit that adds the file,
// a pure rename and a copy do not; edits made before a rename count for the renamed file.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gitLastChangeDates, gitLastChangeDatesAsync, parseGitLog } from '../../src/core/git';
import { openProject } from '../../src/core/project';
import { skeletonRecord } from '../../src/core/skeleton';

const hasGit = spawnSync('git', ['--version'], { stdio: 'ignore' }).status === 0;

function git(root: string, args: string[], date?: string): void {
  const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' };
  if (date) Object.assign(env, { GIT_AUTHOR_DATE: `${date}T12:00:00Z`, GIT_COMMITTER_DATE: `${date}T12:00:00Z` });
  const r = spawnSync('git', ['-C', root, '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { env, encoding: 'utf8' });
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
}

/** A record reviewed on `reviewed`, with a title to change later. */
const record = (id: string, reviewed: string, title = 'First title'): string =>
  skeletonRecord('DataProvenance', id, { today: reviewed, title, owner: 'Data team' });

describe('review-stale and the git history', function () {
  let root: string;
  before(function () { if (!hasGit) this.skip(); });
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'aims-git-'));
    git(root, ['init', '-q']);
    fs.mkdirSync(path.join(root, 'aims/data'), { recursive: true });
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const write = (rel: string, text: string): void => fs.writeFileSync(path.join(root, rel), text);
  const commit = (date: string, msg = 'c'): void => { git(root, ['add', '-A']); git(root, ['commit', '-q', '-m', msg], date); };
  const stale = (): string[] => {
    const p = openProject(root, { today: '2027-01-15' });
    const out: string[] = [];
    for (const [file, list] of p.linter.allFindings()) for (const f of list) if (f.ruleId === 'review-stale') out.push(`${file}: ${f.message}`);
    return out.sort();
  };

  it('a freshly committed repository: the adding commit is not a change after the review', () => {
    write('aims/data/a.yaml', record('a', '2026-03-01'));
    write('aims/data/b.yaml', record('b', '2026-03-01'));
    commit('2026-12-01', 'git init && git commit');
    assert.deepEqual(gitLastChangeDates(root), new Map());
    assert.deepEqual(stale(), []);
  });

  it('a commit that modified the record after its review counts; one before the review does not', () => {
    write('aims/data/a.yaml', record('a', '2026-03-01'));
    write('aims/data/b.yaml', record('b', '2026-09-01'));
    commit('2026-02-01');
    write('aims/data/a.yaml', record('a', '2026-03-01', 'Second title'));
    write('aims/data/b.yaml', record('b', '2026-09-01', 'Second title'));
    commit('2026-06-10');
    assert.deepEqual(Object.fromEntries(gitLastChangeDates(root)!), { 'aims/data/a.yaml': '2026-06-10', 'aims/data/b.yaml': '2026-06-10' });
    assert.deepEqual(stale(), ['aims/data/a.yaml: Modified by a commit on 2026-06-10 (git) after its last review on 2026-03-01. Review the change, then update reviewed.']);
  });

  it('a rename or move that keeps the content is not a change; edits before the rename follow the file', () => {
    write('aims/data/a.yaml', record('a', '2026-03-01'));
    write('aims/data/c.yaml', record('c', '2026-03-01'));
    commit('2026-01-10');
    write('aims/data/c.yaml', record('c', '2026-03-01', 'Edited after the review'));
    commit('2026-04-02');
    fs.mkdirSync(path.join(root, 'aims/moved'));
    git(root, ['mv', 'aims/data/a.yaml', 'aims/moved/a.yaml']);
    git(root, ['mv', 'aims/data/c.yaml', 'aims/moved/c.yaml']);
    commit('2026-08-08', 'move');
    const dates = gitLastChangeDates(root)!;
    assert.equal(dates.get('aims/moved/a.yaml'), undefined, 'added, then only moved');
    assert.equal(dates.get('aims/moved/c.yaml'), '2026-04-02', 'the edit before the move, not the move');
    assert.deepEqual(stale(), ['aims/moved/c.yaml: Modified by a commit on 2026-04-02 (git) after its last review on 2026-03-01. Review the change, then update reviewed.']);
  });

  it('a rename that also changes the content counts as a modification; a copy is an addition', () => {
    write('aims/data/a.yaml', record('a', '2026-03-01'));
    commit('2026-01-10');
    git(root, ['mv', 'aims/data/a.yaml', 'aims/data/a2.yaml']);
    write('aims/data/a2.yaml', record('a', '2026-03-01', 'Renamed and edited'));
    commit('2026-05-05');
    write('aims/data/copy.yaml', fs.readFileSync(path.join(root, 'aims/data/a2.yaml'), 'utf8').replace('id: a', 'id: copy'));
    commit('2026-06-06');
    const dates = gitLastChangeDates(root)!;
    assert.equal(dates.get('aims/data/a2.yaml'), '2026-05-05');
    assert.equal(dates.get('aims/data/copy.yaml'), undefined);
  });

  it('file names with spaces, tabs and quotes are read (git -z), and the async path agrees', async () => {
    const odd = 'aims/data/we "ird"\tname é.yaml';
    write(odd, record('odd', '2026-03-01'));
    commit('2026-01-10');
    write(odd, record('odd', '2026-03-01', 'Changed'));
    commit('2026-07-07');
    assert.equal(gitLastChangeDates(root)!.get(odd), '2026-07-07');
    assert.deepEqual(await gitLastChangeDatesAsync(root), gitLastChangeDates(root));
  });

  it('outside a repository: no dates, no finding, no throw', () => {
    fs.rmSync(path.join(root, '.git'), { recursive: true, force: true });
    assert.equal(gitLastChangeDates(root), undefined);
    write('aims/data/a.yaml', record('a', '2026-03-01'));
    assert.deepEqual(stale(), []);
  });

  it('parseGitLog ignores what it does not understand', () => {
    assert.deepEqual(parseGitLog(''), new Map());
    assert.deepEqual(parseGitLog('garbage\0M\0'), new Map(), 'a file without a commit date');
    assert.deepEqual(parseGitLog('\x012026-01-02\0\nM\0aims/x.yaml\0\x01not-a-date\0\nM\0aims/y.yaml\0'), new Map([['aims/x.yaml', '2026-01-02']]));
  });
});
