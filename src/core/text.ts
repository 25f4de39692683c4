// Offsets ↔ 1-based line/column, computed lazily per text.
import type { Position, Range } from './model';

export class LineMap {
  private starts: number[] | undefined;
  constructor(readonly text: string) {}

  private lineStarts(): number[] {
    if (!this.starts) {
      const s = [0];
      const t = this.text;
      for (let i = t.indexOf('\n'); i !== -1; i = t.indexOf('\n', i + 1)) s.push(i + 1);
      this.starts = s;
    }
    return this.starts;
  }

  position(offset: number): Position {
    const s = this.lineStarts();
    let lo = 0, hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - s[lo] + 1 };
  }

  offset(line: number, column: number): number {
    const s = this.lineStarts();
    const l = Math.min(Math.max(line, 1), s.length);
    return Math.min(s[l - 1] + Math.max(column, 1) - 1, this.text.length);
  }

  range(startOffset: number, endOffset: number): Range {
    return { start: this.position(startOffset), end: this.position(endOffset), startOffset, endOffset };
  }

  lineCount(): number {
    return this.lineStarts().length;
  }
}

/**
 * Levenshtein distance, bounded: the exact distance when it is at most `max`, otherwise a number
 * greater than `max`. Bit-parallel (Myers/Hyyrö) for words of up to 32 UTF-16 units, without
 * allocation: did-you-mean over thousands of record ids runs it once per id.
 */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a.length === 0 || b.length === 0) return Math.max(a.length, b.length);
  if (a.length > 32) return editDistanceDp(a, b, max);
  const m = a.length, n = b.length;
  preparePattern(a);
  const high = 1 << (m - 1);
  let pv = -1, mv = 0, score = m;
  for (let j = 0; j < n; j++) {
    const ch = b.charCodeAt(j);
    const eq = ch < 128 ? peqAscii[ch] : peqOther.get(ch) ?? 0;
    const xv = eq | mv;
    const xh = ((((eq & pv) + pv) | 0) ^ pv) | eq;
    let ph = mv | ~(xh | pv);
    let mh = pv & xh;
    if (ph & high) score++;
    else if (mh & high) score--;
    // the distance can fall by at most one per remaining character of b
    if (score - (n - j - 1) > max) return max + 1;
    ph = (ph << 1) | 1;
    mh = mh << 1;
    pv = mh | ~(xv | ph);
    mv = ph & xv;
  }
  return score;
}

// Match masks of the last pattern: bit i is set for the characters equal to pattern[i].
const peqAscii = new Int32Array(128);
const peqOther = new Map<number, number>();
let peqPattern: string | undefined;
function preparePattern(a: string): void {
  if (a === peqPattern) return;
  peqAscii.fill(0);
  peqOther.clear();
  for (let i = 0; i < a.length; i++) {
    const ch = a.charCodeAt(i);
    if (ch < 128) peqAscii[ch] |= 1 << i;
    else peqOther.set(ch, (peqOther.get(ch) ?? 0) | (1 << i));
  }
  peqPattern = a;
}

function editDistanceDp(a: string, b: string, max: number): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** The largest edit distance at which a candidate still matches `word`: one per three characters, 1 to 3. */
export function matchBudget(word: string): number {
  return Math.max(1, Math.min(3, Math.floor(word.length / 3)));
}

/** The closest candidate within matchBudget(word) (proportional to the word's length), or undefined. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  const max = matchBudget(word);
  let best: string | undefined, bestD = max + 1;
  for (const c of candidates) {
    // candidates that differ in length by more than `max` cannot match (lowercasing can change
    // the length only outside ASCII, so those are compared in full)
    if (Math.abs(c.length - lower.length) > max && isAscii(c)) continue;
    const cl = c.toLowerCase();
    const d = cl === lower ? 0 : editDistance(lower, cl, max);
    if (d < bestD) { best = c; bestD = d; }
  }
  return best;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/**
 * Text from a record or the command line for a message: control characters (terminal escapes, line
 * breaks, bidi controls) become spaces, and it is cut to `max` characters with an ellipsis.
 */
export function oneLine(s: string, max = 80): string {
  const one = s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g, ' ');
  return one.length > max ? `${one.slice(0, max)}…` : one;
}
