// Which files under aims/ are records, per the config's include/exclude globs (minimatch).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Minimatch } from 'minimatch';
import { AIMS_DIR, CONFIG_FILE, type AimsConfig } from './config';

export class RecordMatcher {
  private readonly inc: ((path: string) => boolean)[];
  private readonly exc: ((path: string) => boolean)[];
  constructor(config: AimsConfig) {
    this.inc = config.include.map(compileGlob);
    this.exc = config.exclude.map(compileGlob);
  }
  /** `rel` is workspace-relative with forward slashes, e.g. aims/data/x.yaml */
  matches(rel: string): boolean {
    if (!rel.startsWith(AIMS_DIR + '/') || rel === CONFIG_FILE) return false;
    const inner = rel.slice(AIMS_DIR.length + 1);
    return this.inc.some(m => m(inner)) && !this.exc.some(m => m(inner));
  }
}

// Glob matching that cannot backtrack catastrophically. minimatch parses the pattern (braces
// expanded, at most BRACE_MAX alternatives; `**` runs collapsed); the match itself runs segment by
// segment with the greedy wildcard algorithm (the last `*` or `**` absorbs one more unit when the
// rest fails), O(pattern × path) in the worst case. minimatch's regular expressions take exponential
// time on patterns like `**/*a*a*a*a*a*a*a*a*a*a*a*a*b.yaml` against a long file name.
// Semantics as minimatch with { dot: false }: `*`, `?`, `[...]` and `**` do not match a leading dot.

const BRACE_MAX = 256;
const STAR = 0, ANY = 1;
type Token = typeof STAR | typeof ANY | string | RegExp;
type Segment = Token[] | 'globstar';

/** A matcher for one include/exclude pattern (relative to aims/). */
export function compileGlob(pattern: string): (path: string) => boolean {
  const m = new Minimatch(pattern, { dot: false, nocase: false, matchBase: false, noext: true, braceExpandMax: BRACE_MAX });
  if (m.comment || m.empty) return () => false;
  const alternatives = m.globParts.map(parts => parts.map(segmentTokens));
  const test = (path: string): boolean => {
    const segs = path.split('/');
    return alternatives.some(a => matchPath(a, segs));
  };
  return m.negate ? p => !test(p) : test;
}

function segmentTokens(seg: string): Segment {
  if (seg === '**') return 'globstar';
  const out: Token[] = [];
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c === '*') { if (out[out.length - 1] !== STAR) out.push(STAR); }
    else if (c === '?') out.push(ANY);
    else if (c === '\\' && i + 1 < seg.length) out.push(seg[++i]);
    else if (c === '[') {
      // a character class: minimatch compiles it to a one-character expression (no quantifier in it)
      let j = i + 1;
      if (seg[j] === '!' || seg[j] === '^') j++;
      if (seg[j] === ']') j++;
      while (j < seg.length && seg[j] !== ']') j += seg[j] === '\\' ? 2 : 1;
      const re = j < seg.length ? new Minimatch(seg.slice(i, j + 1), { dot: true, noext: true }).makeRe() : false;
      if (re) { out.push(re); i = j; } else out.push(c);
    } else out.push(c);
  }
  return out;
}

function tokenMatches(t: Token, c: string): boolean {
  return t === ANY || (typeof t === 'string' ? t === c : t !== STAR && (t as RegExp).test(c));
}

function matchSegment(tokens: Token[], s: string): boolean {
  // dot: false: a leading dot must be matched by a literal dot
  if (s[0] === '.' && tokens[0] !== '.') return false;
  // `.` and `..` are matched only by themselves, literally
  if (s === '.' || s === '..') return tokens.length === s.length && tokens.every(t => t === '.');
  let p = 0, i = 0, starP = -1, starI = 0;
  while (i < s.length) {
    const t = tokens[p];
    if (p < tokens.length && t !== STAR && tokenMatches(t, s[i])) { p++; i++; }
    else if (t === STAR) { starP = p++; starI = i; }
    else if (starP >= 0) { p = starP + 1; i = ++starI; }
    else return false;
  }
  while (tokens[p] === STAR) p++;
  return p === tokens.length;
}

function matchPath(pattern: Segment[], segs: string[]): boolean {
  let p = 0, i = 0, starP = -1, starI = 0;
  while (i < segs.length) {
    const t = pattern[p];
    if (p < pattern.length && t !== 'globstar' && matchSegment(t, segs[i])) { p++; i++; }
    else if (t === 'globstar') { starP = p++; starI = i; }
    else if (starP >= 0 && !segs[starI].startsWith('.')) { p = starP + 1; i = ++starI; }
    else return false;
  }
  // a trailing `**` after something (`data/**`) needs at least one more segment, as in minimatch
  if (p > 0 && p === pattern.length - 1 && pattern[p] === 'globstar') return false;
  while (pattern[p] === 'globstar') p++;
  return p === pattern.length;
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
