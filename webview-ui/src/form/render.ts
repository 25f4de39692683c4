// The form as an element tree, built from a view (model + values + findings) with el(). Record values
// reach the page only as text nodes, attribute values and element properties, never as HTML.
//
// Event handlers stay attached to kept elements from view to view (morph.ts), so they capture only
// what a key stands for (path, input) and call the long-lived Actions, which read the current view.
import type { FormField, FormGroup, ScalarInput } from '../../../src/core/form';
import { pathKey, valueAt, valueFromInput } from '../../../src/core/form-values';
import type { Kind, Path } from '../../../src/core/model';
import type { Child } from '../common/dom';
import {
  BOOLEAN_OPTIONS, counts, isBlank, stepDate, TypeAhead, countsText, displayValue, domId, itemPath, itemSummary, isUnder, listShape, textRows, unplaced, worst,
  type EditBuffer,
} from './logic';
import { el } from './morph';
import { referenceKindsKey, type FindingView, type FormView } from './protocol';

export interface UiState {
  /** Groups the user closed. */
  closedGroups: string[];
  /** Object-list items the user opened (true) or closed (false). */
  items: Record<string, boolean>;
  /** Show only fields with findings. */
  onlyGaps: boolean;
}

export interface Actions {
  typed(key: string, path: Path, input: ScalarInput, raw: string): void;
  commit(key: string): void;
  /** A choice in a select: written at once. */
  picked(key: string, path: Path, input: ScalarInput, raw: string): void;
  /** Adds an item before `index` (default: at the end) and focuses `focus` once it shows. */
  addItem(listPath: Path, focus: string, index?: number): void;
  /** Removes an item; the focus goes to `focus`, else to the neighbour's remove button (or the Add button). */
  removeItem(listPath: Path, index: number, single: boolean, focus?: string): void;
  /** Adds a value to a list of choices (at its end). */
  addChoice(listPath: Path, value: string): void;
  /** Moves an item; the focus follows it, on its input (`focus: 'input'`) or on the button that still works. */
  moveItem(listPath: Path, from: number, to: number, focus?: 'input' | 'button'): void;
  applyFix(finding: FindingView, title: string): void;
  showDocs(ruleId: string): void;
  openText(line?: number): void;
  openRecord(id: string): void;
  toggleGroup(id: string, open: boolean): void;
  toggleItem(key: string, open: boolean): void;
  setOnlyGaps(on: boolean): void;
  focusById(id: string): void;
}

export interface Ctx {
  view: FormView;
  byKey: Map<string, FindingView[]>;
  /** Keys whose findings are shown next to a field (the rest go to the top). */
  shown: Set<string>;
  buffer: EditBuffer;
  ui: UiState;
  a: Actions;
  /** A message for the whole form (an edit that could not be made). */
  notice?: string;
  /** While a group renders: its control ('' for the record group), so fields name only further controls. */
  groupControl?: string;
}

export const CREATE_NEW = '__create__';

const SEVERITY_ICON = { error: 'error', warning: 'warning', info: 'info' } as const;
const SEVERITY_WORD = { error: 'Error', warning: 'Warning', info: 'Suggestion' } as const;
const KIND_TITLES: Record<Kind, string> = {
  ModelCard: 'model card', DataProvenance: 'data provenance record', ImpactAssessment: 'impact assessment', Applicability: 'Statement of Applicability',
};

const icon = (name: string, cls?: string): HTMLElement => el('span', { class: ['codicon', `codicon-${name}`, cls], attrs: { 'aria-hidden': 'true' } });
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function attention(ctx: Ctx, key: string): boolean {
  return ctx.view.findings.some(f => isUnder(f.key, key)) || !!ctx.buffer.error(key);
}

// ---------------------------------------------------------------------------------------------
// Findings
// ---------------------------------------------------------------------------------------------

function findingItem(f: FindingView, ctx: Ctx, showPath: boolean): HTMLElement {
  return el('li', { class: ['finding', `finding-${f.severity}`] },
    icon(SEVERITY_ICON[f.severity], 'finding-icon'),
    el('div', { class: 'finding-body' },
      el('span', { class: 'visually-hidden' }, `${SEVERITY_WORD[f.severity]}: `),
      showPath && f.key ? el('code', { class: 'finding-path' }, f.key) : null,
      el('span', { class: 'finding-message' }, f.message),
      el('span', { class: 'finding-meta' },
        el('button', {
          class: 'link-button', attrs: { type: 'button', title: `Documentation of the rule ${f.ruleId}` },
          on: { click: () => ctx.a.showDocs(f.ruleId) },
        }, f.ruleId),
        f.controls.length ? el('span', { class: 'finding-controls' }, f.controls.join(', ')) : null,
        f.line !== undefined ? el('button', {
          class: 'link-button', attrs: { type: 'button', title: 'Show this line in the text editor' },
          on: { click: () => ctx.a.openText(f.line) },
        }, `line ${f.line}`) : null,
      ),
      ctx.view.editable && f.fixes.length ? el('span', { class: 'finding-fixes' }, ...f.fixes.map(x => el('vscode-button', {
        class: 'fix-button',
        props: { secondary: !x.preferred, icon: 'lightbulb-autofix' },
        attrs: { title: x.preferred ? 'Apply the fix' : 'Apply this suggestion' },
        on: { click: () => ctx.a.applyFix(f, x.title) },
      }, x.title))) : null,
    ),
  );
}

/** The findings of exactly `key` (marks the key as shown), plus a failed edit's message. */
function findingList(key: string, ctx: Ctx, showPath = false): HTMLElement | null {
  ctx.shown.add(key);
  const list = ctx.byKey.get(key) ?? [];
  const err = ctx.buffer.error(key);
  if (!list.length && !err) return null;
  return el('ul', { class: 'findings', key: `fl:${key}`, attrs: { id: domId('e', key), role: 'list' } },
    ...list.map(f => findingItem(f, ctx, showPath)),
    err ? el('li', { class: ['finding', 'finding-error', 'edit-error'] }, icon('error', 'finding-icon'),
      el('div', { class: 'finding-body' }, el('span', { class: 'finding-message' }, err))) : null,
  );
}

/** aria-describedby of an input: its description and its findings. */
function describedBy(key: string, ctx: Ctx, withDescription: boolean): string | undefined {
  const ids: string[] = [];
  if (withDescription) ids.push(domId('d', key));
  if ((ctx.byKey.get(key)?.length ?? 0) > 0 || ctx.buffer.error(key)) ids.push(domId('e', key));
  return ids.length ? ids.join(' ') : undefined;
}

/** The accessible name of an input: its label, whether required, and its findings (the inner input of a web component cannot reach ids outside it). */
function ariaLabel(label: string, required: boolean, key: string, ctx: Ctx): string {
  const parts = [label + (required ? ' (required)' : '')];
  for (const f of ctx.byKey.get(key) ?? []) parts.push(`${SEVERITY_WORD[f.severity]}: ${f.message}`);
  const err = ctx.buffer.error(key);
  if (err) parts.push(`Error: ${err}`);
  return parts.join('. ');
}

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

interface InputOpts {
  label: string; required: boolean; withDescription: boolean; placeholder?: string;
  /** A list item: Enter adds the next item, Alt+Up / Alt+Down move this one. */
  item?: { listPath: Path; index: number; count: number; single: boolean };
}

const toValue = (input: ScalarInput) => (raw: string): unknown => valueFromInput(input, raw);

function readonlyValue(value: unknown, ctx: Ctx, why: string): HTMLElement {
  return el('div', { class: 'readonly' },
    el('code', { class: 'readonly-value' }, displayValue(value)),
    el('span', { class: 'readonly-hint' }, why, ' ',
      el('button', { class: 'link-button', attrs: { type: 'button' }, on: { click: () => ctx.a.openText() } }, 'Edit it in the text editor.')),
  );
}

interface Opt { value: string; label: string; description?: string }

function select(key: string, path: Path, input: ScalarInput, opts: Opt[], value: string, o: InputOpts, ctx: Ctx, combobox: boolean): HTMLElement {
  if (!opts.some(x => x.value === value)) opts = [...opts, { value, label: `${value} (not allowed here)` }];
  return el('vscode-single-select', {
    class: ['input', combobox ? 'input-combobox' : 'input-select'],
    sig: JSON.stringify([opts, combobox]),
    attrs: { id: domId('f', key), 'data-focus-key': key, 'aria-describedby': describedBy(key, ctx, o.withDescription) },
    props: { value, label: ariaLabel(o.label, o.required, key, ctx), disabled: !ctx.view.editable },
    init: combobox ? { combobox: true, filter: 'contains' } : {},
    on: {
      change: e => ctx.a.picked(key, path, input, String((e.currentTarget as { value?: unknown }).value ?? '')),
      keydown: e => {
        if (itemKeys(e as KeyboardEvent, o, ctx)) return;
        // a closed dropdown: typing selects the next option whose label starts with what was typed
        if (combobox || !ctx.view.editable) return;
        const ke = e as KeyboardEvent;
        const t = e.currentTarget as { open?: boolean };
        if (t.open || ke.ctrlKey || ke.metaKey || ke.altKey || ke.key.length !== 1 || ke.key === ' ') return;
        const cur = String((e.currentTarget as { value?: unknown }).value ?? '');
        const hit = typeAhead.next(opts.filter(x => x.value !== '' && x.value !== CREATE_NEW), cur, ke.key, ke.timeStamp);
        if (!hit) return;
        ke.preventDefault();
        ke.stopPropagation();
        (e.currentTarget as { value?: unknown }).value = hit;
        ctx.a.picked(key, path, input, hit);
      },
    },
  }, ...opts.map(x => el('vscode-option', { attrs: { value: x.value, description: x.description } }, x.label)));
}

const typeAhead = new TypeAhead();

/** Keys of a list item's input: Enter adds the next item, Alt+Up / Alt+Down move the item. Returns true when handled. */
function itemKeys(e: KeyboardEvent, o: InputOpts, ctx: Ctx): boolean {
  const it = o.item;
  if (!it || !ctx.view.editable || e.ctrlKey || e.metaKey || e.shiftKey) return false;
  if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
    const to = it.index + (e.key === 'ArrowUp' ? -1 : 1);
    if (it.single || to < 0 || to >= it.count) return false;
    e.preventDefault();
    e.stopPropagation();
    ctx.a.moveItem(it.listPath, it.index, to, 'input');
    return true;
  }
  return false;
}

function scalarInput(input: ScalarInput, path: Path, o: InputOpts, ctx: Ctx): HTMLElement {
  const key = pathKey(path);
  const doc = valueAt(ctx.view.data, path);
  if (doc !== null && typeof doc === 'object') {
    return readonlyValue(doc, ctx, Array.isArray(doc) ? 'This is a list here, where one value is expected.' : 'This is a mapping here, where one value is expected.');
  }
  const shown = ctx.buffer.shown(key, doc, toValue(input));
  const common = {
    attrs: { id: domId('f', key), 'data-focus-key': key, 'aria-describedby': describedBy(key, ctx, o.withDescription) },
    on: {
      input: (e: Event) => ctx.a.typed(key, path, input, String((e.currentTarget as { value?: unknown }).value ?? '')),
      change: () => ctx.a.commit(key),
      focusout: () => ctx.a.commit(key),
      keydown: (e: Event) => {
        const ke = e as KeyboardEvent;
        if (itemKeys(ke, o, ctx)) return;
        const it = o.item;
        // Enter in a one-line list item writes it and adds the next item after it
        if (it && ke.key === 'Enter' && !ke.altKey && !ke.ctrlKey && !ke.metaKey && !ke.shiftKey && !ke.isComposing
          && ctx.view.editable && (e.currentTarget as HTMLElement).tagName === 'VSCODE-TEXTFIELD') {
          ke.preventDefault();
          const next = it.single ? 1 : it.index + 1;
          ctx.a.commit(key);
          ctx.a.addItem(it.listPath, `[data-focus-key="${CSS.escape(pathKey([...it.listPath, next]))}"]`, next);
          return;
        }
        // a date: Up / Down go a day later / earlier
        if (input.type === 'date' && (ke.key === 'ArrowUp' || ke.key === 'ArrowDown') && !ke.altKey && !ke.ctrlKey && !ke.metaKey && ctx.view.editable) {
          const t = e.currentTarget as { value?: unknown };
          const next = stepDate(String(t.value ?? ''), ke.key === 'ArrowUp' ? 1 : -1, ke.shiftKey);
          if (next === undefined) return;
          ke.preventDefault();
          t.value = next;
          ctx.a.typed(key, path, input, next);
        }
      },
    },
  };
  const label = ariaLabel(o.label, o.required, key, ctx);
  // a one-line field holding a long text (a licence folded over lines in the file) is shown whole, in a
  // text area; the choice sticks, and is not made while the field has the focus (no swap under the caret)
  if (input.type === 'text' && !WIDE.has(key) && (shown.length > 90 || shown.includes('\n')) && focusedKey() !== key) WIDE.add(key);
  if (input.type === 'textarea' || (input.type === 'text' && WIDE.has(key))) {
    return el('vscode-textarea', {
      ...common, class: ['input', 'input-textarea', input.type === 'text' && 'input-wide-text'],
      props: { value: shown, label, disabled: !ctx.view.editable, rows: textRows(shown), resize: 'vertical', placeholder: o.placeholder ?? '' },
    });
  }
  switch (input.type) {
    case 'text': case 'date': case 'number': case 'scalar': {
      // a date is one text input in the format the file and the labels use (YYYY-MM-DD), one Tab stop,
      // Up / Down for the next / previous day (Shift: month); a browser date input would show the
      // locale's format (mm/dd/yyyy) in three Tab stops plus a picker button
      const type = input.type === 'number' ? (shown.trim() === '' || Number.isFinite(Number(shown)) ? 'number' : 'text') : 'text';
      return el('vscode-textfield', {
        ...common, class: ['input', `input-${input.type}`],
        attrs: { ...common.attrs, inputmode: input.type === 'date' ? 'numeric' : undefined },
        props: { type, value: shown, label, disabled: !ctx.view.editable, placeholder: input.type === 'date' ? 'YYYY-MM-DD' : o.placeholder ?? '' },
      });
    }
    case 'boolean': {
      const opts: Opt[] = BOOLEAN_OPTIONS.map(b => ({ ...b }));
      return select(key, path, input, opts, shown, o, ctx, false);
    }
    case 'enum': {
      const opts: Opt[] = [{ value: '', label: o.required ? 'Choose…' : 'Not set' }, ...input.values.map(v => ({ value: v, label: v }))];
      return select(key, path, input, opts, shown, o, ctx, false);
    }
    case 'control-id': {
      const opts: Opt[] = [{ value: '', label: 'Choose a control…' }, ...input.options.map(c => ({ value: c.id, label: `${c.id} ${c.title}` }))];
      return select(key, path, input, opts, shown, o, ctx, true);
    }
    case 'ref': {
      const refs = ctx.view.references[referenceKindsKey(input.kinds)] ?? [];
      const opts: Opt[] = [{ value: '', label: 'Choose a record…' }, ...refs.map(r => ({ value: r.id, label: r.id, description: r.title }))];
      if (shown && !refs.some(r => r.id === shown)) opts.push({ value: shown, label: `${shown} (no such record)` });
      if (ctx.view.editable) opts.push({ value: CREATE_NEW, label: `Create new ${input.kinds.map(k => KIND_TITLES[k]).join(' or ')}…` });
      const exists = !!shown && refs.some(r => r.id === shown);
      return el('div', { class: 'ref-row' },
        select(key, path, input, opts, shown, o, ctx, true),
        el('button', {
          class: 'icon-button', attrs: { type: 'button', 'aria-label': `Open ${shown || 'the referenced record'}`, title: 'Open the referenced record', disabled: !exists, 'data-focus-key': `${key}#open` },
          on: { click: () => { const id = valueAt(currentData(), path); if (typeof id === 'string' && id) ctx.a.openRecord(id); } },
        }, icon('go-to-file')),
      );
    }
  }
}

/** Keys of one-line fields shown as text areas (their text is long). */
const WIDE = new Set<string>();

function focusedKey(): string | undefined {
  const a = document.activeElement;
  return a instanceof HTMLElement ? a.getAttribute('data-focus-key') ?? undefined : undefined;
}

// Handlers of kept elements must read the current data, not the data of the view they were built for.
let current: () => Record<string, unknown> | undefined = () => undefined;
export function setCurrentData(fn: () => Record<string, unknown> | undefined): void { current = fn; }
const currentData = (): Record<string, unknown> | undefined => current();

// ---------------------------------------------------------------------------------------------
// Fields
// ---------------------------------------------------------------------------------------------

/**
 * Whether a field must be filled in: required by the format, or required here (legal_basis once the
 * data contains personal data), which an error on the field while it is empty tells.
 */
function isRequired(f: FormField, key: string, ctx: Ctx): boolean {
  return f.required || (ctx.byKey.get(key) ?? []).some(x => x.severity === 'error' && isBlank(valueAt(ctx.view.data, x.path)));
}

function markers(f: FormField, key: string, ctx: Ctx): Child[] {
  const required = isRequired(f, key, ctx);
  return [
    required ? el('span', { class: ['tag', 'tag-required'] }, 'Required') : null,
    !required && f.recommended ? el('span', { class: ['tag', 'tag-recommended'] }, 'Recommended') : null,
  ];
}

/** Text with `code` spans (descriptions from the record format) as code elements, never as HTML. */
function withCode(text: string): Child[] {
  return text.split(/(`[^`\n]+`)/).map(part => (part.length > 2 && part.startsWith('`') && part.endsWith('`') ? el('code', null, part.slice(1, -1)) : part));
}

function fieldHead(f: FormField, key: string, yamlKey: string, labelFor: string | undefined, ctx: Ctx): HTMLElement[] {
  const labelEl = labelFor
    ? el('label', { class: 'field-label', attrs: { for: labelFor, id: domId('l', key) }, on: { click: e => { e.preventDefault(); ctx.a.focusById(labelFor); } } }, f.label)
    : el('span', { class: 'field-label', attrs: { id: domId('l', key) } }, f.label);
  return [
    el('div', { class: 'field-head' },
      labelEl,
      ...markers(f, key, ctx),
      el('code', { class: 'field-key', attrs: { title: 'Key in the YAML file' } }, yamlKey),
      showControls(f, ctx) ? el('span', { class: 'field-controls', attrs: { title: 'Annex A controls this field evidences' } }, f.controls.join(' · ')) : null,
    ),
    el('div', { class: 'field-description', attrs: { id: domId('d', key) } }, ...withCode(f.description)),
  ];
}

/** A field's controls, unless they say no more than its group does (or it is in the record group, where they are the kind's). */
function showControls(f: FormField, ctx: Ctx): boolean {
  if (!f.controls.length || ctx.groupControl === '' || ctx.groupControl === undefined) return false;
  return !(f.controls.length === 1 && f.controls[0] === ctx.groupControl);
}

function fieldClasses(key: string, ctx: Ctx, extra: string): (string | false | undefined)[] {
  const own = worst(ctx.byKey.get(key) ?? []);
  return ['field', extra, own && `sev-${own}`, attention(ctx, key) && 'attention'];
}

function placeholderOf(f: FormField): string | undefined {
  return typeof f.example === 'string' || typeof f.example === 'number' ? `e.g. ${f.example}` : undefined;
}

/** A field of the form; `base` is the path of the list item it belongs to ([] at the top). */
function renderField(f: FormField, base: Path, ctx: Ctx): HTMLElement {
  const path = [...base, ...f.path];
  const key = pathKey(path);
  const yamlKey = pathKey(f.path);
  switch (f.input.type) {
    case 'object': return renderObject(f, path, key, yamlKey, ctx);
    case 'object-list': return renderObjectList(f, path, key, yamlKey, ctx);
    case 'list': return renderList(f, path, key, yamlKey, ctx);
    default: {
      const input = f.input;
      return el('div', { key: `f:${key}`, class: fieldClasses(key, ctx, `field-${input.type}`) },
        ...fieldHead(f, key, yamlKey, domId('f', key), ctx),
        el('div', { class: 'field-control' }, scalarInput(input, path, { label: f.label, required: isRequired(f, key, ctx), withDescription: true, placeholder: placeholderOf(f) }, ctx)),
        findingList(key, ctx),
      );
    }
  }
}

function itemActions(listPath: Path, i: number, n: number, single: boolean, what: string, itemKey: string, ctx: Ctx): HTMLElement {
  const disabled = !ctx.view.editable;
  // one Tab stop for the three buttons (a toolbar): the remove button; Left / Right, Home / End move
  // between them. Alt+Up / Alt+Down in the item's input move the item too.
  const button = (name: string, label: string, iconName: string, off: boolean, onClick: () => void): HTMLElement => el('button', {
    class: 'icon-button', attrs: { type: 'button', 'aria-label': label, title: label, disabled: off || disabled, 'data-focus-key': `${itemKey}#${name}` },
    // a roving Tab stop: set once here, then moved by the toolbar as the focus moves
    init: { tabIndex: name === 'remove' ? 0 : -1 },
    on: { click: onClick },
  }, icon(iconName));
  return el('div', {
    class: 'item-actions', attrs: { role: 'toolbar', 'aria-label': `${what} actions` },
    on: {
      keydown: e => toolbarKeys(e as KeyboardEvent),
      // the button with the focus is the toolbar's Tab stop: Tab from it leaves the toolbar
      focusin: e => {
        const t = e.target as HTMLElement;
        if (t.tagName !== 'BUTTON') return;
        for (const b of (e.currentTarget as HTMLElement).querySelectorAll<HTMLButtonElement>('button')) b.tabIndex = b === t ? 0 : -1;
      },
    },
  },
    button('up', `Move ${what} up`, 'arrow-up', single || i === 0, () => ctx.a.moveItem(listPath, i, i - 1)),
    button('down', `Move ${what} down`, 'arrow-down', single || i >= n - 1, () => ctx.a.moveItem(listPath, i, i + 1)),
    button('remove', `Remove ${what}`, 'trash', false, () => ctx.a.removeItem(listPath, i, single)),
  );
}

/** Arrow keys between the enabled buttons of a toolbar. */
function toolbarKeys(e: KeyboardEvent): void {
  if (e.altKey || e.ctrlKey || e.metaKey || !['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) return;
  const bar = e.currentTarget as HTMLElement;
  const buttons = [...bar.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')];
  const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (!buttons.length || i < 0) return;
  e.preventDefault();
  const j = e.key === 'Home' ? 0 : e.key === 'End' ? buttons.length - 1 : (i + (e.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length;
  buttons[j].focus();
}

function addButton(listPath: Path, label: string, focus: string, ctx: Ctx): HTMLElement | null {
  if (!ctx.view.editable) return null;
  const key = pathKey(listPath);
  return el('vscode-button', {
    class: 'add-button', props: { secondary: true, icon: 'add' },
    attrs: { 'data-focus-key': `${key}#add` },
    on: { click: () => ctx.a.addItem(listPath, focus) },
  }, `Add ${label}`);
}

/**
 * A list of choices (ml_use: training, validation, …) as a multi-select: one checkbox per allowed
 * value. Checking adds the value at the end of the list, unchecking removes its item, so the other
 * lines of the list stay as they are. A value the format does not allow is shown checked, to uncheck.
 */
function renderChoiceList(f: FormField, values: readonly string[], path: Path, key: string, yamlKey: string, ctx: Ctx): HTMLElement {
  const doc = valueAt(ctx.view.data, path);
  const ls = listShape(doc, f.input.type === 'list' && f.input.allowSingle);
  const items = ls.items.map(v => (typeof v === 'string' ? v : displayValue(v)));
  const extra = items.filter(v => !values.includes(v));
  const box = (value: string, label: string): HTMLElement => {
    const checked = items.includes(value);
    return el('vscode-checkbox', {
      key: `c:${value}`, class: 'choice',
      attrs: { 'data-focus-key': `${key}#${value}` },
      props: { checked, label, disabled: !ctx.view.editable },
      on: {
        change: e => {
          const want = !!(e.currentTarget as { checked?: boolean }).checked;
          const cur = listShape(valueAt(currentData(), path), f.input.type === 'list' && f.input.allowSingle);
          const at = cur.items.findIndex(x => x === value);
          if (want && at < 0) ctx.a.addChoice(path, value);
          else if (!want && at >= 0) ctx.a.removeItem(path, at, cur.shape === 'single', `[data-focus-key="${CSS.escape(`${key}#${value}`)}"]`);
        },
      },
    });
  };
  return el('div', { key: `f:${key}`, class: fieldClasses(key, ctx, 'field-choices') },
    ...fieldHead(f, key, yamlKey, undefined, ctx),
    ls.shape === 'invalid'
      ? readonlyValue(doc, ctx, 'This is not a list here.')
      : el('div', { class: 'choices', attrs: { role: 'group', 'aria-labelledby': domId('l', key), 'aria-describedby': domId('d', key) } },
        ...values.map(v => box(v, v)), ...extra.map(v => box(v, `${v} (not allowed here)`))),
    findingList(key, ctx),
    // the findings of single items (a value not allowed) under the list
    ...ls.items.map((_, i) => pathKey(itemPath(path, ls.shape, i))).filter(k => k !== key).map(k => findingList(k, ctx)),
  );
}

function renderList(f: FormField, path: Path, key: string, yamlKey: string, ctx: Ctx): HTMLElement {
  if (f.input.type !== 'list') throw new Error('not a list');
  const input = f.input;
  if (input.item.type === 'enum') return renderChoiceList(f, input.item.values, path, key, yamlKey, ctx);
  const doc = valueAt(ctx.view.data, path);
  const ls = listShape(doc, input.allowSingle);
  const n = ls.items.length;
  const what = input.itemLabel;
  const rows = ls.items.map((_, i) => {
    const ip = itemPath(path, ls.shape, i);
    const ik = pathKey(ip);
    const itemLabel = `${cap(what)} ${i + 1} of ${f.label}`;
    // a single value (allowSingle) has the list's own key: its findings are shown here, once
    const sev = worst(ctx.byKey.get(ik) ?? []);
    return el('div', { key: `li:${ik}:${ls.shape}`, class: ['list-item', sev && `sev-${sev}`], attrs: { role: 'listitem' } },
      el('div', { class: 'list-item-row' },
        el('span', { class: 'item-number', attrs: { 'aria-hidden': 'true' } }, `${i + 1}`),
        scalarInput(input.item, ip, { label: itemLabel, required: false, withDescription: false, item: { listPath: path, index: i, count: n, single: ls.shape === 'single' } }, ctx),
        itemActions(path, i, n, ls.shape === 'single', `${what} ${i + 1}`, ik, ctx),
      ),
      findingList(ik, ctx),
    );
  });
  const newIndex = ls.shape === 'single' ? 1 : n;
  return el('div', { key: `f:${key}`, class: fieldClasses(key, ctx, 'field-list') },
    ...fieldHead(f, key, yamlKey, undefined, ctx),
    ls.shape === 'invalid'
      ? readonlyValue(doc, ctx, 'This is not a list here.')
      : el('div', { class: 'list', attrs: { role: 'list', 'aria-labelledby': domId('l', key), 'aria-describedby': domId('d', key) } },
        ...rows,
        n === 0 ? el('div', { class: 'list-empty' }, ctx.view.editable ? `No ${what} yet.` : 'Empty.') : null),
    ls.shape !== 'invalid' ? addButton(path, what, `[data-focus-key="${CSS.escape(pathKey([...path, newIndex]))}"]`, ctx) : null,
    ls.shape === 'single' ? null : findingList(key, ctx),
  );
}

function renderObject(f: FormField, path: Path, key: string, yamlKey: string, ctx: Ctx): HTMLElement {
  if (f.input.type !== 'object') throw new Error('not an object');
  const doc = valueAt(ctx.view.data, path);
  const invalid = doc !== undefined && doc !== null && (typeof doc !== 'object' || Array.isArray(doc));
  const base = path.slice(0, path.length - f.path.length);
  return el('div', { key: `f:${key}`, class: fieldClasses(key, ctx, 'field-object'), attrs: { role: 'group', 'aria-labelledby': domId('l', key) } },
    ...fieldHead(f, key, yamlKey, undefined, ctx),
    findingList(key, ctx),
    invalid
      ? readonlyValue(doc, ctx, 'This is not a mapping here.')
      : el('div', { class: 'object-body' }, ...f.input.fields.map(sf => renderField(sf, base, ctx))),
  );
}

function renderObjectList(f: FormField, path: Path, key: string, yamlKey: string, ctx: Ctx): HTMLElement {
  if (f.input.type !== 'object-list') throw new Error('not an object list');
  const input = f.input;
  const doc = valueAt(ctx.view.data, path);
  const items = Array.isArray(doc) ? doc : [];
  const invalid = doc !== undefined && doc !== null && !Array.isArray(doc);
  const n = items.length;
  const what = input.itemLabel;
  const cards = items.map((item, i) => {
    const ip = [...path, i];
    const ik = pathKey(ip);
    const needs = attention(ctx, ik);
    const open = ctx.ui.items[ik] ?? (n <= 8 || needs);
    const bodyId = domId('b', ik);
    const isObject = item !== null && typeof item === 'object' && !Array.isArray(item);
    const sev = worst(ctx.byKey.get(ik) ?? []);
    return el('section', {
      key: `oi:${ik}`, class: ['item-card', sev && `sev-${sev}`, needs && 'attention', open ? 'open' : 'closed'],
      attrs: { 'aria-label': `${cap(what)} ${i + 1}` },
    },
    el('div', { class: 'item-head' },
      el('button', {
        class: 'item-toggle', attrs: { type: 'button', 'aria-expanded': String(open), 'aria-controls': bodyId, 'data-focus-key': `${ik}#toggle` },
        on: { click: e => ctx.a.toggleItem(ik, (e.currentTarget as HTMLElement).getAttribute('aria-expanded') !== 'true') },
      },
      icon(open ? 'chevron-down' : 'chevron-right'),
      el('span', { class: 'item-title' }, `${cap(what)} ${i + 1}`),
      el('span', { class: 'item-summary' }, isObject ? itemSummary(item, input.fields) : '')),
      needs ? el('span', { class: 'item-badge', attrs: { title: 'This item has findings' } }, icon(worst(ctx.view.findings.filter(x => isUnder(x.key, ik))) === 'error' ? 'error' : 'warning')) : null,
      itemActions(path, i, n, false, `${what} ${i + 1}`, ik, ctx),
    ),
    findingList(ik, ctx),
    open ? el('div', { class: 'item-body', attrs: { id: bodyId } },
      isObject ? input.fields.map(sf => renderField(sf, ip, ctx)) : readonlyValue(item, ctx, 'This item is not a mapping.'),
    ) : null,
    );
  });
  return el('div', { key: `f:${key}`, class: fieldClasses(key, ctx, 'field-object-list') },
    ...fieldHead(f, key, yamlKey, undefined, ctx),
    invalid
      ? readonlyValue(doc, ctx, 'This is not a list here.')
      : el('div', { class: 'items', attrs: { role: 'list', 'aria-labelledby': domId('l', key) } },
        ...cards.map(c => { c.setAttribute('role', 'listitem'); return c; }),
        n === 0 ? el('div', { class: 'list-empty' }, ctx.view.editable ? `No ${what} yet.` : 'Empty.') : null),
    !invalid ? addButton(path, what, `[data-k="${CSS.escape(`oi:${pathKey([...path, n])}`)}"] [data-focus-key]:not(button)`, ctx) : null,
    findingList(key, ctx),
  );
}

// ---------------------------------------------------------------------------------------------
// Groups and the page
// ---------------------------------------------------------------------------------------------

function renderGroup(g: FormGroup, ctx: Ctx): HTMLElement {
  ctx.groupControl = g.control ?? '';
  const body = g.fields.map(f => renderField(f, [], ctx));
  ctx.groupControl = undefined;
  const keys = g.fields.map(f => pathKey(f.path));
  const own = ctx.view.findings.filter(fd => keys.some(k => isUnder(fd.key, k)));
  const c = counts(own);
  const heading = g.control ? `${g.control}  ${g.title}` : g.title;
  const description = g.annexGroup ? `${g.annexGroup.id} ${g.annexGroup.title}` : 'Identity, status and review dates';
  const badge = (sev: 'error' | 'warning' | 'info', n: number): HTMLElement | null => n
    ? el('span', { class: ['group-count', `count-${sev}`], attrs: { title: `${n} ${sev === 'info' ? 'suggestion' : sev}${n === 1 ? '' : 's'}` } }, icon(SEVERITY_ICON[sev]), String(n))
    : null;
  return el('vscode-collapsible', {
    key: `g:${g.id}`, class: ['group', own.length > 0 && 'attention'],
    props: { heading, description },
    init: { open: !ctx.ui.closedGroups.includes(g.id) },
    attrs: { 'data-group': g.id },
    on: { 'vsc-collapsible-toggle': e => ctx.a.toggleGroup(g.id, !!(e as CustomEvent<{ open: boolean }>).detail?.open) },
  },
  el('div', { class: 'group-decorations', attrs: { slot: 'decorations' } }, badge('error', c.error), badge('warning', c.warning), badge('info', c.info)),
  el('div', { class: 'group-body' }, ...body),
  );
}

function renderProblems(ctx: Ctx): HTMLElement | null {
  const { view } = ctx;
  if (!view.problems.length) return null;
  const blocking = !view.editable;
  return el('section', { key: 'problems', class: ['problems', blocking ? 'blocking' : 'notice'], attrs: { role: 'alert' } },
    icon(blocking ? 'error' : 'warning', 'problems-icon'),
    el('div', { class: 'problems-body' },
      el('p', { class: 'problems-title' }, blocking
        ? 'The form cannot edit this file until these problems are corrected in the text editor:'
        : 'The form cannot show this file as a record:'),
      el('ul', { class: 'problems-list' }, ...view.problems.map(p => el('li', null,
        el('button', { class: 'link-button', attrs: { type: 'button' }, on: { click: () => ctx.a.openText(p.start.line) } }, `Line ${p.start.line}`),
        ': ', p.message))),
      el('vscode-button', { props: { icon: 'go-to-file' }, attrs: { 'data-focus-key': '#open-text-problems' }, on: { click: () => ctx.a.openText(view.problems[0]?.start.line) } }, 'Open in text editor'),
    ),
  );
}

function renderUnknown(ctx: Ctx): HTMLElement | null {
  const { view } = ctx;
  if (!view.unknownPaths.length) return null;
  return el('section', { key: 'unknown', class: 'unknown' },
    el('h2', { class: 'section-title' }, icon('question'), 'Keys the record format does not define'),
    el('p', { class: 'section-hint' }, 'Shown read-only: rename or remove them in the text editor, or apply a fix below.'),
    ...view.unknownPaths.map(p => {
      const key = pathKey(p);
      return el('div', { key: `u:${key}`, class: fieldClasses(key, ctx, 'field-unknown') },
        el('div', { class: 'field-head' }, el('code', { class: 'unknown-key' }, key)),
        el('div', { class: 'readonly' }, el('code', { class: 'readonly-value' }, displayValue(valueAt(ctx.view.data, p)))),
        findingList(key, ctx),
      );
    }),
  );
}

function renderHeader(ctx: Ctx): HTMLElement {
  const { view } = ctx;
  const { data, model: m } = view;
  const title = (typeof data?.title === 'string' && data.title.trim()) || (typeof data?.id === 'string' && data.id) || view.file;
  return el('header', { key: 'header', class: 'form-header' },
    el('div', { class: 'title-row' },
      el('h1', { class: 'form-title' }, title),
      m ? el('span', { class: 'kind-chip' }, m.title) : null,
    ),
    m ? el('p', { class: 'form-description' }, ...withCode(m.description)) : null,
    el('div', { class: 'form-meta' },
      el('code', null, view.file),
      m && m.controls.length ? el('span', null, `Evidences ${m.controls.join(', ')}`) : null,
    ),
  );
}

function renderToolbar(ctx: Ctx): HTMLElement {
  const { view } = ctx;
  const c = counts(view.findings);
  const summary = countsText(c);
  // fields with an error while they are empty or missing: what the user has to write
  const missing = new Set(view.findings.filter(f => f.severity === 'error' && isBlank(valueAt(view.data, f.path))).map(f => f.key)).size;
  return el('div', { key: 'toolbar', class: 'form-toolbar' },
    el('span', { class: ['summary', c.error ? 'summary-error' : c.warning ? 'summary-warning' : 'summary-ok'], attrs: { role: 'status' } },
      icon(c.error ? 'error' : c.warning ? 'warning' : c.info ? 'info' : 'pass'),
      summary || 'No findings',
      missing ? el('span', { class: 'summary-missing' }, ` — ${missing} ${missing === 1 ? 'field' : 'fields'} to fill in`) : null),
    el('span', { class: 'spacer' }),
    el('vscode-checkbox', {
      class: 'only-gaps', props: { checked: ctx.ui.onlyGaps, label: 'Only fields that need attention' },
      attrs: { 'data-focus-key': '#only-gaps' },
      on: { change: e => ctx.a.setOnlyGaps(!!(e.currentTarget as { checked?: boolean }).checked) },
    }),
    el('vscode-button', {
      props: { secondary: true, icon: 'go-to-file' }, attrs: { title: 'Reopen this file in the text editor', 'data-focus-key': '#open-text' },
      on: { click: () => ctx.a.openText() },
    }, 'Open in text editor'),
  );
}

/** The whole page for a view. */
export function renderForm(ctx: Ctx): HTMLElement {
  const { view } = ctx;
  const groups = view.model && view.data ? view.model.groups.map(g => renderGroup(g, ctx)) : [];
  const unknown = view.model ? renderUnknown(ctx) : null;
  // what no field showed: findings on the record as a whole (and any the form has no place for)
  const rest = unplaced(view.findings, ctx.shown);
  const top = rest.length ? el('section', { key: 'record-findings', class: 'record-findings' },
    el('h2', { class: 'section-title' }, 'Findings on the record'),
    el('ul', { class: 'findings', attrs: { role: 'list' } }, ...rest.map(f => findingItem(f, ctx, true))),
  ) : null;
  return el('div', null,
    el('div', { key: 'root', class: ['form-root', !view.editable && 'readonly-form', ctx.ui.onlyGaps && 'only-gaps'] },
      renderHeader(ctx),
      renderToolbar(ctx),
      ctx.notice ? el('div', { key: 'notice', class: 'notice', attrs: { role: 'alert' } }, icon('warning'), el('span', null, ctx.notice)) : null,
      renderProblems(ctx),
      top,
      unknown,
      el('div', { key: 'groups', class: 'groups' }, ...groups),
      // "only fields that need attention" on a record without findings: say so rather than show nothing
      ctx.ui.onlyGaps && view.model && !view.findings.length
        ? el('p', { key: 'nothing', class: 'nothing-to-do', attrs: { role: 'status' } }, icon('pass'), 'Nothing needs attention: this record has no findings.')
        : null,
    ),
  );
}
