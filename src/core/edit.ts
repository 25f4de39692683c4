// Applies fixes-as-data (FixOp) to YAML text as minimal text edits: only the lines of the edited
// entry change; comments, blank lines, quoting and everything else stay byte-identical.
// Node positions come from `yaml` (eemeli) ranges; new values are rendered with yaml.stringify and
// indented to match their siblings.
import type { Fix, FixOp, Path } from './model';

type YAMLMod = typeof import('yaml');
let Y: YAMLMod | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = (): YAMLMod => (Y ??= require('yaml') as YAMLMod);

export interface TextEdit { offset: number; length: number; newText: string }
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

export function computeEdits(text: string, ops: readonly FixOp[]): EditResult {
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
  if (doc.errors.some(e => e.code !== 'DUPLICATE_KEY')) throw new EditError(`the file has YAML syntax errors: ${doc.errors[0].message.split('\n')[0]}`);
  return { text, eol: text.includes('\r\n') ? '\r\n' : '\n', doc };
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
  return v !== null && typeof v === 'object';
}

function isFlow(n: unknown): boolean {
  return !!(n as { flow?: boolean } | null)?.flow;
}

function applyOp(text: string, op: Exclude<FixOp, { op: 'create-file' }>): string {
  const ctx = parse(text);
  switch (op.op) {
    case 'set': return setValue(ctx, op.path, op.value);
    case 'rename-key': return renameKey(ctx, op.path, op.to);
    case 'delete': return deleteAt(ctx, op.path);
    case 'append': return append(ctx, op.path, op.values);
  }
}

function splice(t: string, start: number, end: number, insert: string): string {
  return t.slice(0, start) + insert + t.slice(end);
}

function setValue(ctx: Ctx, path: Path, value: unknown): string {
  const Yx = yaml();
  const { text, eol } = ctx;
  if (path.length === 0) throw new EditError('cannot replace the whole document');
  const f = find(ctx, path);
  if (f && f.node && Yx.isScalar(f.node) && !isCollection(value)) {
    const [s, e] = range(f.node);
    return splice(text, s, e, flowScalar(value));
  }
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
    return splice(text, s, trimBack(text, range(f.node)[1], s), rendered);
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
  const first = pn.items[0] as Pair;
  const last = pn.items[pn.items.length - 1] as Pair;
  const col = columnOf(text, range(first.key)[0]);
  const lastEnd = last.value ? trimBack(text, range(last.value)[1], range(last.key)[0]) : range(last.key)[1];
  const at = lineEndIncl(text, lastEnd);
  const needsNl = at === text.length && !text.endsWith('\n');
  const line = ' '.repeat(col) + indentBlock(stringify({ [key]: value }), col, eol) + eol;
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
    if (!isFlow(node)) return setValue(ctx, path, values);
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

// ---- flow-style rendering (scalars inside a line, flow collections) ----

function flowScalar(v: unknown): string {
  const s = stringify(v).replace(/\n$/, '');
  if (!s.includes('\n')) return s;
  return JSON.stringify(v); // multi-line strings inside a line: double-quoted
}

function flowValue(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(flowValue).join(', ')}]`;
  if (isCollection(v)) return `{ ${Object.entries(v as object).map(([k, x]) => `${flowKey(k)}: ${flowValue(x)}`).join(', ')} }`;
  const s = flowScalar(v);
  return /[,[\]{}]/.test(s) && !/^["']/.test(s) ? JSON.stringify(v) : s;
}

function flowKey(k: string): string {
  return /^[A-Za-z_][\w-]*$/.test(k) ? k : JSON.stringify(k);
}
