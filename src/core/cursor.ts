// What stands at a cursor position in a record: the data path, whether it is a key or a value, and
// the field definition there. Completion, hover and go-to-definition in the editor use it. Parses one
// document with `yaml` (tolerant of the half-typed text an editor holds); no vscode import.
import type { Kind, Path } from './model';
import { fieldAt, isKind, type Field } from './schema';

export interface CursorContext {
  /** The record's kind, when the document declares a known one. */
  kind?: Kind;
  /** Data path of the key or value under the cursor. */
  path: Path;
  /** True when the cursor is on a mapping key. */
  inKey: boolean;
  /** The field definition at `path` (list items resolve to the list's item field). */
  field?: Field;
  /** Offsets of the scalar under the cursor (absent for an empty value). */
  start?: number;
  end?: number;
  /** The scalar's text, as written (quotes included). */
  source?: string;
}

type YAMLMod = typeof import('yaml');
let Y: YAMLMod | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = (): YAMLMod => (Y ??= require('yaml') as YAMLMod);

type AnyNode = import('yaml').Node | null | undefined;
const rangeOf = (n: AnyNode): [number, number] | undefined => {
  const r = (n as { range?: [number, number, number] } | null | undefined)?.range;
  return r ? [r[0], r[1]] : undefined;
};

export function contextAt(text: string, offset: number): CursorContext | undefined {
  const Yx = yaml();
  const doc = Yx.parseDocument(text, { schema: 'core', uniqueKeys: false });
  const root = doc.contents;
  if (!Yx.isMap(root)) return undefined;
  const kindNode = root.get('kind');
  const kind = isKind(kindNode) ? kindNode : undefined;
  const lineEnd = (o: number): number => { const i = text.indexOf('\n', o); return i === -1 ? text.length : i; };

  const done = (path: Path, inKey: boolean, node?: AnyNode): CursorContext => {
    const ctx: CursorContext = { path, inKey, kind };
    if (kind) ctx.field = fieldAt(kind, path);
    const r = rangeOf(node);
    if (r && Yx.isScalar(node) && node.value !== null) { ctx.start = r[0]; ctx.end = r[1]; ctx.source = text.slice(r[0], r[1]); }
    return ctx;
  };

  const visit = (node: AnyNode, path: Path): CursorContext | undefined => {
    if (Yx.isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as AnyNode;
        const kr = rangeOf(key);
        if (!kr || !Yx.isScalar(key)) continue;
        const name = String(key.value);
        if (offset >= kr[0] && offset <= kr[1]) return done([...path, name], true, key);
        const value = pair.value as AnyNode;
        const vr = rangeOf(value);
        if (value && vr && !(Yx.isScalar(value) && value.value === null) && offset >= vr[0] && offset <= vr[1]) {
          return visit(value, [...path, name]) ?? done([...path, name], false, value);
        }
        // an empty value: the cursor is after "key:" on the same line
        if ((!value || (Yx.isScalar(value) && value.value === null)) && offset > kr[1] && offset <= lineEnd(kr[1])) {
          return done([...path, name], false);
        }
      }
      return undefined;
    }
    if (Yx.isSeq(node)) {
      for (let i = 0; i < node.items.length; i++) {
        const item = node.items[i] as AnyNode;
        const r = rangeOf(item);
        if (!r) continue;
        if (offset >= r[0] && offset <= r[1]) return visit(item, [...path, i]) ?? done([...path, i], false, item);
      }
      // a new, still empty list item ("- " at the end of the list)
      const nr = rangeOf(node);
      if (nr && offset >= nr[0] && offset <= nr[1] + 1) {
        const before = text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
        if (/^\s*-\s*$/.test(before) || /[[,]\s*$/.test(before)) return done([...path, node.items.length], false);
      }
      return undefined;
    }
    return undefined;
  };
  return visit(root, []);
}

/** The value of a scalar as YAML reads it (quotes removed). */
export function scalarText(source: string): string {
  const s = source.trim();
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) {
    if (s[0] === '"') { try { return JSON.parse(s) as string; } catch { return s.slice(1, -1); } }
    return s.slice(1, -1).replace(/''/g, "'");
  }
  return s;
}

/** The field whose values are references or control ids at this position, for completion. */
export function valueFieldAt(ctx: CursorContext): Field | undefined {
  const f = ctx.field;
  if (!f || ctx.inKey) return undefined;
  return f.type === 'list' ? f.items : f;
}
