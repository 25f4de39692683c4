// One pass over a record against its kind's field definitions. It collects the raw schema issues that
// several rules report (required-field, recommended-field, invalid-type, invalid-enum, unknown-key,
// placeholder-text, invalid-id): each rule owns its message, severity and fix; the walk is shared so a
// record is traversed once however many of those rules are on.
import { isControlId } from './catalogue';
import type { Kind, Path } from './model';
import { isIsoDate, KEBAB_ID, KIND_SPECS, type Field } from './schema';

export type SchemaIssue =
  | { type: 'missing'; path: Path; field: Field; required: boolean }
  | { type: 'empty'; path: Path; field: Field; required: boolean }
  | { type: 'type'; path: Path; field: Field; expected: string; actual: string; value: unknown }
  | { type: 'enum'; path: Path; field: Field; value: string; allowed: readonly string[] }
  | { type: 'date'; path: Path; field: Field; value: string }
  | { type: 'unknown-key'; path: Path; key: string; known: string[] }
  | { type: 'placeholder'; path: Path; field: Field; value: string }
  | { type: 'kebab-id'; path: Path; field: Field; value: string }
  | { type: 'control-id'; path: Path; field: Field; value: string };

/** Placeholder text that stands where content should be. */
const PLACEHOLDER = /^(?:tbd|tbc|todo|fixme|xxx|\?+|-+|\.{3}|…|n\/?a|none yet|to be (?:determined|defined|done|confirmed|completed)|\[?more information needed\]?|lorem ipsum.*|placeholder|not relevant|not applicable|fill (?:me )?in|coming soon)\.?$/i;

export function isPlaceholder(s: string): boolean {
  const t = s.trim();
  if (!t) return false;
  if (PLACEHOLDER.test(t)) return true;
  // text that only says TODO/TBD with a short tail: "TODO: describe", "TBD later"
  return /^(?:todo|tbd|fixme)\b/i.test(t) && t.length < 40;
}

export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return 'mapping';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  return 'string';
}

export function isEmptyValue(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') {
    for (const k in v as object) if (Object.prototype.hasOwnProperty.call(v, k)) return false; // Object.keys without the array
    return true;
  }
  return false;
}

function expectedName(f: Field): string {
  switch (f.type) {
    case 'text': case 'string': case 'ref': case 'control-id': case 'enum': return 'a string';
    case 'date': return 'a date (YYYY-MM-DD)';
    case 'boolean': return 'true or false';
    case 'number': return 'a number';
    case 'scalar': return 'a number or a string';
    case 'list': return f.allowSingle ? 'a list (or a single value)' : 'a list';
    case 'object': return 'a mapping';
  }
}

export function validateRecord(kind: Kind, data: Record<string, unknown>): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  walkObject(KIND_SPECS[kind].fields, data, [], issues);
  return issues;
}

// `path` is one shared stack (push/pop); it is copied only when an issue is recorded.
function walkObject(fields: Record<string, Field>, obj: Record<string, unknown>, path: Path, out: SchemaIssue[]): void {
  for (const key in fields) {
    const f = fields[key];
    const has = Object.prototype.hasOwnProperty.call(obj, key);
    if (!has) {
      if (f.required || f.recommended) out.push({ type: 'missing', path: [...path, key], field: f, required: !!f.required });
      continue;
    }
    const v = obj[key];
    if (isEmptyValue(v)) {
      if (f.required || f.recommended) out.push({ type: 'empty', path: [...path, key], field: f, required: !!f.required });
      else if (v !== null && v !== undefined && typeName(v) !== expectedType(f)) out.push({ type: 'type', path: [...path, key], field: f, expected: expectedName(f), actual: typeName(v), value: v });
      continue;
    }
    path.push(key);
    walkValue(f, v, path, out);
    path.pop();
  }
  let known: string[] | undefined;
  for (const key in obj) {
    if (!Object.prototype.hasOwnProperty.call(fields, key)) {
      known ??= Object.keys(fields);
      out.push({ type: 'unknown-key', path: [...path, key], key, known });
    }
  }
}

function expectedType(f: Field): string {
  switch (f.type) {
    case 'list': return 'list';
    case 'object': return 'mapping';
    default: return 'string';
  }
}

function walkValue(f: Field, v: unknown, p: Path, out: SchemaIssue[]): void {
  switch (f.type) {
    case 'string': case 'text': case 'ref': {
      if (typeof v !== 'string') {
        // numbers and booleans are accepted as text where prose is expected, except ids
        if ((typeof v === 'number' || typeof v === 'boolean') && f.type !== 'ref' && f.type !== 'string') return;
        if (typeof v === 'number' && f.type === 'string' && f.format !== 'kebab-id') return;
        out.push({ type: 'type', path: [...p], field: f, expected: expectedName(f), actual: typeName(v), value: v });
        return;
      }
      if (f.type === 'string' && f.format === 'kebab-id' && !KEBAB_ID.test(v)) out.push({ type: 'kebab-id', path: [...p], field: f, value: v });
      else if (isPlaceholder(v)) out.push({ type: 'placeholder', path: [...p], field: f, value: v });
      return;
    }
    case 'control-id': {
      if (typeof v !== 'string') { out.push({ type: 'type', path: [...p], field: f, expected: expectedName(f), actual: typeName(v), value: v }); return; }
      if (!isControlId(v)) out.push({ type: 'control-id', path: [...p], field: f, value: v });
      return;
    }
    case 'date': {
      if (typeof v !== 'string') { out.push({ type: 'type', path: [...p], field: f, expected: expectedName(f), actual: typeName(v), value: v }); return; }
      if (!isIsoDate(v)) {
        if (isPlaceholder(v)) out.push({ type: 'placeholder', path: [...p], field: f, value: v });
        else out.push({ type: 'date', path: [...p], field: f, value: v });
      }
      return;
    }
    case 'boolean':
      if (typeof v !== 'boolean') out.push({ type: 'type', path: [...p], field: f, expected: expectedName(f), actual: typeName(v), value: v });
      return;
    case 'number':
      if (typeof v !== 'number') out.push({ type: 'type', path: [...p], field: f, expected: expectedName(f), actual: typeName(v), value: v });
      return;
    case 'scalar':
      if (typeof v !== 'number' && typeof v !== 'string') out.push({ type: 'type', path: [...p], field: f, expected: expectedName(f), actual: typeName(v), value: v });
      else if (typeof v === 'string' && isPlaceholder(v)) out.push({ type: 'placeholder', path: [...p], field: f, value: v });
      return;
    case 'enum':
      if (typeof v !== 'string') out.push({ type: 'type', path: [...p], field: f, expected: expectedName(f), actual: typeName(v), value: v });
      else if (!f.values.includes(v)) out.push({ type: 'enum', path: [...p], field: f, value: v, allowed: f.values });
      return;
    case 'list': {
      // an item evidences what its list evidences (its own field names no controls)
      const items = itemField(f);
      if (!Array.isArray(v)) {
        if (f.allowSingle && typeName(v) !== 'list' && typeName(v) !== 'mapping') { walkValue(singleField(f, items), v, p, out); return; }
        out.push({ type: 'type', path: [...p], field: f, expected: expectedName(f), actual: typeName(v), value: v });
        return;
      }
      for (let i = 0; i < v.length; i++) {
        const item = v[i];
        if (isEmptyValue(item) && items.type !== 'object') { out.push({ type: 'empty', path: [...p, i], field: items, required: true }); continue; }
        p.push(i);
        walkValue(items, item, p, out);
        p.pop();
      }
      return;
    }
    case 'object':
      if (typeName(v) !== 'mapping') { out.push({ type: 'type', path: [...p], field: f, expected: expectedName(f), actual: typeName(v), value: v }); return; }
      walkObject(f.fields, v as Record<string, unknown>, p, out);
      return;
  }
}

// The derived fields are made once per list field (not per record): fresh objects on every visit cost
// an allocation each and make the walk's field accesses polymorphic.
type ListField = Extract<Field, { type: 'list' }>;
const itemFields = new WeakMap<Field, Field>();
const singleFields = new WeakMap<Field, Field>();

/** The field of a list's items: an item evidences what its list evidences (its own field names no controls). */
function itemField(f: ListField): Field {
  let items = itemFields.get(f);
  if (!items) {
    items = f.items.controls?.length || !f.controls?.length ? f.items : { ...f.items, controls: f.controls };
    itemFields.set(f, items);
  }
  return items;
}

/** A single value where a list is allowed: the item's field, labelled as the list. */
function singleField(f: ListField, items: Field): Field {
  let single = singleFields.get(f);
  if (!single) {
    single = { ...items, label: f.label } as Field;
    singleFields.set(f, single);
  }
  return single;
}
