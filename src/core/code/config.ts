// The `code:` section of aims/aims.config.yaml: which files of the repository the code scanner reads
// (minimatch globs relative to the workspace root), and their discovery on disk.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileGlob } from '../glob';

export interface CodeConfig {
  include: string[];
  exclude: string[];
}

export const DEFAULT_CODE_CONFIG: CodeConfig = {
  include: ['**/*.py', '**/*.ipynb'],
  exclude: [
    '**/.venv/**', '**/venv/**', '**/.env/**', '**/env/**', '**/site-packages/**', '**/.tox/**', '**/.nox/**',
    '**/node_modules/**', '**/build/**', '**/dist/**', '**/__pycache__/**', '**/.ipynb_checkpoints/**', '**/.git/**',
  ],
};

/** Most files the scanner reads in one workspace. */
export const MAX_CODE_FILES = 100_000;

export class CodeMatcher {
  private readonly inc: ((path: string) => boolean)[];
  private readonly exc: ((path: string) => boolean)[];
  constructor(cfg: CodeConfig) {
    // matched without regular expressions: a config glob cannot backtrack (discover.ts)
    const compile = (p: string) => compileGlob(p, { dot: true });
    this.inc = cfg.include.map(compile);
    this.exc = cfg.exclude.map(compile);
  }
  /** `rel`: workspace-relative, forward slashes. */
  matches(rel: string): boolean {
    return this.inc.some(m => m(rel)) && !this.exc.some(m => m(rel));
  }
  /** Whether nothing under a folder can match (an exclude like `**\/venv/**` covers it). */
  prunes(relDir: string): boolean {
    const probe = `${relDir}/\u0000probe`;
    return this.exc.some(m => m(probe));
  }
}

/** Workspace-relative code files under root (sorted), without following symbolic links. */
export function findCodeFiles(root: string, cfg: CodeConfig): string[] {
  const m = new CodeMatcher(cfg);
  const out: string[] = [];
  const walk = (rel: string): void => {
    let entries: fs.Dirent[];
    try { entries = fs.readdirSync(rel ? path.join(root, rel) : root, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      if (out.length >= MAX_CODE_FILES) return;
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) { if (e.name !== '.git' && e.name !== 'node_modules' && !m.prunes(child)) walk(child); }
      else if (e.isFile() && m.matches(child)) out.push(child);
    }
  };
  walk('');
  return out.sort();
}
