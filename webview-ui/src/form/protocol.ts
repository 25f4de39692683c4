// The typed channel between the record form (webview) and its custom editor (src/extension/formEditor.ts).
// Types only from src/ (`import type`): this file is part of the webview bundle. parseFormMessage is the
// extension's gate: every message from the webview is checked here (type, fields, path and value shape)
// before anything acts on it; whatever does not match exactly is dropped.
import type { FormChange, FormModel, FormProblem, FormValue } from '../../../src/core/form';
import type { Kind, Path, Severity } from '../../../src/core/model';

/** A fix or suggestion of a finding, by title (the extension finds it again in its own findings). */
export interface FixView {
  title: string;
  /** The finding's safe fix (the one `aims lint --fix` applies), else a suggestion. */
  preferred: boolean;
  /** pathKey of the field the fix inserts: the form moves the focus into it. */
  focus?: string;
}

export interface FindingView {
  ruleId: string;
  severity: Severity;
  message: string;
  /** pathKey(path): where the form shows it. */
  key: string;
  path: Path;
  controls: string[];
  /** 1-based line in the text. */
  line?: number;
  fixes: FixView[];
}

export interface ReferenceOption { id: string; title?: string; kind: Kind }

/** Everything the form shows: sent after every change of the document or of the workspace's findings. */
export interface FormView {
  /** The document version this view was read from; edits name it. */
  version: number;
  /** Workspace-relative path (or the file name outside a workspace). */
  file: string;
  kind?: Kind;
  /** The form of the kind (absent when the kind is unknown). */
  model?: FormModel;
  data?: Record<string, unknown>;
  editable: boolean;
  problems: FormProblem[];
  findings: FindingView[];
  unknownPaths: Path[];
  /** Candidates of reference pickers by referenceKindsKey(kinds). */
  references: Record<string, ReferenceOption[]>;
}

export type ExtensionToForm =
  | { type: 'state'; view: FormView }
  /** An edit could not be made; the field keeps what was typed and shows the message. */
  | { type: 'editFailed'; key: string; message: string }
  /** Put the focus on a field (after "create new…" filled in a reference). */
  | { type: 'focus'; key: string };

export type FormToExtension =
  | { type: 'ready' }
  /** A form change made on the view of `version`. */
  | { type: 'edit'; version: number; change: FormChange }
  /** Applies the fix or suggestion `title` of the finding `ruleId` at `key`. */
  | { type: 'applyFix'; ruleId: string; key: string; title: string }
  | { type: 'showRuleDocs'; ruleId: string }
  /** Reopens the file in the text editor, at `line` (1-based) when given. */
  | { type: 'openText'; line?: number }
  /** "Create new…" in a reference picker: New Record of (one of) `kinds`, then its id goes to `path`. */
  | { type: 'createRecord'; path: Path; kinds: Kind[]; id?: string }
  /** Opens the record with this id (a reference's target) in the form. */
  | { type: 'openRecord'; id: string }
  /** Ctrl+S while typed text was not yet written: saves after the edits just sent. */
  | { type: 'save' };

export const referenceKindsKey = (kinds: readonly Kind[]): string => kinds.join(',') || '*';

// ---------------------------------------------------------------------------------------------
// Validation of incoming messages (run by the extension)
// ---------------------------------------------------------------------------------------------

const KIND_NAMES: readonly string[] = ['ModelCard', 'DataProvenance', 'ImpactAssessment', 'Applicability'];
const MAX_PATH = 12;
const MAX_KEY = 200;
const MAX_STRING = 1_000_000;
const MAX_NODES = 10_000;
const MAX_DEPTH = 10;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v < 1_000_000;
const isShortString = (v: unknown, max = MAX_KEY): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;
/** Exactly these keys (the optional ones may be missing or undefined). */
function hasOnly(o: Obj, required: string[], optional: string[] = []): boolean {
  for (const k of required) if (!(k in o)) return false;
  return Object.keys(o).every(k => required.includes(k) || (optional.includes(k)));
}

/** A data path: 1–12 segments, mapping keys (no prototype names) and list indexes. */
export function isPath(v: unknown, allowEmpty = false): v is Path {
  if (!Array.isArray(v) || v.length > MAX_PATH || (!allowEmpty && v.length === 0)) return false;
  return v.every(s => isIndex(s) || (isShortString(s) && !FORBIDDEN_KEYS.has(s)));
}

/** A value the form may write: JSON data (finite numbers, no prototype keys), bounded in size and depth. */
export function isFormValue(v: unknown): v is FormValue {
  let nodes = 0;
  const ok = (x: unknown, depth: number): boolean => {
    if (++nodes > MAX_NODES || depth > MAX_DEPTH) return false;
    if (x === null || typeof x === 'boolean') return true;
    if (typeof x === 'number') return Number.isFinite(x);
    if (typeof x === 'string') return x.length <= MAX_STRING;
    if (Array.isArray(x)) return x.every(i => ok(i, depth + 1));
    if (isObj(x)) return Object.entries(x).every(([k, i]) => k.length <= MAX_KEY && !FORBIDDEN_KEYS.has(k) && ok(i, depth + 1));
    return false;
  };
  return ok(v, 0);
}

function parseChange(c: unknown): FormChange | undefined {
  if (!isObj(c) || !isPath(c.path)) return undefined;
  const path = [...c.path];
  switch (c.type) {
    case 'set':
      return hasOnly(c, ['type', 'path', 'value']) && isFormValue(c.value) ? { type: 'set', path, value: c.value } : undefined;
    case 'delete':
      return hasOnly(c, ['type', 'path']) ? { type: 'delete', path } : undefined;
    case 'add-item': {
      if (!hasOnly(c, ['type', 'path'], ['value', 'index'])) return undefined;
      if (c.value !== undefined && !isFormValue(c.value)) return undefined;
      if (c.index !== undefined && !isIndex(c.index)) return undefined;
      const out: FormChange = { type: 'add-item', path };
      if (c.value !== undefined) out.value = c.value;
      if (c.index !== undefined) out.index = c.index as number;
      return out;
    }
    case 'remove-item':
      return hasOnly(c, ['type', 'path', 'index']) && isIndex(c.index) ? { type: 'remove-item', path, index: c.index } : undefined;
    case 'move-item':
      return hasOnly(c, ['type', 'path', 'from', 'to']) && isIndex(c.from) && isIndex(c.to) ? { type: 'move-item', path, from: c.from, to: c.to } : undefined;
    default:
      return undefined;
  }
}

const RULE_ID = /^[a-z][a-z0-9-]{0,63}$/;
const RECORD_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The message, typed, when it is exactly a FormToExtension; undefined for anything else. */
export function parseFormMessage(m: unknown): FormToExtension | undefined {
  if (!isObj(m) || typeof m.type !== 'string') return undefined;
  switch (m.type) {
    case 'ready':
      return hasOnly(m, ['type']) ? { type: 'ready' } : undefined;
    case 'save':
      return hasOnly(m, ['type']) ? { type: 'save' } : undefined;
    case 'edit': {
      if (!hasOnly(m, ['type', 'version', 'change']) || !isIndex(m.version)) return undefined;
      const change = parseChange(m.change);
      return change ? { type: 'edit', version: m.version, change } : undefined;
    }
    case 'applyFix':
      return hasOnly(m, ['type', 'ruleId', 'key', 'title']) && typeof m.ruleId === 'string' && RULE_ID.test(m.ruleId)
        && typeof m.key === 'string' && m.key.length <= 1000 && isShortString(m.title, 500)
        ? { type: 'applyFix', ruleId: m.ruleId, key: m.key, title: m.title } : undefined;
    case 'showRuleDocs':
      return hasOnly(m, ['type', 'ruleId']) && typeof m.ruleId === 'string' && RULE_ID.test(m.ruleId) ? { type: 'showRuleDocs', ruleId: m.ruleId } : undefined;
    case 'openText':
      if (!hasOnly(m, ['type'], ['line'])) return undefined;
      if (m.line === undefined) return { type: 'openText' };
      return isIndex(m.line) && m.line >= 1 ? { type: 'openText', line: m.line } : undefined;
    case 'createRecord': {
      if (!hasOnly(m, ['type', 'path', 'kinds'], ['id']) || !isPath(m.path) || !Array.isArray(m.kinds) || m.kinds.length > KIND_NAMES.length) return undefined;
      if (!m.kinds.every(k => typeof k === 'string' && KIND_NAMES.includes(k))) return undefined;
      if (m.id !== undefined && !(typeof m.id === 'string' && m.id.length <= MAX_KEY && RECORD_ID.test(m.id))) return undefined;
      const out: FormToExtension = { type: 'createRecord', path: [...m.path], kinds: [...m.kinds] as Kind[] };
      if (m.id !== undefined) out.id = m.id as string;
      return out;
    }
    case 'openRecord':
      return hasOnly(m, ['type', 'id']) && isShortString(m.id) ? { type: 'openRecord', id: m.id } : undefined;
    default:
      return undefined;
  }
}
