// The form editor's engine (no vscode import): what a form shows for a record kind, the values and
// findings of a document, and form changes turned into minimal text edits.
//
//   formModel(kind)              fields of a kind from KIND_SPECS, grouped by the Annex A control they serve
//   formState(text, findings)    current values, syntax problems and findings per path, never throws
//   formEdit(text, change)       set / delete / add, remove and move list items → TextEdit[] built on edit.ts
//
// Every edit goes through edit.ts, so untouched lines and comments stay byte-identical, and it is
// checked before it is handed out: the edited text is parsed again and must hold exactly the data the
// change asked for. An edit that would change anything else is refused with a message, never applied.
import { compareNatural } from './recordList';
import { CONTROLS, getControl, GROUPS } from './catalogue';
import { ruleDocsUrl } from './docs-url';
import { applyEdits, computeEdits, onlyEmptyAfterFirst, type EditOp, type SetOp, type TextEdit } from './edit';
import type { Finding, Fix, Kind, Path, Position, Severity, Target } from './model';
import { previewValue } from './escape';
import { cleanYamlMessage, parseRecord } from './parse';
import { pathText, type IndexedRecord } from './rule';
import { controlsOf, fieldAt, isKind, KIND_SPECS, type Field } from './schema';
import { blankValue } from './skeleton';
import { sameValue, valueAt } from './form-values';
import { LineMap } from './text';

export { inputText, pathKey, sameValue, valueAt, valueFromInput } from './form-values';

type YAMLMod = typeof import('yaml');
let Y: YAMLMod | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = (): YAMLMod => (Y ??= require('yaml') as YAMLMod);

// ---------------------------------------------------------------------------------------------
// The model: which inputs a kind's form shows
// ---------------------------------------------------------------------------------------------

export interface ControlOption { id: string; title: string }

/** One value's input. */
export type ScalarInput =
  | { type: 'text'; format?: 'uri' | 'kebab-id' }
  | { type: 'textarea' }
  | { type: 'date' }
  | { type: 'number' }
  /** A number or a short text (measured values such as 0.91 or "99.6 %"); see valueFromInput. */
  | { type: 'scalar' }
  | { type: 'boolean' }
  | { type: 'enum'; values: string[] }
  /** Id of a record of one of `kinds` (candidates: referenceOptions). */
  | { type: 'ref'; kinds: Kind[] }
  | { type: 'control-id'; options: ControlOption[] };

export type FormInput =
  | ScalarInput
  /** A list of values; with allowSingle the file may hold one value instead of a list. */
  | { type: 'list'; item: ScalarInput; itemLabel: string; allowSingle: boolean }
  /** A list of mappings; `fields` paths are relative to the item; `newItem` is what add-item inserts. */
  | { type: 'object-list'; itemLabel: string; itemDescription: string; fields: FormField[]; newItem: Record<string, unknown> }
  | { type: 'object'; fields: FormField[] };

export interface FormField {
  key: string;
  /** From the record's root; for fields of list items, from the item ([...listPath, index, ...path]). */
  path: Path;
  label: string;
  description: string;
  required: boolean;
  recommended: boolean;
  /** Annex A controls the field evidences (its own, else its kind's). */
  controls: string[];
  input: FormInput;
  example?: unknown;
}

export interface FormGroup {
  /** 'record' for the fields that serve no single control, else the control id. */
  id: string;
  /** 'Record', or the control's title from the catalogue. */
  title: string;
  control?: string;
  /** The catalogue group (A.6.2 for A.6.2.4) the control belongs to. */
  annexGroup?: { id: string; title: string };
  fields: FormField[];
}

export interface FormModel {
  kind: Kind;
  title: string;
  description: string;
  /** Controls the record evidences as a whole. */
  controls: string[];
  /** 'record' first, then one group per control in catalogue order. */
  groups: FormGroup[];
}

export const RECORD_GROUP = 'record';

const CONTROL_OPTIONS: ControlOption[] = CONTROLS.map(c => ({ id: c.id, title: c.title }));
const CONTROL_RANK = new Map(CONTROLS.map((c, i) => [c.id, i]));

function annexGroupOf(controlId: string): { id: string; title: string } | undefined {
  const c = getControl(controlId);
  if (!c) return undefined;
  for (const g of GROUPS) {
    if (c.subgroup) { const s = g.subgroups?.find(x => x.id === c.subgroup); if (s) return { id: s.id, title: s.title }; }
    if (g.id === c.group) return { id: g.id, title: g.title };
  }
  return undefined;
}

function scalarInput(f: Field): ScalarInput {
  switch (f.type) {
    case 'string': return f.format ? { type: 'text', format: f.format } : { type: 'text' };
    case 'text': return { type: 'textarea' };
    case 'date': return { type: 'date' };
    case 'number': return { type: 'number' };
    case 'scalar': return { type: 'scalar' };
    case 'boolean': return { type: 'boolean' };
    case 'enum': return { type: 'enum', values: [...f.values] };
    case 'ref': return { type: 'ref', kinds: [...f.kinds] };
    case 'control-id': return { type: 'control-id', options: CONTROL_OPTIONS };
    default: return { type: 'textarea' };
  }
}

function inputOf(kind: Kind, f: Field, path: Path): FormInput {
  if (f.type === 'object') return { type: 'object', fields: fieldsOf(kind, f.fields, path) };
  if (f.type === 'list') {
    if (f.items.type === 'object') {
      return {
        type: 'object-list', itemLabel: f.items.label, itemDescription: f.items.description,
        fields: fieldsOf(kind, f.items.fields, []), newItem: blankValue(f.items) as Record<string, unknown>,
      };
    }
    return { type: 'list', item: scalarInput(f.items), itemLabel: f.items.label, allowSingle: !!f.allowSingle };
  }
  return scalarInput(f);
}

function formField(kind: Kind, key: string, f: Field, path: Path): FormField {
  const out: FormField = {
    key, path, label: f.label, description: f.description, required: !!f.required, recommended: !!f.recommended,
    controls: [...controlsOf(kind, f)],
    input: inputOf(kind, f, path),
  };
  if (f.example !== undefined) out.example = f.example;
  return out;
}

function fieldsOf(kind: Kind, fields: Record<string, Field>, base: Path): FormField[] {
  return Object.entries(fields).map(([k, f]) => formField(kind, k, f, [...base, k]));
}

/**
 * The form of a record kind. A top-level field goes to the group of the first control it names (a
 * mapping keeps its keys together); fields that name none (the header, review dates, further controls)
 * go to the 'record' group, which comes first.
 */
export function formModel(kind: Kind): FormModel {
  const spec = KIND_SPECS[kind];
  const record: FormGroup = { id: RECORD_GROUP, title: 'Record', fields: [] };
  const byControl = new Map<string, FormGroup>();
  for (const [key, f] of Object.entries(spec.fields)) {
    const field = formField(kind, key, f, [key]);
    const primary = f.controls?.[0];
    if (!primary) { record.fields.push(field); continue; }
    let g = byControl.get(primary);
    if (!g) {
      g = { id: primary, title: getControl(primary)?.title ?? primary, control: primary, fields: [] };
      const ag = annexGroupOf(primary);
      if (ag) g.annexGroup = ag;
      byControl.set(primary, g);
    }
    g.fields.push(field);
  }
  const rank = (id: string): number => CONTROL_RANK.get(id) ?? Number.MAX_SAFE_INTEGER;
  const groups = [...byControl.values()].sort((a, b) => rank(a.id) - rank(b.id));
  return { kind, title: spec.title, description: spec.description, controls: [...spec.controls], groups: [record, ...groups] };
}

/** Records a reference picker offers: those of the allowed kinds that have an id, sorted naturally by id. */
export function referenceOptions(records: readonly IndexedRecord[], kinds: readonly Kind[]): { id: string; title?: string; kind: Kind; file: string }[] {
  const out: { id: string; title?: string; kind: Kind; file: string }[] = [];
  for (const r of records) {
    if (!r.summary.id || (kinds.length && !kinds.includes(r.summary.kind))) continue;
    out.push({ id: r.summary.id, title: r.summary.title, kind: r.summary.kind, file: r.file });
  }
  return out.sort((a, b) => compareNatural(a.id, b.id));
}

/** What add-item inserts into the list at `path` when no value is given: a blank item, as skeletons write it. */
export function newListItem(kind: Kind | undefined, path: Path): unknown {
  const f = kind ? fieldAt(kind, path) : undefined;
  return f?.type === 'list' ? blankValue(f.items) : '';
}

// ---------------------------------------------------------------------------------------------
// The state: values, syntax problems and findings of one document
// ---------------------------------------------------------------------------------------------

export interface FormProblem {
  code: 'syntax' | 'duplicate-key' | 'multiple-documents' | 'not-a-mapping' | 'unknown-kind';
  message: string;
  startOffset: number;
  endOffset: number;
  start: Position;
  end: Position;
}

export interface FormFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  path: Path;
  /** pathText(path): the key of findingsByPath. */
  key: string;
  target: Target;
  controls: string[];
  /** The rule's documentation. */
  href: string;
  fix?: Fix;
  suggestions?: Fix[];
  line?: number;
}

export interface FormState {
  /** The record kind, when the document names a known one. */
  kind?: Kind;
  /** The values (as much as could be recovered when the text has errors). */
  data?: Record<string, unknown>;
  /** False while the text has problems the form must not edit over (syntax errors, duplicate keys, …). */
  editable: boolean;
  problems: FormProblem[];
  findings: FormFinding[];
  /** Findings by pathText(path) ("evaluation.metrics[0].dataset"; "" for the record as a whole). */
  findingsByPath: Record<string, FormFinding[]>;
  /** Keys the record format does not define: shown read-only, edited in the text. */
  unknownPaths: Path[];
  eol: '\n' | '\r\n';
}

/** Reads a document for the form. Never throws: whatever cannot be read is reported as a problem. */
export function formState(text: string, findings: readonly Finding[] = []): FormState {
  const lines = new LineMap(text);
  const problems: FormProblem[] = [];
  const problem = (code: FormProblem['code'], message: string, s: number, e: number): void => {
    const start = Math.max(0, Math.min(s, text.length));
    const end = Math.max(start, Math.min(e, text.length));
    problems.push({ code, message, startOffset: start, endOffset: end, start: lines.position(start), end: lines.position(end) });
  };
  let data: unknown;
  let multi = false;
  try {
    const parsed = parseRecord('record.yaml', text);
    multi = parsed.multiDocument;
    for (const p of parsed.problems) problem(p.code === 'duplicate-key' ? 'duplicate-key' : 'syntax', p.message, p.startOffset, p.endOffset);
    data = parsed.data;
    // clean text: take the values as the editor reads them (yaml), so that writing a value back is a no-op
    if (!parsed.problems.length && !multi) data = readData(text).data ?? data;
  } catch (e) {
    problem('syntax', `The file cannot be read: ${(e as Error).message}`, 0, 0);
  }
  if (multi) problem('multiple-documents', 'The file holds more than one YAML document; a record is one document. Remove the extra `---` sections in the text editor.', 0, 0);
  const mapping = data !== null && typeof data === 'object' && !Array.isArray(data);
  if (data !== undefined && data !== null && !mapping) problem('not-a-mapping', 'The file does not hold a mapping of keys (apiVersion, kind, id, …).', 0, text.length);
  const rec = mapping ? (data as Record<string, unknown>) : undefined;
  const kind = rec && isKind(rec.kind) ? rec.kind : undefined;
  if (rec && !kind) problem('unknown-kind', `The kind ${rec.kind === undefined ? 'is missing' : `'${previewValue(rec.kind)}' is unknown`}: use ModelCard, DataProvenance, ImpactAssessment or Applicability.`, 0, 0);

  const list: FormFinding[] = findings.map(f => {
    const ff: FormFinding = {
      ruleId: f.ruleId, severity: f.severity, message: f.message, path: [...f.path], key: pathText(f.path), target: f.target,
      controls: [...f.controls], href: ruleDocsUrl(f.ruleId),
    };
    if (f.fix) ff.fix = f.fix;
    if (f.suggestions?.length) ff.suggestions = f.suggestions;
    if (f.range) ff.line = f.range.start.line;
    return ff;
  });
  const byPath: Record<string, FormFinding[]> = {};
  for (const f of list) (byPath[f.key] ??= []).push(f);

  const unknownPaths: Path[] = [];
  if (rec && kind) collectUnknown(KIND_SPECS[kind].fields, rec, [], unknownPaths);
  return {
    kind, data: rec,
    editable: !problems.some(p => p.code !== 'unknown-kind'),
    problems, findings: list, findingsByPath: byPath, unknownPaths,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
}

function collectUnknown(fields: Record<string, Field>, obj: Record<string, unknown>, base: Path, out: Path[]): void {
  for (const [k, v] of Object.entries(obj)) {
    const f = fields[k];
    const p = [...base, k];
    if (!f) { out.push(p); continue; }
    if (f.type === 'object' && isPlainObject(v)) collectUnknown(f.fields, v, p, out);
    else if (f.type === 'list' && f.items.type === 'object' && Array.isArray(v)) {
      const itemFields = f.items.fields;
      v.forEach((item, i) => { if (isPlainObject(item)) collectUnknown(itemFields, item, [...p, i], out); });
    }
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

// ---------------------------------------------------------------------------------------------
// Edits
// ---------------------------------------------------------------------------------------------

export type FormValue = string | number | boolean | null | unknown[] | Record<string, unknown>;

export type FormChange =
  /** Sets the value at `path`, creating missing keys in schema order (null writes null; delete removes). */
  | { type: 'set'; path: Path; value: FormValue }
  | { type: 'delete'; path: Path }
  /** Adds `value` (default: a blank item from the record format) before `index` (default: at the end). */
  | { type: 'add-item'; path: Path; value?: unknown; index?: number }
  | { type: 'remove-item'; path: Path; index: number }
  /** Moves an item; up is `to: from - 1`, down is `to: from + 1`. */
  | { type: 'move-item'; path: Path; from: number; to: number };

export type FormEditResult =
  | { ok: true; edits: TextEdit[]; /** the text after the edits */ text: string }
  | { ok: false; error: string; edits: []; /** the text, unchanged */ text: string };

class FormEditError extends Error {}

interface ReadResult { data?: unknown; error?: string }

// The last texts read for an edit: a form edits the text it has just produced, so the next edit
// starts from a text already read. Results are never handed out (nothing outside can change them).
const readCache: { text: string; result: ReadResult }[] = [];

function readCached(text: string): ReadResult {
  const hit = readCache.find(c => c.text === text);
  if (hit) return hit.result;
  const result = readData(text);
  readCache.unshift({ text, result });
  readCache.length = Math.min(readCache.length, 2);
  return result;
}

function readData(text: string): ReadResult {
  const Yx = yaml();
  const doc = Yx.parseDocument(text, { schema: 'core', uniqueKeys: true, prettyErrors: false });
  const err = doc.errors.find(e => !(e.code === 'MULTIPLE_DOCS' && onlyEmptyAfterFirst(text)));
  if (err) {
    const at = new LineMap(text).position(err.pos[0]);
    const what = err.code === 'DUPLICATE_KEY' ? 'a key appears twice'
      : err.code === 'MULTIPLE_DOCS' ? 'the file holds more than one YAML document'
        : cleanYamlMessage(err.message);
    return { error: `Line ${at.line}, column ${at.column}: ${what}. Correct it in the text editor; the form does not edit a file that does not parse.` };
  }
  try {
    return { data: doc.toJS({ maxAliasCount: 100 }) ?? {} };
  } catch (e) {
    return { error: `The file cannot be read: ${(e as Error).message}` };
  }
}

/**
 * The text edits for one form change. Never throws: a change that cannot be made (the text does not
 * parse, the path does not exist, the result would not hold exactly the intended data) comes back as
 * `{ ok: false, error }` with the text untouched.
 */
export function formEdit(text: string, change: FormChange, kind?: Kind): FormEditResult {
  const fail = (error: string): FormEditResult => ({ ok: false, error, edits: [], text });
  try {
    const before = readCached(text);
    if (before.error) return fail(before.error);
    if (!isPlainObject(before.data)) return fail('The file does not hold a mapping of keys; edit it in the text editor.');
    const data = before.data;
    const k = kind ?? (isKind(data.kind) ? data.kind : undefined);
    const plan = planChange(data, change, k);
    if (!plan.ops.length) return { ok: true, edits: [], text };
    for (const ops of plan.fallback ? [plan.ops, plan.fallback] : [plan.ops]) {
      let edits: TextEdit[];
      try { edits = computeEdits(text, ops).edits; } catch (e) { if (ops === plan.fallback || !plan.fallback) throw e; continue; }
      if (!edits.length) return { ok: true, edits: [], text };
      const next = applyEdits(text, edits);
      const after = readCached(next);
      if (!after.error && sameValue(after.data, plan.expected)) return { ok: true, edits, text: next };
    }
    return fail('This change cannot be written without touching other content here; make it in the text editor.');
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
}

interface Plan { ops: EditOp[]; expected: unknown; /** tried when `ops` do not give the expected data */ fallback?: EditOp[] }

const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)) as T);
const describe = (path: Path): string => pathText(path) || 'the record';

/** Key order of the mapping at `parent` from the record format (for placing new keys). */
function keyOrder(kind: Kind | undefined, parent: Path): string[] | undefined {
  if (!kind) return undefined;
  if (parent.length === 0) return Object.keys(KIND_SPECS[kind].fields);
  const f = fieldAt(kind, parent);
  return f?.type === 'object' ? Object.keys(f.fields) : undefined;
}

function listAt(data: unknown, path: Path): unknown[] {
  const v = valueAt(data, path);
  if (!Array.isArray(v)) throw new FormEditError(`${describe(path)} is not a list`);
  return v;
}

function checkIndex(i: number, n: number, allowEnd = false): void {
  if (!Number.isInteger(i) || i < 0 || i > n || (i === n && !allowEnd)) throw new FormEditError(`item ${i} does not exist: the list has ${n} item${n === 1 ? '' : 's'}`);
}

function setIn(root: unknown, path: Path, value: unknown): void {
  let v = root as Record<string | number, unknown>;
  path.slice(0, -1).forEach((seg, i) => {
    if (!v[seg] || typeof v[seg] !== 'object') v[seg] = typeof path[i + 1] === 'number' ? [] : {};
    v = v[seg] as Record<string | number, unknown>;
  });
  v[path[path.length - 1]] = value;
}

function planChange(data: Record<string, unknown>, change: FormChange, kind: Kind | undefined): Plan {
  const expected = clone(data);
  const path = change.path;
  switch (change.type) {
    case 'set': {
      if (change.value === undefined) return planChange(data, { type: 'delete', path }, kind);
      return planSet(data, expected, path, change.value, kind);
    }
    case 'delete': {
      if (path.length === 0) throw new FormEditError('cannot delete the whole record');
      const parent = valueAt(data, path.slice(0, -1));
      const last = path[path.length - 1];
      if (typeof last === 'number') {
        if (!Array.isArray(parent) || last < 0 || last >= parent.length) return { ops: [], expected };
        return planChange(data, { type: 'remove-item', path: path.slice(0, -1), index: last }, kind);
      }
      if (!isPlainObject(parent) || !(last in parent)) return { ops: [], expected };
      delete (valueAt(expected, path.slice(0, -1)) as Record<string, unknown>)[last];
      return { ops: [{ op: 'delete', path }], expected };
    }
    case 'add-item': {
      const item = change.value === undefined ? newListItem(kind, path) : clone(change.value);
      const cur = valueAt(data, path);
      if (cur === undefined || cur === null) return planSet(data, expected, path, [item], kind);
      if (!Array.isArray(cur)) {
        const f = kind ? fieldAt(kind, path) : undefined;
        if (f?.type === 'list' && f.allowSingle && typeof cur !== 'object') {
          // one value written without a list: it becomes the list's first item
          const list: unknown[] = [cur];
          const at = change.index ?? 1;
          checkIndex(at, 1, true);
          list.splice(at, 0, item);
          return planSet(data, expected, path, list, kind);
        }
        throw new FormEditError(`${describe(path)} is not a list`);
      }
      const at = change.index ?? cur.length;
      checkIndex(at, cur.length, true);
      listAt(expected, path).splice(at, 0, item);
      return { ops: [{ op: 'insert', path, index: at, values: [item] }], expected };
    }
    case 'remove-item': {
      const cur = listAt(data, path);
      checkIndex(change.index, cur.length);
      listAt(expected, path).splice(change.index, 1);
      // the last item: keep the key as an empty list rather than an empty (null) value
      if (cur.length === 1) return { ops: [{ op: 'set', path, value: [] }], expected };
      return { ops: [{ op: 'delete', path: [...path, change.index] }], expected };
    }
    case 'move-item': {
      const cur = listAt(data, path);
      checkIndex(change.from, cur.length);
      checkIndex(change.to, cur.length);
      if (change.from === change.to) return { ops: [], expected };
      const list = listAt(expected, path);
      list.splice(change.to, 0, ...list.splice(change.from, 1));
      return { ops: [{ op: 'move', path, from: change.from, to: change.to }], expected };
    }
  }
}

function planSet(data: Record<string, unknown>, expected: unknown, path: Path, value: unknown, kind: Kind | undefined): Plan {
  if (path.length === 0) throw new FormEditError('cannot replace the whole record');
  // the first segment that does not exist yet: the new key goes into its parent, in schema order
  let v: unknown = data;
  let missing = -1;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (typeof seg === 'number') {
      if (!Array.isArray(v)) throw new FormEditError(`${describe(path.slice(0, i))} is not a list`);
      if (seg < 0 || seg >= v.length) throw new FormEditError(`item ${seg} of ${describe(path.slice(0, i))} does not exist`);
      v = v[seg];
      continue;
    }
    if (v === null) { missing = i; break; }
    if (!isPlainObject(v)) throw new FormEditError(`${describe(path.slice(0, i))} is not a mapping`);
    if (!(seg in v)) { missing = i; break; }
    v = v[seg];
  }
  if (missing < 0 && sameValue(v, value)) return { ops: [], expected }; // the same value: nothing to write
  setIn(expected, path, clone(value));
  if (missing < 0) {
    // an empty placeholder ("" as skeletons write it) has no style worth keeping: a one-line text
    // filled in is written plainly (quoted only where YAML needs it), not as "text"
    if (v === '' && typeof value === 'string' && value !== '' && !value.includes('\n') && !/^(?:yes|no|on|off|y|n)$/i.test(value)) {
      return { ops: [{ op: 'set', path, value }], expected, fallback: [{ op: 'set', path, value, keepStyle: true }] };
    }
    return { ops: [{ op: 'set', path, value, keepStyle: true }], expected };
  }
  const rest = path.slice(missing + 1);
  if (rest.some(s => typeof s === 'number')) throw new FormEditError(`${describe(path.slice(0, missing + 1))} does not exist`);
  let nested: unknown = value;
  for (let i = rest.length - 1; i >= 0; i--) nested = { [rest[i] as string]: nested };
  const order = keyOrder(kind, path.slice(0, missing));
  const op: SetOp = { op: 'set', path: path.slice(0, missing + 1), value: nested, keepStyle: true };
  if (order) op.order = order;
  return { ops: [op], expected };
}
