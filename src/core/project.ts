// Opening a workspace from disk (CLI, tests, benchmark): config, discovery, reading, linting.
// The extension builds its Linter from open documents and file watchers instead, with the same parts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE, DEFAULT_CONFIG, parseConfig, type AimsConfig } from './config';
import { makePathKind } from './coverage/evidence';
import { findRecordFiles } from './discover';
import { gitLastChangeDates } from './git';
import { Linter, type LinterOptions } from './linter';
import { RULES } from './rules';
import type { FileAnalysis } from './analyze';
import { findCodeFiles } from './code/config';

export interface Project {
  root: string;
  config: AimsConfig;
  /** Whether aims/aims.config.yaml exists. */
  hasConfigFile: boolean;
  files: string[];
  /** Code files scanned for dataset and model loads (config `code:`). */
  codeFiles: string[];
  linter: Linter;
}

export interface OpenOptions extends Pick<LinterOptions, 'today'> {
  /**
   * Analyses computed elsewhere (worker threads, see pool.ts: parallelAnalyzer), for some or all of
   * `files` (relative to `root`); the rest is read and analyzed here.
   */
  analyze?: (files: string[], linter: Linter, root: string) => FileAnalysis[] | undefined;
}

/** Reads aims/aims.config.yaml (if any). Throws ConfigError on a bad config. */
export function loadConfig(root: string): { config: AimsConfig; exists: boolean } {
  const file = path.join(root, CONFIG_FILE);
  let text: string;
  try { text = fs.readFileSync(file, 'utf8'); } catch { return { config: { ...DEFAULT_CONFIG }, exists: false }; }
  return { config: parseConfig(text, CONFIG_FILE, RULES.map(r => r.id)), exists: true };
}

export function makePathExists(root: string): (rel: string) => boolean {
  const cache = new Map<string, boolean>();
  return rel => {
    let v = cache.get(rel);
    if (v === undefined) {
      const abs = path.resolve(root, rel);
      v = (abs === root || abs.startsWith(root + path.sep)) && fs.existsSync(abs);
      cache.set(rel, v);
    }
    return v;
  };
}

/** Lazily asks git once for the last change date of every file under aims/. */
export function makeLastChange(root: string): (file: string) => string | undefined {
  let dates: Map<string, string> | undefined | null = null;
  return file => {
    if (dates === null) dates = gitLastChangeDates(root) ?? undefined;
    return dates?.get(file);
  };
}

export function openProject(rootIn: string, opts: OpenOptions = {}): Project {
  const root = path.resolve(rootIn);
  const { config, exists } = loadConfig(root);
  const linter = new Linter({
    today: opts.today, roles: config.roles, severities: config.rules, limits: config.limits,
    pathExists: makePathExists(root), pathKind: makePathKind(root), lastChange: makeLastChange(root),
    orgControlPrefix: config.organization_control_prefix,
  });
  const files = findRecordFiles(root, config);
  const pre = opts.analyze?.(files, linter, root);
  if (pre) for (const a of pre) linter.setAnalysis(a);
  for (const f of files) {
    if (linter.has(f)) continue;
    linter.setFileFromDisk(f, path.join(root, f));
  }
  const codeFiles = findCodeFiles(root, config.code);
  for (const f of codeFiles) {
    let text: string;
    try { text = fs.readFileSync(path.join(root, f), 'utf8'); } catch { continue; }
    linter.setCodeFile(f, text);
  }
  return { root, config, hasConfigFile: exists, files, codeFiles, linter };
}
