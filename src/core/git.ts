// Date of the last commit that modified each file under aims/, from one `git log` call. Used by rule
// review-stale. Only modifications count: the commit that adds a file (A), copies it (C) or renames it
// without changing its content (R100) is not a change of its content. A file renamed later keeps the
// modifications made under its old name. Never throws: without git, outside a repository, or on a
// timeout the answer is undefined.
import { execFile, spawnSync } from 'node:child_process';

// -M: renames are found (else a rename is a delete plus an add, and the history before it is lost);
// merges list no files (their changes are in the commits they merge); -z: any file name, unquoted.
// rev: the history up to that commit (a base revision, src/core/git-base.ts), else up to HEAD
const ARGS = (relDir: string, rev?: string): string[] => ['log', '-z', '--format=%x01%cs', '--name-status', '-M', '--relative', '--no-color', ...(rev ? [rev] : []), '--', relDir];

/**
 * Parses `git log -z --format=%x01%cs --name-status -M` (newest commit first): path → date of the
 * newest commit that modified it (status M or T, or a rename that also changed the content), under
 * the name the file has now.
 */
export function parseGitLog(out: string): Map<string, string> {
  const dates = new Map<string, string>();
  // old name → the name the file has now (renames seen so far, walking back in time)
  const now = new Map<string, string>();
  const current = (p: string): string => now.get(p) ?? p;
  const tokens = out.split('\0');
  let date: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i].replace(/^\n+/, '');
    if (t.startsWith('\x01')) {
      const d = t.slice(1).trim();
      date = /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : undefined;
      continue;
    }
    if (!/^[A-Z]\d*$/.test(t)) continue;
    if (t[0] === 'R' || t[0] === 'C') {
      const from = tokens[++i], to = tokens[++i];
      if (from === undefined || to === undefined || !date) continue;
      if (t[0] === 'C') continue; // a copy adds a file
      const name = current(to);
      now.set(from, name);
      // a rename that also changed the content (similarity below 100 %) modified it
      if (t !== 'R100' && !dates.has(name)) dates.set(name, date);
      continue;
    }
    const file = tokens[++i];
    if (file === undefined || !date || (t !== 'M' && t !== 'T')) continue;
    const name = current(file);
    if (!dates.has(name)) dates.set(name, date);
  }
  return dates;
}

/** Workspace-relative path (forward slashes) → YYYY-MM-DD of the latest commit that modified it (up to `rev`, a commit id). */
export function gitLastChangeDates(root: string, relDir = 'aims', rev?: string): Map<string, string> | undefined {
  try {
    const r = spawnSync('git', ['-C', root, ...ARGS(relDir, rev)], { encoding: 'utf8', timeout: 10_000, maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
    if (r.status !== 0 || typeof r.stdout !== 'string') return undefined;
    return parseGitLog(r.stdout);
  } catch {
    return undefined;
  }
}

export function gitLastChangeDatesAsync(root: string, relDir = 'aims'): Promise<Map<string, string> | undefined> {
  return new Promise(resolve => {
    try {
      execFile('git', ['-C', root, ...ARGS(relDir)], { encoding: 'utf8', timeout: 10_000, maxBuffer: 256 * 1024 * 1024 }, (err, stdout) => {
        resolve(err ? undefined : parseGitLog(stdout));
      });
    } catch {
      resolve(undefined);
    }
  });
}
