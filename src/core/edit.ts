// Applies fixes-as-data (FixOp) to YAML text as minimal text edits: only the lines of the edited
// entry change; comments, blank lines, quoting and everything else stay byte-identical.
// Node positions come from `yaml` (eemeli) ranges; new values are rendered with yaml.stringify and
// indented to match their siblings. Besides the fixes' ops (FixOp) it applies the form editor's
// (EditOp): `set` that keeps a scalar's style and places new keys in schema order, `insert` at a list
// index, and `move` of a list item.
//
// What it writes is what a careful engineer would write by hand: lists in block style, one item per
// line (flow style only for a list the file already writes with items in flow style; an empty `[]`
// placeholder becomes a block list), strings quoted only where YAML needs it, a new key after its
// nearest preceding sibling in the record kind's field order (for the fixes too), and the comments a
// skeleton (`aims new`) wrote to explain a placeholder removed together with the placeholder.
import type { Fix, FixOp, Path } from './model';
import { fieldAt, isKind, KIND_SPECS, type Field } from './schema';
import { fieldComment, optionalComment } from './skeleton';

type YAMLMod = typeof import('yaml');
let Y: YAMLMod | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = (): YAMLMod => (Y ??= require('yaml') as YAMLMod);

export interface TextEdit { offset: number; length: number; newText: string }

/**
 * `set` with options for the form editor:
 *  - keepStyle: an equal value leaves the text untouched; a new string keeps the scalar's quoting or
 *    block style; a multi-line string becomes a block scalar (`|-`); YAML 1.1 words (yes, no, on, off,
 *    y, n) are quoted so that 1.1 readers see a string too.
 *  - order: key order of the mapping that receives a new key; it goes after the closest present key
 *    that comes before it (default: at the end of the mapping).
 */
export type SetOp = Extract<FixOp, { op: 'set' }> & { keepStyle?: boolean; order?: readonly string[] };
/** Inserts `values` into the list at `path` before item `index` (index = length appends). */
export interface InsertOp { op: 'insert'; path: Path; index: number; values: unknown[] }
/** Moves list item `from` to position `to`; blank lines and comments between items stay in place. */
export interface MoveOp { op: 'move'; path: Path; from: number; to: number }
/** Everything computeEdits applies: the fixes' ops plus the form editor's. */
export type EditOp = Exclude<FixOp, { op: 'set' }> | SetOp | InsertOp | MoveOp;
export interface EditResult { edits: TextEdit[]; createFiles: { file: string; text: string }[] }

export class EditError extends Error {
  constructor(message: string) { super(message); this.name = 'EditError'; }
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.offset - a.offset);
  let out = text;
  let limit = Infinity;
  for (const e of sorted) {
    if (e.offset + e.length > limit) throw new EditError('overlapping edits');
    out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
    limit = e.offset;
  }
  return out;
}

/** The single edit turning `a` into `b` (common prefix and suffix kept). */
export function diffEdit(a: string, b: string): TextEdit | undefined {
  if (a === b) return undefined;
  let s = 0;
  const n = Math.min(a.length, b.length);
  while (s < n && a.charCodeAt(s) === b.charCodeAt(s)) s++;
  let ea = a.length, eb = b.length;
  while (ea > s && eb > s && a.charCodeAt(ea - 1) === b.charCodeAt(eb - 1)) { ea--; eb--; }
  return { offset: s, length: ea - s, newText: b.slice(s, eb) };
}

export function computeEdits(text: string, ops: readonly EditOp[]): EditResult {
  const createFiles: { file: string; text: string }[] = [];
  let cur = text;
  for (const op of ops) {
    if (op.op === 'create-file') { createFiles.push({ file: op.file, text: op.text }); continue; }
    cur = applyOp(cur, op);
  }
  const e = diffEdit(text, cur);
  return { edits: e ? [e] : [], createFiles };
}

export function applyFix(text: string, fix: Fix): { text: string; createFiles: { file: string; text: string }[] } {
  const r = computeEdits(text, fix.ops);
  return { text: applyEdits(text, r.edits), createFiles: r.createFiles };
}

// ---------------------------------------------------------------------------------------------

interface Ctx { text: string; eol: string; doc: import('yaml').Document.Parsed }

type Node = import('yaml').Node;
type Pair = import('yaml').Pair<Node, Node | null>;

function parse(text: string): Ctx {
  const doc = yaml().parseDocument(text, { schema: 'core', uniqueKeys: false, keepSourceTokens: true });
  const errors = doc.errors.filter(e => e.code !== 'DUPLICATE_KEY' && !(e.code === 'MULTIPLE_DOCS' && onlyEmptyAfterFirst(text)));
  if (errors.length) throw new EditError(`the file has YAML syntax errors: ${errors[0].message.split('\n')[0]}`);
  return { text, eol: text.includes('\r\n') ? '\r\n' : '\n', doc };
}

/** True when every document after the first is empty (a trailing `---` with comments only). */
export function onlyEmptyAfterFirst(text: string): boolean {
  const docs = yaml().parseAllDocuments(text, { schema: 'core' });
  const empty = (c: unknown): boolean => c === null || (yaml().isScalar(c) && c.value === null && !c.source);
  return Array.isArray(docs) && docs.slice(1).every(d => empty(d.contents) && d.errors.length === 0);
}

const lineStart = (t: string, o: number): number => t.lastIndexOf('\n', o - 1) + 1;
const lineEndIncl = (t: string, o: number): number => { const i = t.indexOf('\n', o); return i === -1 ? t.length : i + 1; };
const columnOf = (t: string, o: number): number => o - lineStart(t, o);
function trimBack(t: string, end: number, start: number): number {
  while (end > start && /\s/.test(t[end - 1])) end--;
  return end;
}

const range = (n: unknown): [number, number, number] => {
  const r = (n as { range?: [number, number, number] } | null)?.range;
  if (!r) throw new EditError('node without a source range');
  return r;
};

interface Found { parent: Node | null; pair?: Pair; node: Node | null; index?: number }

/** Walks the path; returns undefined where it leaves the document. */
function find(ctx: Ctx, path: Path): Found | undefined {
  const Yx = yaml();
  let node: Node | null = ctx.doc.contents as Node | null;
  let found: Found = { parent: null, node };
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (!Yx.isSeq(node) || seg < 0 || seg >= node.items.length) return undefined;
      found = { parent: node, node: node.items[seg] as Node, index: seg };
      node = found.node;
    } else {
      if (!Yx.isMap(node)) return undefined;
      const pair = node.items.find(p => Yx.isScalar(p.key) && String(p.key.value) === seg) as Pair | undefined;
      if (!pair) return undefined;
      found = { parent: node, pair, node: (pair.value ?? null) as Node | null };
      node = found.node;
    }
  }
  return found;
}

/** Renders `lines` indented by `indent` spaces except the first, with the document's line endings. */
function indentBlock(s: string, indent: number, eol: string): string {
  const pad = ' '.repeat(indent);
  return s.replace(/\n$/, '').split('\n').map((l, i) => (i === 0 || l === '' ? l : pad + l)).join(eol);
}

const stringify = (v: unknown): string => yaml().stringify(v, { lineWidth: 0, minContentWidth: 0, indentSeq: true, schema: 'core' } as never);

function isCollection(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !yaml().isScalar(v);
}

function isFlow(n: unknown): boolean {
  return !!(n as { flow?: boolean } | null)?.flow;
}

function applyOp(text: string, op: Exclude<EditOp, { op: 'create-file' }>): string {
  let ctx = parse(text);
  const out = applyParsed(ctx, op);
  if (out === text || op.op === 'move' || op.op === 'rename-key') return out;
  // the op changes the record: the skeleton's comments on what it fills in go with the placeholders
  const stripped = stripScaffold(ctx, op);
  if (stripped === text) return out;
  ctx = parse(stripped);
  return applyParsed(ctx, op);
}

function applyParsed(ctx: Ctx, op: Exclude<EditOp, { op: 'create-file' }>): string {
  switch (op.op) {
    case 'set': return setValue(ctx, op.path, op.value, op);
    case 'insert': return insertAt(ctx, op.path, op.index, op.values);
    case 'move': return moveItem(ctx, op.path, op.from, op.to);
    case 'rename-key': return renameKey(ctx, op.path, op.to);
    case 'delete': return deleteAt(ctx, op.path);
    case 'append': return append(ctx, op.path, op.values);
  }
}

function splice(t: string, start: number, end: number, insert: string): string {
  return t.slice(0, start) + insert + t.slice(end);
}

interface SetOptions { keepStyle?: boolean; order?: readonly string[] }

/**
 * Where the text of a block sequence item ends for a replacement. A one-line mapping item replaced by
 * a scalar (`- Note: text  # comment` → `- "Note: text"`) ends where its last value ends, so that the
 * comment after it on the line survives; otherwise the node's end (whitespace trimmed).
 */
function itemContentEnd(text: string, node: Node, s: number, value: unknown): number {
  const end = trimBack(text, range(node)[1], s);
  if (isCollection(value) || !yaml().isMap(node) || node.items.length === 0) return end;
  const last = node.items[node.items.length - 1] as Pair;
  const content = last.value ? range(last.value)[1] : range(last.key)[1];
  return text.slice(s, content).includes('\n') ? end : trimBack(text, content, s);
}

function setValue(ctx: Ctx, path: Path, value: unknown, opts: SetOptions = {}): string {
  const Yx = yaml();
  const { text, eol } = ctx;
  if (path.length === 0) throw new EditError('cannot replace the whole document');
  const f = find(ctx, path);
  if (f && f.node && Yx.isScalar(f.node) && !isCollection(value)) {
    if (opts.keepStyle) return setScalarKeepStyle(ctx, f, value);
    const [s, e0] = range(f.node);
    // a block scalar's range ends after its line break: keep the break
    const e = trimBack(text, e0, s);
    if (s === e) {
      // `key:` with nothing after the colon (perhaps a comment): the value goes right after it
      const { at, pre } = emptyValueAt(text, s);
      return splice(text, at, at, pre + flowScalar(value));
    }
    return splice(text, s, e, flowScalar(value));
  }
  if (opts.keepStyle) value = quoteYaml11(value);
  if (f && f.pair) {
    // replace the whole entry `key: value` (its trailing comment on a scalar line survives)
    const [ks] = range(f.pair.key);
    const valEnd = f.node ? trimBack(text, range(f.node)[1], ks) : range(f.pair.key)[1] + 1;
    const end = f.node ? valEnd : (text.indexOf(':', range(f.pair.key)[1]) + 1);
    if (isFlow(f.parent)) return splice(text, ks, end, `${flowKey(String(path[path.length - 1]))}: ${flowValue(value)}`);
    const rendered = indentBlock(stringify({ [String(path[path.length - 1])]: value }), columnOf(text, ks), eol);
    return splice(text, ks, end, rendered);
  }
  if (f && f.index !== undefined) {
    // a sequence item
    const [s] = f.node ? range(f.node) : [0];
    if (!f.node) throw new EditError('cannot locate the list item');
    if (isFlow(f.parent)) return splice(text, s, trimBack(text, range(f.node)[1], s), flowValue(value));
    const rendered = indentBlock(stringify([value]).replace(/^- /, ''), columnOf(text, s), eol);
    return splice(text, s, itemContentEnd(text, f.node, s, value), rendered);
  }
  // missing: insert into the parent mapping (creating it when needed)
  const key = path[path.length - 1];
  if (typeof key === 'number') throw new EditError(`list index ${key} does not exist`);
  const parentPath = path.slice(0, -1);
  const parent = parentPath.length === 0 ? { node: ctx.doc.contents as Node | null, pair: undefined, parent: null } as Found : find(ctx, parentPath);
  if (!parent) return setValue(ctx, parentPath, { [key]: value });
  const pn = parent.node;
  if (pn === null || (Yx.isScalar(pn) && (pn.value === null || pn.value === ''))) {
    if (parentPath.length === 0) {
      // empty document: append at the end
      const sep = text.length && !text.endsWith('\n') ? eol : '';
      return text + sep + indentBlock(stringify({ [key]: value }), 0, eol) + eol;
    }
    return setValue(ctx, parentPath, { [key]: value });
  }
  if (!Yx.isMap(pn)) throw new EditError(`cannot add '${key}': ${parentPath.join('.') || 'the document'} is not a mapping`);
  if (isFlow(pn)) {
    const close = text.lastIndexOf('}', range(pn)[1]);
    const inner = text.slice(range(pn)[0] + 1, close).trim();
    return splice(text, close, close, `${inner ? ', ' : ''}${flowKey(key)}: ${flowValue(value)}`);
  }
  if (pn.items.length === 0) return setValue(ctx, parentPath, { [key]: value });
  const items = pn.items as Pair[];
  const first = items[0];
  const col = columnOf(text, range(first.key)[0]);
  const line = ' '.repeat(col) + indentBlock(stringify({ [key]: value }), col, eol) + eol;
  let after: Pair | undefined = items[items.length - 1];
  // the kind's field order, unless the caller gave one
  const order = opts.order ?? Object.keys(mappingFields(ctx, parentPath) ?? {});
  const rank = order.indexOf(key);
  if (rank >= 0) {
    const rankOf = (p: Pair): number => (Yx.isScalar(p.key) ? order.indexOf(String(p.key.value)) : -1);
    let best = -1;
    after = undefined;
    for (const p of items) { const r = rankOf(p); if (r >= 0 && r < rank && r > best) { best = r; after = p; } }
    if (!after) {
      // nothing comes before it: in front of the first key when that key starts its line
      const ks = range(first.key)[0];
      const ls = lineStart(text, ks);
      if (/^[ \t]*$/.test(text.slice(ls, ks))) return splice(text, ls, ls, line);
      // the first key stands after a dash (`- name: x`): the new key takes its place
      return splice(text, ks, ks, indentBlock(stringify({ [key]: value }), col, eol) + eol + ' '.repeat(col));
    }
  }
  const lastEnd = after.value ? trimBack(text, range(after.value)[1], range(after.key)[0]) : range(after.key)[1];
  const at = lineEndIncl(text, lastEnd);
  const needsNl = at === text.length && !text.endsWith('\n');
  return splice(text, at, at, (needsNl ? eol : '') + line);
}

function renameKey(ctx: Ctx, path: Path, to: string): string {
  const f = find(ctx, path);
  if (!f?.pair) throw new EditError(`no key at ${path.join('.')}`);
  const [s, e] = range(f.pair.key);
  return splice(ctx.text, s, e, flowKey(to));
}

function deleteAt(ctx: Ctx, path: Path): string {
  const { text } = ctx;
  const f = find(ctx, path);
  if (!f) throw new EditError(`nothing at ${path.join('.')}`);
  const start = f.pair ? range(f.pair.key)[0] : f.node ? range(f.node)[0] : -1;
  if (start < 0) throw new EditError('cannot locate the entry');
  const endNode = f.node ? trimBack(text, range(f.node)[1], start) : range(f.pair!.key)[1];
  if (isFlow(f.parent)) {
    // remove the entry and one adjacent comma
    let s = start, e = endNode;
    const after = /^\s*,\s*/.exec(text.slice(e));
    if (after) e += after[0].length;
    else { const before = /,\s*$/.exec(text.slice(0, s)); if (before) s -= before[0].length; }
    return splice(text, s, e, '');
  }
  // block: remove whole lines; for a list item the line starts at its dash
  let s = lineStart(text, start);
  const prefix = text.slice(s, start);
  if (f.index !== undefined && /^\s*-\s*$/.test(prefix) === false && /-\s*$/.test(prefix)) {
    // "- - x" nesting or "key: - x": keep it simple, remove from the dash
    s = start - (prefix.length - prefix.lastIndexOf('-'));
  }
  const e = lineEndIncl(text, endNode);
  return splice(text, s, e, '');
}

function append(ctx: Ctx, path: Path, values: unknown[]): string {
  const Yx = yaml();
  const { text, eol } = ctx;
  if (!values.length) return text;
  const f = find(ctx, path);
  const node = f?.node;
  if (!f || node === null || node === undefined || (Yx.isScalar(node) && (node.value === null || node.value === ''))) return setValue(ctx, path, values);
  if (!Yx.isSeq(node)) throw new EditError(`${path.join('.')} is not a list`);
  if (isFlow(node) || node.items.length === 0) {
    // an empty list (`[]`, as skeletons write it) is a placeholder: the items go one per line, unless
    // the list stands inside a flow collection
    if (!isFlow(node) || (node.items.length === 0 && !isFlow(f.parent))) return setValue(ctx, path, values);
    if (values.some(isCollection)) {
      const existing = (node.toJSON() as unknown[]) ?? [];
      return setValue(ctx, path, [...existing, ...values]);
    }
    const close = text.lastIndexOf(']', range(node)[1]);
    const inner = text.slice(range(node)[0] + 1, close).trim();
    return splice(text, close, close, (inner ? ', ' : '') + values.map(flowValue).join(', '));
  }
  const last = node.items[node.items.length - 1] as Node;
  const lastStart = range(last)[0];
  // the dash of the last item sets the column
  let dash = lastStart - 1;
  while (dash > 0 && text[dash] !== '-') dash--;
  const col = columnOf(text, dash);
  const at = lineEndIncl(text, trimBack(text, range(last)[1], lastStart));
  const needsNl = at === text.length && !text.endsWith('\n');
  const block = ' '.repeat(col) + indentBlock(stringify(values), col, eol) + eol;
  return splice(text, at, at, (needsNl ? eol : '') + block);
}

// ---- the record kind: field order and the skeleton's comments ----

/** The record kind the document declares (`kind:` at the top), if it is one. */
function kindOf(ctx: Ctx): import('./model').Kind | undefined {
  const c = ctx.doc.contents;
  const k = yaml().isMap(c) ? c.get('kind') : undefined;
  return typeof k === 'string' && isKind(k) ? k : undefined;
}

/** The fields of the mapping at `path` in the document's record kind. */
function mappingFields(ctx: Ctx, path: Path): Record<string, Field> | undefined {
  const kind = kindOf(ctx);
  if (!kind) return undefined;
  if (!path.length) return KIND_SPECS[kind].fields;
  const f = fieldAt(kind, path);
  return f?.type === 'object' ? f.fields : undefined;
}

const isBlank = (v: unknown): boolean => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)
  || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(isBlank));

/**
 * The text without the skeleton's comments on what `op` fills in: the comment above each key of the
 * op's path whose value is a placeholder (or, for the keys above it, any value: their content is
 * being written), the "Optional, add when it applies" comment of a key the op adds, and for a removed
 * list item the comments of its placeholder keys. Only lines exactly as skeleton.ts writes them go.
 */
function stripScaffold(ctx: Ctx, op: Exclude<EditOp, { op: 'create-file' | 'move' | 'rename-key' }>): string {
  const Yx = yaml();
  const kind = kindOf(ctx);
  if (!kind) return ctx.text;
  const { text, eol } = ctx;
  const cuts: [number, number][] = [];
  /** Removes `lines` (exact) standing right above offset `ls` (a line start). */
  const above = (ls: number, lines: string[]): void => {
    if (!lines.length) return;
    const want = lines.join(eol) + eol;
    const s = ls - want.length;
    if (s >= 0 && text.slice(s, ls) === want && (s === 0 || text[s - 1] === '\n')) cuts.push([s, ls]);
  };
  const indentOf = (ls: number): string => /^[ 	]*/.exec(text.slice(ls))![0];
  const path = op.path;
  // the comment of each key on the path (the path's own only while it holds a placeholder)
  let node: unknown = ctx.doc.contents;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (typeof seg === 'number') { node = Yx.isSeq(node) ? node.items[seg] : undefined; continue; }
    if (!Yx.isMap(node)) break;
    const pair = node.items.find(p => Yx.isScalar(p.key) && String(p.key.value) === seg);
    const f = fieldAt(kind, path.slice(0, i + 1));
    if (!pair || !f) {
      // a key the op adds: the comment that named it as optional goes
      if (!pair && f && i === path.length - 1) {
        const first = node.items[0];
        if (first) {
          const col = ' '.repeat(columnOf(text, range(first.key)[0]));
          const want = optionalComment(seg, f, col).join(eol) + eol;
          const at = findInMapping(text, range(node)[0], col.length, want);
          if (at >= 0) cuts.push([at, at + want.length]);
        }
      }
      break;
    }
    const own = i === path.length - 1;
    const value = (pair.value as { toJSON?: () => unknown } | null)?.toJSON?.() ?? null;
    if (!own || isBlank(value) || op.op === 'delete') {
      const ls = lineStart(text, range(pair.key)[0]);
      above(ls, fieldComment(f, indentOf(ls)));
    }
    node = pair.value;
  }
  // a removed list item: the comment above its first key (at the dash), and the optional-key
  // comments after its last line
  if (op.op === 'delete' && typeof path[path.length - 1] === 'number') {
    const item = node;
    const f = fieldAt(kind, path);
    if (Yx.isMap(item) && item.items.length && f?.type === 'object') {
      const first = item.items[0] as Pair;
      const k = Yx.isScalar(first.key) ? String(first.key.value) : '';
      const ls = lineStart(text, range(first.key)[0]);
      if (f.fields[k]) above(ls, fieldComment(f.fields[k], indentOf(ls)));
      const col = ' '.repeat(columnOf(text, range(first.key)[0]));
      let at = lineEndIncl(text, trimBack(text, range(item)[1], range(item)[0]));
      for (const [key, sub] of Object.entries(f.fields)) {
        if (item.has(key)) continue;
        const want = optionalComment(key, sub, col).join(eol) + eol;
        if (text.startsWith(want, at)) { cuts.push([at, at + want.length]); at += want.length; }
      }
    }
  }
  if (!cuts.length) return text;
  cuts.sort((a, b) => b[0] - a[0]);
  let out = text;
  let limit = Infinity;
  for (const [s, e] of cuts) { if (e > limit) continue; out = out.slice(0, s) + out.slice(e); limit = s; }
  return out;
}

/**
 * Where `want` (whole lines) stands in the block mapping starting at `start` whose keys are at column
 * `col`: among its lines and the comment lines that follow it. -1 when it is not there.
 */
function findInMapping(text: string, start: number, col: number, want: string): number {
  let ls = lineStart(text, start);
  while (ls < text.length) {
    if (text.startsWith(want, ls)) return ls;
    const le = lineEndIncl(text, ls);
    const line = text.slice(ls, le);
    const indent = /^[ \t]*/.exec(line)![0].length;
    // a content line left of the mapping's keys ends it (a `- ` of the next item stands at col - 2)
    if (ls > lineStart(text, start) && line.trim() !== '' && indent < col) return -1;
    ls = le;
  }
  return -1;
}

// ---- form edits: style-keeping scalars, insert at an index, move ----

/** YAML 1.1 booleans that YAML 1.2 reads as strings: quoted so that every reader agrees. */
const YAML11_WORDS = /^(?:yes|no|on|off|y|n)$/i;

/** `value` with every string that is a YAML 1.1 boolean word made a double-quoted scalar node. */
function quoteYaml11(value: unknown): unknown {
  if (typeof value === 'string') {
    if (!YAML11_WORDS.test(value)) return value;
    const n = new (yaml().Scalar)(value);
    n.type = yaml().Scalar.QUOTE_DOUBLE;
    return n;
  }
  if (Array.isArray(value)) return value.map(quoteYaml11);
  if (value !== null && typeof value === 'object' && !yaml().isNode(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, quoteYaml11(v)]));
  }
  return value;
}
const FOLD_WIDTH = 100;

function sameScalar(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));
}

function setScalarKeepStyle(ctx: Ctx, f: Found, value: unknown): string {
  const Yx = yaml();
  const { text, eol } = ctx;
  const node = f.node as import('yaml').Scalar;
  if (sameScalar(node.value, value)) return text;
  const [s, e0] = range(node);
  const e = trimBack(text, e0, s);
  const flow = isFlow(f.parent);
  if (typeof value !== 'string') return placeScalar(ctx, s, e, value === null || value === undefined ? 'null' : flowScalar(value));
  const wasBlock = node.type === Yx.Scalar.BLOCK_FOLDED || node.type === Yx.Scalar.BLOCK_LITERAL;
  const inner = value.replace(/\n+$/, '');
  if (!flow && (wasBlock || inner.includes('\n'))) {
    const col = f.pair ? columnOf(text, range(f.pair.key)[0]) : dashColumn(text, s);
    // a comment after the old block header stays on the new header line
    const headerComment = wasBlock ? /\s(#.*?)\r?$/.exec(text.slice(s, lineEndIncl(text, s)).replace(/\n$/, ''))?.[1] : undefined;
    const own = blockScalar(ctx, node, wasBlock ? s : -1, e, value, col);
    if (own !== undefined) return placeScalar(ctx, s, e, own, headerComment);
    // what blockScalar does not write by hand: yaml.stringify, indented from the key (or the dash)
    const sc = new Yx.Scalar(value);
    sc.type = inner.includes('\n') ? Yx.Scalar.BLOCK_LITERAL : (node.type as typeof sc.type);
    const opts = { lineWidth: Math.max(40, FOLD_WIDTH - col), minContentWidth: 20, indentSeq: true, schema: 'core' } as never;
    const body = yaml().stringify({ x: sc }, opts).replace(/^x: /, '');
    return placeScalar(ctx, s, e, indentBlock(body, col, eol), headerComment);
  }
  let out: string;
  if (value.includes('\n')) out = JSON.stringify(value);
  else if (node.type === Yx.Scalar.QUOTE_SINGLE) out = `'${value.replace(/'/g, "''")}'`;
  else if (node.type === Yx.Scalar.QUOTE_DOUBLE) out = JSON.stringify(value);
  else {
    out = flow ? flowValue(value) : flowScalar(value);
    if (YAML11_WORDS.test(value)) out = JSON.stringify(value);
  }
  return placeScalar(ctx, s, e, out);
}

/** Where a value goes when the node is empty (`key:` or `key:   # comment`): right after the colon or dash. */
function emptyValueAt(text: string, s: number): { at: number; pre: string } {
  let p = s;
  while (p > 0 && (text[p - 1] === ' ' || text[p - 1] === '\t')) p--;
  return text[p - 1] === ':' || text[p - 1] === '-' ? { at: p, pre: ' ' } : { at: s, pre: '' };
}

/**
 * Replaces the scalar text [s, e) with `rendered`. A block scalar's lines go below its header, so a
 * comment that followed the old value on its line moves up to the header line (`key: |- # comment`).
 */
function placeScalar(ctx: Ctx, s: number, e: number, rendered: string, headerComment?: string): string {
  const { text, eol } = ctx;
  const { at, pre } = s === e ? emptyValueAt(text, s) : { at: s, pre: '' };
  if (!rendered.includes('\n')) return s === e ? splice(text, at, at, pre + rendered) : splice(text, s, e, rendered);
  const le = lineEndIncl(text, e);
  const lineEnd = text[le - 1] === '\n' ? le - (text[le - 2] === '\r' ? 2 : 1) : le;
  const rest = text.slice(e, lineEnd);
  const comment = /^\s*#/.test(rest) ? rest.trim() : headerComment;
  const lines = rendered.split(eol);
  if (comment) lines[0] += ' ' + comment;
  return splice(text, at, /^\s*#/.test(rest) || s === e ? lineEnd : e, pre + lines.join(eol));
}

/**
 * A block scalar written the way the existing one is: same indentation, and for folded text the same
 * line width (the longest line of the old text), wrapped greedily, so that an unchanged beginning
 * keeps its lines. Returns undefined for what needs yaml's care (indentation indicators, leading or
 * trailing spaces, control characters, kept trailing blank lines).
 */
function blockScalar(ctx: Ctx, node: import('yaml').Scalar, oldStart: number, oldEnd: number, value: string, col: number): string | undefined {
  const Yx = yaml();
  const { text, eol } = ctx;
  const inner = value.replace(/\n+$/, '');
  const trailing = value.length - inner.length;
  if (trailing > 1 || inner === '' || /[\x00-\x08\x0b-\x1f\x7f\r]/.test(inner) || /^[ \t]/.test(inner)) return undefined;
  const literal = inner.includes('\n') || (oldStart >= 0 && node.type === Yx.Scalar.BLOCK_LITERAL);
  let indent = col + 2;
  let width = FOLD_WIDTH;
  let oldLines: string[] = [];
  if (oldStart >= 0) {
    const headerEnd = lineEndIncl(text, oldStart);
    if (/\d/.test(text.slice(oldStart, headerEnd))) return undefined; // an explicit indentation indicator
    const lines = text.slice(headerEnd, oldEnd).split(/\r?\n/).filter(l => l.trim() !== '');
    const m = lines.length ? /^ */.exec(lines[0]) : null;
    if (m && m[0].length > col) indent = m[0].length;
    if (lines.length > 1) width = Math.max(...lines.map(l => l.length));
    else if (lines.length === 1) width = Math.max(FOLD_WIDTH, lines[0].length);
    oldLines = lines.map(l => l.slice(indent));
  }
  const pad = ' '.repeat(indent);
  let out: string[];
  if (literal) {
    out = inner.split('\n');
    if (out.some(l => l !== '' && l.trim() === '')) return undefined;
  } else {
    if (/[ \t]$/.test(inner)) return undefined;
    // break only at a single space between two non-blank characters: the folded text reads back the same
    out = [];
    let line = '';
    let i = 0;
    const room = Math.max(20, width - indent);
    // lines of the old text that the new one starts with stay as they are
    const canBreak = (j: number): boolean => inner[j] === ' ' && j > 0 && !/[ \t]/.test(inner[j - 1]) && j + 1 < inner.length && !/[ \t]/.test(inner[j + 1]);
    for (const l of oldLines) {
      if (!l || !inner.startsWith(l, i) || !canBreak(i + l.length)) break;
      out.push(l);
      i += l.length + 1;
    }
    if (out.length) line = out.pop()!; // the last kept line takes words while they fit
    while (i < inner.length) {
      let j = i;
      while (j < inner.length && !canBreak(j)) j++;
      const word = inner.slice(i, j);
      if (line && line.length + 1 + word.length > room) { out.push(line); line = word; } else line = line ? `${line} ${word}` : word;
      i = j + 1;
    }
    if (line) out.push(line);
  }
  const header = (literal ? '|' : '>') + (trailing === 0 ? '-' : '');
  return [header, ...out.map(l => (l === '' ? '' : pad + l))].join(eol);
}

/** Column of the dash in front of a block sequence item starting at `s`. */
function dashColumn(text: string, s: number): number {
  let d = s - 1;
  while (d > 0 && text[d] !== '-' && text[d] !== '\n') d--;
  return text[d] === '-' ? columnOf(text, d) : columnOf(text, s);
}

function seqAt(ctx: Ctx, path: Path): import('yaml').YAMLSeq<Node> {
  const f = find(ctx, path);
  if (!f || !yaml().isSeq(f.node)) throw new EditError(`${path.join('.') || 'the document'} is not a list`);
  return f.node as import('yaml').YAMLSeq<Node>;
}

interface ItemSpan { start: number; end: number }

/**
 * Where each item of a sequence stands. Block: from the start of the dash's line to the end of the
 * item's last line (its trailing comment included, the line break not). Flow: the item's own text.
 */
function itemSpans(ctx: Ctx, seq: import('yaml').YAMLSeq<Node>): ItemSpan[] {
  const { text } = ctx;
  const flow = isFlow(seq);
  return seq.items.map(item => {
    if (!item) throw new EditError('cannot locate the list item');
    const [s, e0] = range(item);
    const e = trimBack(text, e0, s);
    if (flow) return { start: s, end: e };
    let dash = s - 1;
    while (dash >= 0 && text[dash] !== '-') dash--;
    const ls = lineStart(text, Math.max(dash, 0));
    if (dash < 0 || !/^[ \t]*$/.test(text.slice(ls, dash))) throw new EditError('cannot edit this list: an item does not start its own line');
    const lineEnd = lineEndIncl(text, e);
    const end = text[lineEnd - 1] === '\n' ? lineEnd - (text[lineEnd - 2] === '\r' ? 2 : 1) : lineEnd;
    return { start: ls, end };
  });
}

function insertAt(ctx: Ctx, path: Path, index: number, valuesIn: unknown[]): string {
  const Yx = yaml();
  const { text, eol } = ctx;
  if (!valuesIn.length) return text;
  const values = valuesIn.map(quoteYaml11);
  const f = find(ctx, path);
  const n = f?.node && Yx.isSeq(f.node) ? f.node.items.length : 0;
  if (!Number.isInteger(index) || index < 0 || index > n) throw new EditError(`cannot insert at ${index}: the list has ${n} item${n === 1 ? '' : 's'}`);
  if (index === n) return append(ctx, path, values);
  const seq = f!.node as import('yaml').YAMLSeq<Node>;
  const span = itemSpans(ctx, seq)[index];
  if (isFlow(seq)) {
    if (values.some(isCollection)) {
      const existing = (seq.toJSON() as unknown[]) ?? [];
      return setValue(ctx, path, [...existing.slice(0, index), ...values, ...existing.slice(index)]);
    }
    return splice(text, span.start, span.start, values.map(flowValue).join(', ') + ', ');
  }
  const col = dashColumn(text, range(seq.items[index] as Node)[0]);
  return splice(text, span.start, span.start, ' '.repeat(col) + indentBlock(stringify(values), col, eol) + eol);
}

function moveItem(ctx: Ctx, path: Path, from: number, to: number): string {
  const { text } = ctx;
  const seq = seqAt(ctx, path);
  const n = seq.items.length;
  for (const i of [from, to]) if (!Number.isInteger(i) || i < 0 || i >= n) throw new EditError(`list index ${i} does not exist`);
  if (from === to) return text;
  const spans = itemSpans(ctx, seq);
  const order = spans.map((_, i) => i);
  order.splice(to, 0, ...order.splice(from, 1));
  // items change places; what stands between them (line breaks, blank lines, comments, commas) stays
  let out = '';
  for (let i = 0; i < n; i++) {
    const sp = spans[order[i]];
    out += text.slice(sp.start, sp.end);
    if (i < n - 1) out += text.slice(spans[i].end, spans[i + 1].start);
  }
  return splice(text, spans[0].start, spans[n - 1].end, out);
}

// ---- flow-style rendering (scalars inside a line, flow collections) ----

function flowScalar(v: unknown): string {
  const s = stringify(v).replace(/\n$/, '');
  if (!s.includes('\n')) return s;
  return JSON.stringify(v); // multi-line strings inside a line: double-quoted
}

function flowValue(v: unknown): string {
  if (yaml().isScalar(v)) return flowScalar(v);
  if (Array.isArray(v)) return `[${v.map(flowValue).join(', ')}]`;
  if (isCollection(v)) return `{ ${Object.entries(v as object).map(([k, x]) => `${flowKey(k)}: ${flowValue(x)}`).join(', ')} }`;
  const s = flowScalar(v);
  return /[,[\]{}]/.test(s) && !/^["']/.test(s) ? JSON.stringify(v) : s;
}

function flowKey(k: string): string {
  return /^[A-Za-z_][\w-]*$/.test(k) ? k : JSON.stringify(k);
}
