// Small pure helpers the form engine (form.ts) and the form webview (webview-ui/src/form) share.
// Dependency-free at run time (only type imports and rule.ts, which imports nothing): the webview
// bundle imports this module and must not pull in the engine (yaml, node modules).
import type { FormInput, FormValue } from './form';
import type { Path } from './model';
import { pathText } from './rule';

/** The key of a path in findingsByPath and in the form: evaluation.metrics[0].dataset ("" for the record). */
export const pathKey: (path: Path) => string = pathText;

/** The value at `path` in `data`, or undefined. */
export function valueAt(data: unknown, path: Path): unknown {
  let v = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

/**
 * The value a form input's text stands for. Text, dates, enums, references and control ids stay
 * strings (a date is a string in the records). A number input gives a number when the text is one.
 * A scalar input (measured values) gives a number only when the number prints back as the same text
 * ("0.91" → 0.91, "1.0" and "99.6 %" stay strings). A boolean gives true / false, or null when empty.
 */
export function valueFromInput(input: FormInput, raw: string): FormValue {
  const t = raw.trim();
  switch (input.type) {
    case 'number': return t !== '' && Number.isFinite(Number(t)) ? Number(t) : raw;
    case 'scalar': return t !== '' && Number.isFinite(Number(t)) && String(Number(t)) === t ? Number(t) : raw;
    case 'boolean': return t === 'true' ? true : t === 'false' ? false : null;
    default: return raw;
  }
}

/**
 * The text a form input shows for a value: the inverse of valueFromInput for the values it produces
 * (null and missing show as empty; booleans as 'true' / 'false'). Mappings and lists have no text
 * form (undefined): the form shows them read-only.
 */
export function inputText(value: unknown): string | undefined {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Structural equality of JSON-like values (what the form compares before sending an edit). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameValue(x, bb[i]));
  }
  const ka = Object.keys(a), kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every(k => Object.prototype.hasOwnProperty.call(b, k) && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
