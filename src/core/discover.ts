// Which files under aims/ are records, per the config's include/exclude globs (minimatch).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileGlob } from './glob';
import { AIMS_DIR, CONFIG_FILE, type AimsConfig } from './config';

export { compileGlob } from './glob';

export class RecordMatcher {
  private readonly inc: ((path: string) => boolean)[];
  private readonly exc: ((path: string) => boolean)[];
  constructor(config: AimsConfig) {
    this.inc = config.include.map(p => compileGlob(p));
    this.exc = config.exclude.map(p => compileGlob(p));
  }
  /** `rel` is workspace-relative with forward slashes, e.g. aims/data/x.yaml */
  matches(rel: string): boolean {
    if (!rel.startsWith(AIMS_DIR + '/') || rel === CONFIG_FILE) return false;
    const inner = rel.slice(AIMS_DIR.length + 1);
    return this.inc.some(m => m(inner)) && !this.exc.some(m => m(inner));
  }
}

const SKIP_DIRS = new Set(['node_modules', '.git']);

/** Workspace-relative paths (forward slashes, sorted) of the record files under root/aims. */
export function findRecordFiles(root: string, config: AimsConfig): string[] {
  const matcher = new RecordMatcher(config);
  const out: string[] = [];
  const walk = (rel: string): void => {
    let entries: fs.Dirent[];
    try { entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const childRel = `${rel}/${e.name}`;
      if (e.isDirectory()) { if (!SKIP_DIRS.has(e.name)) walk(childRel); }
      else if (e.isFile() && matcher.matches(childRel)) out.push(childRel);
    }
  };
  walk(AIMS_DIR);
  return out.sort();
}

export function toRel(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join('/');
}
