// Config globs (record include/exclude, the code scanner's include/exclude), imported by discover.ts
// and code/config.ts. No imports but minimatch's parser.
import { Minimatch } from 'minimatch';

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

/**
 * A matcher for one include/exclude pattern (record globs relative to aims/; with `dot`, as the code
 * scanner's globs, `*` and `**` also match names that start with a dot).
 */
export function compileGlob(pattern: string, opts: { dot?: boolean } = {}): (path: string) => boolean {
  const dot = opts.dot ?? false;
  const m = new Minimatch(pattern, { dot, nocase: false, matchBase: false, noext: true, braceExpandMax: BRACE_MAX });
  if (m.comment || m.empty) return () => false;
  const alternatives = m.globParts.map(parts => parts.map(segmentTokens));
  const test = (path: string): boolean => {
    const segs = path.split('/');
    return alternatives.some(a => matchPath(a, segs, dot));
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

function matchSegment(tokens: Token[], s: string, dot: boolean): boolean {
  // dot: false: a leading dot must be matched by a literal dot
  if (!dot && s[0] === '.' && tokens[0] !== '.') return false;
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

function matchPath(pattern: Segment[], segs: string[], dot: boolean): boolean {
  let p = 0, i = 0, starP = -1, starI = 0;
  while (i < segs.length) {
    const t = pattern[p];
    if (p < pattern.length && t !== 'globstar' && matchSegment(t, segs[i], dot)) { p++; i++; }
    else if (t === 'globstar') { starP = p++; starI = i; }
    else if (starP >= 0 && (dot ? segs[starI] !== '.' && segs[starI] !== '..' : !segs[starI].startsWith('.'))) { p = starP + 1; i = ++starI; }
    else return false;
  }
  // a trailing `**` after something (`data/**`) needs at least one more segment, as in minimatch
  if (p > 0 && p === pattern.length - 1 && pattern[p] === 'globstar') return false;
  while (pattern[p] === 'globstar') p++;
  return p === pattern.length;
}
