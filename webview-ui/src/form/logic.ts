// The form page's pure logic (no DOM): typed-but-not-yet-written text, where findings go, summaries.
// Unit-tested in node (test/unit/form-logic.test.ts).
import { inputText, sameValue } from '../../../src/core/form-values';
import type { FormField } from '../../../src/core/form';
import type { Path, Severity } from '../../../src/core/model';
import type { FindingView } from './protocol';

// ---------------------------------------------------------------------------------------------
// Typing: what an input shows while its text is on its way into the document
// ---------------------------------------------------------------------------------------------

interface Entry {
  /** What the input holds. */
  raw: string;
  /** Typed since the last commit: must not be overwritten by the document's value. */
  dirty: boolean;
  /** Committed, waiting for the document to show it (ms timestamp of the commit). */
  sentAt?: number;
  /** The last commit failed with this message. */
  error?: string;
}

/**
 * The text of inputs the user is editing. Typing marks an input dirty; a commit (debounced input,
 * change, blur) takes the text to send it; the entry settles once the document holds the value. Until
 * then the input keeps showing what was typed, whatever views arrive meanwhile, so no typed character
 * is ever replaced by an older value. A commit the extension refused stays dirty, with its message.
 */
export class EditBuffer {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = () => Date.now(), private readonly patienceMs = 5000) {}

  typed(key: string, raw: string): void {
    const e = this.entries.get(key);
    if (e) { e.raw = raw; e.dirty = true; delete e.error; } else this.entries.set(key, { raw, dirty: true });
  }

  isDirty(key: string): boolean { return !!this.entries.get(key)?.dirty; }

  /** The text to commit (and marks it sent), or undefined when nothing was typed since the last commit. */
  take(key: string): string | undefined {
    const e = this.entries.get(key);
    if (!e?.dirty) return undefined;
    e.dirty = false;
    e.sentAt = this.now();
    return e.raw;
  }

  /** Nothing needs to be written after all (the value is the document's already). */
  settle(key: string): void { this.entries.delete(key); }

  /** The extension refused the commit: the text stays, dirty, with the message. */
  failed(key: string, message: string): void {
    const e = this.entries.get(key);
    if (e) { e.dirty = true; e.error = message; delete e.sentAt; }
  }

  error(key: string): string | undefined { return this.entries.get(key)?.error; }

  /**
   * What the input at `key` shows, given the document's value: the typed text while it is dirty or
   * on its way; the document's text once it holds the typed value (the entry settles), or when the
   * commit has waited longer than the patience (the edit did not happen).
   */
  shown(key: string, docValue: unknown, toValue: (raw: string) => unknown): string {
    const docRaw = inputText(docValue) ?? '';
    const e = this.entries.get(key);
    if (!e) return docRaw;
    if (e.dirty) return e.raw;
    const arrived = sameValue(toValue(e.raw), docValue) || (docValue === undefined && e.raw === '');
    if (arrived || (e.sentAt !== undefined && this.now() - e.sentAt > this.patienceMs)) {
      this.entries.delete(key);
      return docRaw;
    }
    return e.raw;
  }

  keys(): string[] { return [...this.entries.keys()]; }
}

// ---------------------------------------------------------------------------------------------
// Findings
// ---------------------------------------------------------------------------------------------

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export function worst(list: readonly FindingView[]): Severity | undefined {
  let w: Severity | undefined;
  for (const f of list) if (!w || RANK[f.severity] > RANK[w]) w = f.severity;
  return w;
}

export function byKey(findings: readonly FindingView[]): Map<string, FindingView[]> {
  const m = new Map<string, FindingView[]>();
  for (const f of findings) {
    const l = m.get(f.key);
    if (l) l.push(f); else m.set(f.key, [f]);
  }
  return m;
}

/** Whether `key` is `base` or lies below it (base.x, base[0]). */
export function isUnder(key: string, base: string): boolean {
  if (base === '') return true;
  return key === base || (key.startsWith(base) && (key[base.length] === '.' || key[base.length] === '['));
}

export function counts(findings: readonly FindingView[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

/** "2 errors · 1 warning" (empty parts left out); "" when there is nothing. */
export function countsText(c: Record<Severity, number>): string {
  const part = (n: number, one: string, many: string): string | undefined => (n ? `${n} ${n === 1 ? one : many}` : undefined);
  return [part(c.error, 'error', 'errors'), part(c.warning, 'warning', 'warnings'), part(c.info, 'suggestion', 'suggestions')].filter(Boolean).join(' · ');
}

/** Findings whose key the form did not show next to a field: they go to the top of the form. */
export function unplaced(findings: readonly FindingView[], shownKeys: ReadonlySet<string>): FindingView[] {
  return findings.filter(f => f.key === '' || !shownKeys.has(f.key));
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

/** A stable, unique element id for a path key ("quality.results[0]" → "f-quality_2e_results_5b_0_5d_"). */
export function domId(prefix: string, key: string): string {
  return `${prefix}-${key.replace(/[^A-Za-z0-9]/g, c => `_${c.charCodeAt(0).toString(16)}_`)}`;
}

export type ListShape =
  | { shape: 'missing'; items: [] }
  | { shape: 'list'; items: unknown[] }
  /** One value written without a list (allowSingle): shown as a list of one. */
  | { shape: 'single'; items: [unknown] }
  /** Something else (a mapping, or a value where only lists are allowed): edited in the text. */
  | { shape: 'invalid'; items: [] };

export function listShape(value: unknown, allowSingle: boolean): ListShape {
  if (value === undefined || value === null) return { shape: 'missing', items: [] };
  if (Array.isArray(value)) return { shape: 'list', items: value };
  if (allowSingle && typeof value !== 'object') return value === '' ? { shape: 'missing', items: [] } : { shape: 'single', items: [value] };
  return { shape: 'invalid', items: [] };
}

/** The path the input of list item `i` edits: the list's path itself for a single value. */
export function itemPath(listPath: Path, shape: ListShape['shape'], i: number): Path {
  return shape === 'single' ? listPath : [...listPath, i];
}

/** Empty or missing: nothing written yet (null, "", blank text, an empty list or mapping). */
export function isBlank(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v).length === 0;
}

/** A value shown read-only (unknown keys, shapes the form cannot edit): compact, as text. */
export function displayValue(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  try { return JSON.stringify(v); } catch { return String(v); }
}

/**
 * One line that tells list items apart: the item's first few filled-in values, short ones (names,
 * choices, dates) before long texts. A control id comes with its title; a yes/no as the field's label
 * ("Applicable" / "not applicable").
 */
export function itemSummary(item: unknown, fields: readonly FormField[], max = 3): string {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return displayValue(item);
  const parts: string[] = [];
  const ordered = [...fields.filter(f => f.input.type !== 'textarea'), ...fields.filter(f => f.input.type === 'textarea')];
  for (const f of ordered) {
    if (parts.length >= max) break;
    const v = (item as Record<string, unknown>)[f.key];
    let t = inputText(v);
    if (t === undefined || t.trim() === '') continue;
    if (f.input.type === 'boolean' && typeof v === 'boolean') t = v ? f.label : `not ${f.label.toLowerCase()}`;
    if (f.input.type === 'control-id') {
      const title = f.input.options.find(o => o.id === t)?.title;
      if (title) t = `${t} ${title}`;
    }
    parts.push(t.length > 60 ? `${t.slice(0, 57).trimEnd()}…` : t);
  }
  return parts.join(' · ');
}

/** Select values of a yes/no input: the form never answers for the user, so "not answered" (null) stays. */
export const BOOLEAN_OPTIONS: { value: string; label: string }[] = [
  { value: '', label: 'Not answered' },
  { value: 'true', label: 'Yes' },
  { value: 'false', label: 'No' },
];

/** Lines of a textarea for a text: between 2 and 12, wrapping at about 100 characters. */
export function textRows(text: string, min = 2, max = 12): number {
  const lines = text.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(l.length / 100)), 0);
  return Math.max(min, Math.min(max, lines));
}
/** `iso` moved by `days` (or by a month with `month`), or undefined when it is not a valid date. */
export function stepDate(iso: string, days: number, month = false): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return undefined;
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) return undefined;
  if (month) {
    const day = d.getUTCDate();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() + days);
    const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    d.setUTCDate(Math.min(day, last));
  } else d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Type-to-select in a closed dropdown, as in a native select: letters typed within a second of each
 * other form a prefix; the same letter again steps on to the next option that starts with it.
 */
export class TypeAhead {
  private text = '';
  private at = -Infinity;

  /** The value to select after `key` was typed at `at` (ms), or undefined when no option matches. */
  next(opts: readonly { value: string; label: string }[], current: string, key: string, at: number): string | undefined {
    const k = key.toLowerCase();
    this.text = at - this.at < 1000 ? this.text + k : k;
    this.at = at;
    const repeat = [...this.text].every(c => c === k);
    const matches = opts.filter(x => x.label.toLowerCase().startsWith(repeat ? k : this.text));
    if (!matches.length) return undefined;
    if (!repeat) return matches[0].value;
    const i = matches.findIndex(x => x.value === current);
    return matches[(i + 1) % matches.length].value;
  }
}
