// Last commit date of every file under aims/, from one `git log` call. Used by rule review-stale.
// Never throws: without git, outside a repository, or on a timeout the answer is undefined.
import { execFile, spawnSync } from 'node:child_process';

const ARGS = (relDir: string): string[] => ['log', '--format=%x00%cs', '--name-only', '--no-renames', '--relative', '--', relDir];

/** Parses `git log --format=%x00%cs --name-only`: the first (newest) date seen per path wins. */
export function parseGitLog(out: string): Map<string, string> {
  const dates = new Map<string, string>();
  for (const block of out.split('\0')) {
    const lines = block.split('\n');
    const date = lines[0]?.trim();
    if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) continue;
    for (let i = 1; i < lines.length; i++) {
      const f = lines[i].trim();
      if (f && !dates.has(f)) dates.set(f, date);
    }
  }
  return dates;
}

/** Workspace-relative path (forward slashes) → YYYY-MM-DD of its latest commit. */
export function gitLastChangeDates(root: string, relDir = 'aims'): Map<string, string> | undefined {
  try {
    const r = spawnSync('git', ['-C', root, ...ARGS(relDir)], { encoding: 'utf8', timeout: 10_000, maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
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
