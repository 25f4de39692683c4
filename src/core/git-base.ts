// A workspace as it was at a git revision, read from the object database with `git ls-tree` and
// `git cat-file --batch`: nothing in the working tree, the index or HEAD changes. Used by
// `aims lint --changed-since <ref>` and `aims coverage --compare <ref>` (src/core/review.ts).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AIMS_DIR, CONFIG_FILE, ConfigError, DEFAULT_CONFIG, parseConfig, type AimsConfig } from './config';
import type { PathKind } from './coverage';
import { RecordMatcher } from './discover';
import { gitLastChangeDates } from './git';
import { Linter } from './linter';
import { RULES } from './rules';
import { oneLine } from './text';

/** Why a revision could not be read; the message says what to do. */
export class GitBaseError extends Error {
  override name = 'GitBaseError';
}

export interface BaseWorkspace {
  /** The revision as given, and the commit it names. */
  ref: string;
  commit: string;
  config: AimsConfig;
  /** Record files at the revision, workspace-relative (aims/...), with their text. */
  files: Map<string, string>;
  linter: Linter;
}

/** Bounds: a revision with more than this many files under aims/, or bigger blobs in total, is refused. */
const MAX_FILES = 50_000;
const MAX_BYTES = 512 * 1024 * 1024;

function git(cwd: string, args: string[], input?: string): { ok: boolean; out: Buffer; err: string } {
  const r = spawnSync('git', ['-C', cwd, ...args], { input, maxBuffer: MAX_BYTES, timeout: 60_000, stdio: ['pipe', 'pipe', 'pipe'] });
  if (r.error) return { ok: false, out: Buffer.alloc(0), err: r.error.message };
  return { ok: r.status === 0, out: r.stdout, err: String(r.stderr ?? '').trim() };
}

/** Rejects what git would read as an option, and control characters (the ref is echoed in messages). */
function checkRef(ref: string): void {
  if (!ref || ref.startsWith('-') || /[\u0000-\u001f\u007f]/.test(ref) || ref.length > 256) {
    throw new GitBaseError(`'${oneLine(ref)}' is not a git revision; give a branch, tag or commit such as origin/main.`);
  }
}

/** Splits `git cat-file --batch` output into the blobs, in order. */
export function parseCatFileBatch(out: Buffer, count: number): (string | undefined)[] {
  const texts: (string | undefined)[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const nl = out.indexOf(0x0a, at);
    if (nl < 0) break;
    const header = out.subarray(at, nl).toString('utf8');
    at = nl + 1;
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!m) { texts.push(undefined); continue; } // "<name> missing"
    const size = Number(m[2]);
    texts.push(m[1] === 'blob' ? out.subarray(at, at + size).toString('utf8') : undefined);
    at += size + 1; // the content and its trailing newline
  }
  return texts;
}

/**
 * The workspace at `root` as it was at revision `ref`, linted with that revision's own config and
 * `today`. Evidence paths resolve against the files of that revision.
 */
export function readBase(root: string, ref: string, today?: string): BaseWorkspace {
  checkRef(ref);
  const top = git(root, ['rev-parse', '--show-toplevel']);
  if (!top.ok) throw new GitBaseError(`${root} is not in a git repository: comparing with '${ref}' needs one.`);
  const rev = git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (!rev.ok) throw new GitBaseError(`git knows no commit '${ref}'. In a shallow CI checkout fetch it first (e.g. git fetch --depth=1 origin ${ref.replace(/^origin\//, '')}).`);
  const commit = rev.out.toString('utf8').trim();
  // the workspace's path inside the repository ('' at the top)
  const topDir = top.out.toString('utf8').trim();
  const prefix = path.relative(realDir(topDir), realDir(root)).split(path.sep).join('/');
  const pre = prefix ? `${prefix}/` : '';
  const list = git(topDir, ['ls-tree', '-r', '-z', '--full-tree', '--name-only', commit, '--', `${pre}${AIMS_DIR}`]);
  if (!list.ok) throw new GitBaseError(`git ls-tree ${commit.slice(0, 12)} failed: ${list.err.slice(0, 200)}`);
  const all = list.out.toString('utf8').split('\0').filter(Boolean).map(p => p.slice(pre.length));
  if (all.length > MAX_FILES) throw new GitBaseError(`'${ref}' has ${all.length} files under ${AIMS_DIR}/, more than the ${MAX_FILES} aims compares.`);

  const blobs = (paths: string[]): (string | undefined)[] => {
    if (!paths.length) return [];
    const r = git(topDir, ['cat-file', '--batch'], paths.map(p => `${commit}:${pre}${p}\n`).join(''));
    if (!r.ok) throw new GitBaseError(`git cat-file failed: ${r.err.slice(0, 200)}`);
    return parseCatFileBatch(r.out, paths.length);
  };

  let config: AimsConfig = { ...DEFAULT_CONFIG };
  if (all.includes(CONFIG_FILE)) {
    const [text] = blobs([CONFIG_FILE]);
    try {
      if (text !== undefined) config = parseConfig(text, CONFIG_FILE, RULES.map(r => r.id));
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      // a bad config at the base: its defaults, as the editor does
    }
  }
  const matcher = new RecordMatcher(config);
  const recordPaths = all.filter(p => matcher.matches(p)).sort();
  const texts = blobs(recordPaths);
  const files = new Map<string, string>();
  recordPaths.forEach((p, i) => { const t = texts[i]; if (t !== undefined) files.set(p, t); });

  // evidence paths (anywhere in the workspace) resolve against the revision's tree: files with their
  // sizes (an empty file is no evidence), folders from the files' parents
  const tree = git(topDir, ['ls-tree', '-r', '-z', '-l', '--full-tree', commit, '--', prefix || '.']);
  const kinds = new Map<string, PathKind>();
  if (tree.ok) {
    for (const entry of tree.out.toString('utf8').split('\0')) {
      const m = /^\d+ (\w+) [0-9a-f]+ +(-|\d+)\t([\s\S]+)$/.exec(entry);
      if (!m || !m[3].startsWith(pre)) continue;
      const rel = m[3].slice(pre.length);
      kinds.set(rel, m[1] !== 'blob' ? 'special' : m[2] === '0' ? 'empty' : 'file');
      for (let i = rel.lastIndexOf('/'); i > 0; i = rel.lastIndexOf('/', i - 1)) kinds.set(rel.slice(0, i), 'folder');
    }
  }
  const pathKind = (rel: string): PathKind => {
    if (!rel || rel === '.' || rel === './') return 'root';
    const clean = path.posix.normalize(rel.replace(/\\/g, '/')).replace(/^\.\//, '').replace(/\/+$/, '');
    if (path.posix.isAbsolute(clean) || clean === '..' || clean.startsWith('../') || clean.includes('\0')) return 'outside';
    return kinds.get(clean) ?? 'missing';
  };
  const dates = gitLastChangeDates(root, AIMS_DIR, commit) ?? new Map<string, string>();
  const linter = new Linter({
    today, roles: config.roles, severities: config.rules, orgControlPrefix: config.organization_control_prefix,
    pathExists: rel => { const k = pathKind(rel); return k === 'file' || k === 'empty' || k === 'folder' || k === 'root'; },
    pathKind,
    lastChange: f => dates.get(f),
  });
  for (const [f, t] of files) linter.setFile(f, t);
  return { ref, commit, config, files, linter };
}

function realDir(p: string): string {
  try { return fs.realpathSync(p); } catch { return path.resolve(p); }
}
