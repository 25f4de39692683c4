// Positions without a second parse. Records are almost always written in plain block YAML (keys at
// an indentation, `- ` items, one-line scalars, short flow lists); for those, the source range of a
// data path can be read off the lines directly, in time proportional to the lines walked, instead of
// building a node tree of the whole file. Whenever the text leaves that subset where it matters
// (anchors, tags, block scalars, multi-line scalars, flow mappings, comments at the end of a range,
// tabs in indentation, several documents, …) the walk gives up and returns undefined, and the caller
// uses the full locator. It must give exactly the ranges the full locator gives: the tests compare the
// two on every path of every fixture and example.
//
// Only for text that js-yaml reads without error (so keys are unique and the structure is valid).

/** An entry found on a path: its key (or the item's dash), and its value trimmed of trailing space. */
export interface QuickHit { keyStart: number; keyEnd: number; start: number; end: number }

/** Where a path leads: the entries found along it, and whether all of it exists. */
export interface QuickWalk { hits: QuickHit[]; complete: boolean }

interface Line {
  start: number;
  /** End of the line's text (before \r\n or \n). */
  end: number;
  /** Offset of the first character that is not a space; `end` for an empty line. */
  content: number;
  indent: number;
  /** Empty, spaces only, or a comment only. */
  blank: boolean;
  comment: boolean;
}

/** A value to descend into: a block collection over lines [from, to), or a one-line flow sequence. */
type Node =
  | { kind: 'map' | 'seq'; indent: number; from: number; to: number; head?: number }
  | { kind: 'flow'; items: QuickHit[] }
  | { kind: 'scalar' };

class GiveUp extends Error {}
const giveUp = (): never => { throw new GiveUp(); };

const KEY = /^([A-Za-z0-9_$][A-Za-z0-9_$ ./-]*?)[ ]*:(?=[ ]|$)/;

export class QuickLocator {
  private lines: Line[] | undefined;
  private failed = false;
  private top: Node | undefined;
  /** The entries of each block collection read so far, by its kind and first line. */
  private readonly entries = new Map<string, Map<string | number, { i: number; at: number; len: number; colon: number }>>();

  constructor(private readonly text: string) {}

  /** The entries along `path`, or undefined when the text is outside the subset this reads. */
  walk(path: readonly (string | number)[]): QuickWalk | undefined {
    if (this.failed) return undefined;
    try {
      const lines = (this.lines ??= this.scan());
      let node: Node = (this.top ??= this.root(lines));
      const hits: QuickHit[] = [];
      for (const seg of path) {
        const found = this.child(node, seg);
        if (!found) return { hits, complete: false };
        hits.push(found.hit);
        node = found.node;
      }
      return { hits, complete: true };
    } catch (e) {
      if (!(e instanceof GiveUp)) throw e;
      this.failed = true;
      return undefined;
    }
  }

  private scan(): Line[] {
    const t = this.text;
    const lines: Line[] = [];
    let s = 0;
    for (;;) {
      const nl = t.indexOf('\n', s);
      let e = nl === -1 ? t.length : nl;
      if (e > s && t.charCodeAt(e - 1) === 13) e--;
      let c = s;
      while (c < e && t.charCodeAt(c) === 32) c++;
      if (c < e && t.charCodeAt(c) === 9) giveUp(); // a tab in the indentation
      const comment = c < e && t.charCodeAt(c) === 35;
      const blank = comment || c === e;
      lines.push({ start: s, end: e, content: c, indent: c - s, blank, comment });
      if (nl === -1) break;
      s = nl + 1;
    }
    return lines;
  }

  private root(lines: Line[]): Node {
    let i = 0;
    while (i < lines.length && lines[i].blank) i++;
    if (i < lines.length && this.lineIs(lines[i], '---')) { i++; while (i < lines.length && lines[i].blank) i++; }
    if (i >= lines.length) giveUp();
    // a later document, a document end or a directive: leave it to the full parser
    for (let k = i; k < lines.length; k++) {
      const l = lines[k];
      if (l.indent === 0 && !l.blank) {
        const ch = this.text[l.content];
        if (ch === '%' || this.lineIs(l, '---', true) || this.lineIs(l, '...', true)) giveUp();
      }
    }
    const first = lines[i];
    if (first.indent !== 0) giveUp();
    return this.blockAt(i, -1, lines.length);
  }

  /** Whether the line is `marker`, or (prefix) starts with it followed by a space or its end. */
  private lineIs(l: Line, marker: string, prefix = false): boolean {
    if (!this.text.startsWith(marker, l.content)) return false;
    const after = l.content + marker.length;
    if (after === l.end) return true;
    return prefix && this.text[after] === ' ';
  }

  /** The block collection whose first line is `i`, nested in a parent at `parentIndent`, within lines < `limit`. */
  private blockAt(i: number, parentIndent: number, limit: number): Node {
    const lines = this.lines!;
    const l = lines[i];
    const d = l.indent;
    const seq = this.isDash(l.content, l.end);
    if (!seq && !KEY.test(this.text.slice(l.content, l.end))) giveUp();
    let to = i + 1;
    for (; to < limit; to++) {
      const n = lines[to];
      if (n.blank) continue;
      if (n.indent > d) continue;
      // a mapping goes on at its indentation (a compact sequence under one of its keys sits there
      // too); a sequence ends at a line of the parent mapping there
      if (n.indent === d && (!seq || this.isDash(n.content, n.end))) continue;
      break;
    }
    if (d < parentIndent) giveUp();
    return { kind: seq ? 'seq' : 'map', indent: d, from: i, to };
  }

  private isDash(c: number, end: number): boolean {
    return this.text.charCodeAt(c) === 45 && (c + 1 === end || this.text.charCodeAt(c + 1) === 32);
  }

  private child(node: Node, seg: string | number): { hit: QuickHit; node: Node } | undefined {
    if (node.kind === 'scalar') return undefined;
    if (node.kind === 'flow') {
      if (typeof seg !== 'number') return undefined;
      const hit = node.items[seg];
      return hit ? { hit, node: { kind: 'scalar' } } : undefined;
    }
    const entries = this.entriesOf(node);
    const e = entries.get(seg);
    if (!e) return undefined;
    if (node.kind === 'map') return this.value(e.i, e.at, e.at + e.len, e.colon, node.indent, node.to);
    return this.item(e.i, this.nextAt(e.i, node.indent, node.to));
  }

  /** Keys (line, offset, length, end of `key:`) of a block mapping, or the lines of a sequence's items, read once. */
  private entriesOf(node: { kind: 'map' | 'seq'; indent: number; from: number; to: number; head?: number }): Map<string | number, { i: number; at: number; len: number; colon: number }> {
    const id = `${node.kind}${node.from}`;
    let out = this.entries.get(id);
    if (out) return out;
    out = new Map();
    const lines = this.lines!;
    const t = this.text;
    let n = 0;
    for (let i = node.from; i < node.to; i++) {
      const l = lines[i];
      if (node.kind === 'seq') {
        if (!l.blank && l.indent === node.indent && this.isDash(l.content, l.end)) out.set(n++, { i, at: l.content, len: 1, colon: 0 });
        continue;
      }
      // the first key of a mapping that is a sequence item sits on the dash's line
      const at = i === node.from && node.head !== undefined ? node.head : l.content;
      if (at === l.content && (l.blank || l.indent !== node.indent || this.isDash(l.content, l.end))) continue;
      const m = KEY.exec(t.slice(at, l.end));
      if (!m) giveUp();
      if (out.has(m![1])) giveUp();
      out.set(m![1], { i, at, len: m![1].length, colon: at + m![0].length });
    }
    this.entries.set(id, out);
    return out;
  }

  /** The first line after `i` (before `limit`) that is not blank and indented at most `indent`. */
  private nextAt(i: number, indent: number, limit: number): number {
    const lines = this.lines!;
    let k = i + 1;
    while (k < limit && (lines[k].blank || lines[k].indent > indent)) k++;
    return k;
  }

  /** A sequence item at line i (its dash at `content`), its lines before `limit`. */
  private item(i: number, limit: number): { hit: QuickHit; node: Node } {
    const l = this.lines![i];
    const t = this.text;
    const dash = l.content;
    let v = dash + 1;
    while (v < l.end && t.charCodeAt(v) === 32) v++;
    if (v === l.end) giveUp(); // the item's value starts on a later line
    if (KEY.test(t.slice(v, l.end))) {
      // a mapping that starts on the dash's line: its keys sit at the column of its first key
      const d = v - l.start;
      for (let k = i + 1; k < limit; k++) {
        const n = this.lines![k];
        if (!n.blank && n.indent < d) giveUp();
      }
      const node: Node = { kind: 'map', indent: d, from: i, to: limit, head: v };
      const end = this.rangeEnd(i, limit);
      return { hit: { keyStart: dash, keyEnd: dash + 1, start: v, end }, node };
    }
    const { hit, node } = this.inline(v, l, i, l.indent, dash, dash + 1);
    return { hit, node };
  }

  /** The value of the key on line i (value text from `after`), in a mapping at `indent`, its lines before `limit`. */
  private value(i: number, keyStart: number, keyEnd: number, after: number, indent: number, limit: number): { hit: QuickHit; node: Node } {
    const lines = this.lines!;
    const l = lines[i];
    const t = this.text;
    let v = after;
    while (v < l.end && t.charCodeAt(v) === 32) v++;
    if (v === l.end || t.charCodeAt(v) === 35) {
      if (v < l.end) giveUp(); // a comment after the key
      // a block collection on the following lines
      let j = i + 1;
      while (j < limit && lines[j].blank) j++;
      if (j >= limit) giveUp(); // an empty value
      const n = lines[j];
      for (let k = i + 1; k < j; k++) if (lines[k].comment) giveUp();
      const seq = this.isDash(n.content, n.end);
      if (!(n.indent > indent || (n.indent === indent && seq))) giveUp(); // an empty value
      const node = this.blockAt(j, indent, limit);
      const to = (node as { to: number }).to;
      // lines of the parent mapping's next key end the collection
      const end = this.rangeEnd(j, to);
      return { hit: { keyStart, keyEnd, start: n.content, end }, node };
    }
    return this.inline(v, l, i, indent, keyStart, keyEnd);
  }

  /** A value that starts on its key's (or dash's) line at `v`. */
  private inline(v: number, l: Line, i: number, indent: number, keyStart: number, keyEnd: number): { hit: QuickHit; node: Node } {
    const t = this.text;
    const ch = t[v];
    // a value continued on the next line (a multi-line scalar) or nested below: not this subset
    const lines = this.lines!;
    let j = i + 1;
    while (j < lines.length && lines[j].blank && !lines[j].comment) j++;
    if (j < lines.length && lines[j].indent > indent) giveUp();
    if (ch === '"' || ch === "'") {
      const close = closeQuote(t, v, l.end, ch);
      if (close < 0) giveUp();
      this.restIsBlank(close, l.end);
      return { hit: { keyStart, keyEnd, start: v, end: close }, node: { kind: 'scalar' } };
    }
    if (ch === '[') {
      const close = t.lastIndexOf(']', l.end - 1);
      if (close < v) giveUp();
      this.restIsBlank(close + 1, l.end);
      const inner = t.slice(v + 1, close);
      if (/["'[\]{}#&*!|>:?@`]/.test(inner)) giveUp();
      const items: QuickHit[] = [];
      if (inner.trim() !== '') {
        let s = v + 1;
        for (const part of inner.split(',')) {
          const lead = part.length - part.trimStart().length;
          const body = part.trim();
          if (body === '') giveUp(); // an empty item or a trailing comma
          const start = s + lead;
          items.push({ keyStart: start, keyEnd: start + 1, start, end: start + body.length });
          s += part.length + 1;
        }
      }
      return { hit: { keyStart, keyEnd, start: v, end: close + 1 }, node: { kind: 'flow', items } };
    }
    if ('{&*!|>%@`?#'.includes(ch) || ((ch === '-' || ch === ':') && (v + 1 === l.end || t[v + 1] === ' '))) giveUp();
    // a plain scalar: to the end of the line, or to a comment
    let end = l.end;
    for (let k = v; k + 1 < l.end; k++) {
      const c = t.charCodeAt(k), next = t.charCodeAt(k + 1);
      if ((c === 32 && next === 35) || (c === 58 && next === 32)) giveUp(); // ' #' a comment, ': ' not plain
    }
    while (end > v && (t.charCodeAt(end - 1) === 32)) end--;
    return { hit: { keyStart, keyEnd, start: v, end }, node: { kind: 'scalar' } };
  }

  private restIsBlank(from: number, end: number): void {
    for (let k = from; k < end; k++) if (this.text.charCodeAt(k) !== 32) giveUp();
  }

  /** End of the last line with content in [from, to), trimmed; gives up when comments trail it. */
  private rangeEnd(from: number, to: number): number {
    const lines = this.lines!;
    let k = to - 1;
    while (k > from && lines[k].blank) { if (lines[k].comment) giveUp(); k--; }
    const l = lines[k];
    if (this.text.slice(l.content, l.end).includes(' #')) giveUp();
    let e = l.end;
    while (e > l.content && this.text.charCodeAt(e - 1) === 32) e--;
    return e;
  }
}

/** Offset just after the quote that closes the scalar opened at `v`, or -1 when it does not close before `end`. */
function closeQuote(t: string, v: number, end: number, q: string): number {
  for (let k = v + 1; k < end; k++) {
    const c = t[k];
    if (q === '"' && c === '\\') { k++; continue; }
    if (c === q) {
      if (q === "'" && t[k + 1] === "'") { k++; continue; }
      return k + 1;
    }
  }
  return -1;
}
