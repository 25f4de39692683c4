// The record form page (custom editor aims.recordForm). It renders the views the extension posts
// (protocol.ts) and sends form changes back; the extension turns them into minimal text edits of the
// document. Typing is written ~250 ms after the last keystroke, or at once on change / blur / Enter;
// until the document shows it, the input keeps what was typed (logic.ts: EditBuffer).
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { ScalarInput } from '../../../src/core/form';
import { pathKey, sameValue, valueAt, valueFromInput } from '../../../src/core/form-values';
import type { Path } from '../../../src/core/model';
import { channel } from '../common/vscode';
import { byKey, EditBuffer } from './logic';
import { morph, type MorphHooks } from './morph';
import type { ExtensionToForm, FormToExtension, FormView } from './protocol';
import { CREATE_NEW, renderForm, setCurrentData, type Actions, type Ctx, type UiState } from './render';

const DEBOUNCE_MS = 250;

const vscode = channel<FormToExtension, UiState>();
const root = document.getElementById('app') as HTMLElement;
const buffer = new EditBuffer();
const timers = new Map<string, ReturnType<typeof setTimeout>>();
const inputs = new Map<string, { path: Path; input: ScalarInput }>();
let view: FormView | undefined;
let notice: string | undefined;
let focusIntent: { selector: string; until: number } | undefined;

function loadUi(): UiState {
  const s = vscode.getState() as Partial<UiState> | undefined;
  return {
    closedGroups: Array.isArray(s?.closedGroups) ? s.closedGroups.filter(x => typeof x === 'string') : [],
    items: s?.items && typeof s.items === 'object' ? { ...s.items } : {},
    onlyGaps: s?.onlyGaps === true,
  };
}
let ui = loadUi();
const saveUi = (): void => vscode.setState(ui);

setCurrentData(() => view?.data);

const post = (m: FormToExtension): void => vscode.post(m);

function edit(change: Extract<FormToExtension, { type: 'edit' }>['change']): void {
  if (!view?.editable) return;
  notice = undefined;
  post({ type: 'edit', version: view.version, change });
}

/** Writes every input with typed text now (before a structural change or a save). */
function flushAll(): void {
  for (const key of buffer.keys()) if (buffer.isDirty(key)) actions.commit(key);
}

function focusLater(selector: string): void {
  focusIntent = { selector, until: Date.now() + 3000 };
}

const actions: Actions = {
  typed(key, path, input, raw) {
    if (!view?.editable) return;
    inputs.set(key, { path, input });
    buffer.typed(key, raw);
    clearTimeout(timers.get(key));
    // a pause after a space is not the end of the text: written on the next pause, on change or on blur
    // (else "Form " would be written quoted, and a value keeps its quotes from then on)
    timers.set(key, setTimeout(() => { if (!/\s$/.test(raw)) actions.commit(key); }, DEBOUNCE_MS));
  },
  commit(key) {
    clearTimeout(timers.get(key));
    timers.delete(key);
    const meta = inputs.get(key);
    if (!meta || !view) return;
    const raw = buffer.take(key);
    if (raw === undefined) return;
    const value = valueFromInput(meta.input, raw);
    const cur = valueAt(view.data, meta.path);
    // nothing to write: the same value, or an empty input where the file has no key
    if (sameValue(value, cur) || ((cur === undefined || cur === null) && (value === '' || value === null))) { buffer.settle(key); return; }
    edit({ type: 'set', path: meta.path, value });
  },
  picked(key, path, input, raw) {
    if (raw === CREATE_NEW) {
      if (input.type === 'ref' && view?.editable) post({ type: 'createRecord', path, kinds: [...input.kinds] });
      render(); // the select shows the current value again
      return;
    }
    actions.typed(key, path, input, raw);
    actions.commit(key);
  },
  addItem(listPath, focus, index) {
    flushAll();
    edit(index === undefined ? { type: 'add-item', path: listPath } : { type: 'add-item', path: listPath, index });
    focusLater(focus);
  },
  removeItem(listPath, index, single, focus) {
    flushAll();
    const list = valueAt(view?.data, listPath);
    const n = Array.isArray(list) ? list.length : 1;
    edit(single ? { type: 'set', path: listPath, value: [] } : { type: 'remove-item', path: listPath, index });
    const next = n - 1;
    if (focus) return;
    focusLater(next > 0
      ? `[data-focus-key="${CSS.escape(`${pathKey([...listPath, Math.min(index, next - 1)])}#remove`)}"]`
      : `[data-focus-key="${CSS.escape(`${pathKey(listPath)}#add`)}"]`);
  },
  addChoice(listPath, value) {
    flushAll();
    edit({ type: 'add-item', path: listPath, value });
  },
  moveItem(listPath, from, to, focus = 'button') {
    const list = valueAt(view?.data, listPath);
    if (!Array.isArray(list) || to < 0 || to >= list.length || from === to) return;
    flushAll();
    edit({ type: 'move-item', path: listPath, from, to });
    // the focus follows the item; at an end of the list, onto the button that still works
    const dir = to < from ? 'up' : 'down';
    const button = dir === 'up' && to === 0 ? 'down' : dir === 'down' && to === list.length - 1 ? 'up' : dir;
    focusLater(`[data-focus-key="${CSS.escape(focus === 'input' ? pathKey([...listPath, to]) : `${pathKey([...listPath, to])}#${button}`)}"]`);
  },
  applyFix(finding, title) {
    flushAll();
    post({ type: 'applyFix', ruleId: finding.ruleId, key: finding.key, title });
    // a fix that inserts a field: the focus goes into it once it shows
    const into = finding.fixes.find(x => x.title === title)?.focus;
    // (a list: its Add button)
    if (into !== undefined) focusLater(`[data-focus-key="${CSS.escape(into)}"], [data-focus-key="${CSS.escape(`${into}#add`)}"]`);
  },
  showDocs(ruleId) { post({ type: 'showRuleDocs', ruleId }); },
  openText(line) {
    flushAll();
    post(line !== undefined && line >= 1 ? { type: 'openText', line } : { type: 'openText' });
  },
  openRecord(id) { post({ type: 'openRecord', id }); },
  toggleGroup(id, open) {
    const closed = new Set(ui.closedGroups);
    if (open) closed.delete(id); else closed.add(id);
    ui = { ...ui, closedGroups: [...closed] };
    saveUi();
  },
  toggleItem(key, open) {
    ui = { ...ui, items: { ...ui.items, [key]: open } };
    saveUi();
    render();
  },
  setOnlyGaps(on) {
    ui = { ...ui, onlyGaps: on };
    saveUi();
    render();
  },
  focusById(id) {
    const t = document.getElementById(id);
    if (t) void focusElement(t);
  },
};

/**
 * Focuses `t` with the caret at the end of its text and nothing selected. (A web component that
 * delegates its focus selects the whole text of its input, as a Tab into it would: the next keystroke
 * would replace an entry the user did not mean to edit.)
 */
async function focusElement(t: HTMLElement): Promise<void> {
  await (t as unknown as { updateComplete?: Promise<unknown> }).updateComplete;
  t.focus();
  const inner = (t as unknown as { wrappedElement?: HTMLInputElement | HTMLTextAreaElement | null }).wrappedElement;
  try { if (inner && typeof inner.selectionStart === 'number') inner.setSelectionRange(inner.value.length, inner.value.length); } catch { /* no text selection */ }
  t.scrollIntoView({ block: 'nearest' });
}

// ---- focus: the field being edited, and coming back to the form ----

const CALM = 'data-calm';
/**
 * The finding links and fix buttons under the field that has the focus leave the Tab order, so that
 * Tab goes on to the next field (a finding can disappear as the field is filled in, and a space typed
 * on its link would open the rule page). They are reached with Shift+Tab from the next field, and by
 * Tab from anywhere else.
 */
function calmFindings(): void {
  const a = document.activeElement as HTMLElement | null;
  const field = a && a !== document.body && !a.closest('.findings') ? a.closest<HTMLElement>('.list-item, .field') : null;
  const own = new Set<HTMLElement>(field ? field.querySelectorAll<HTMLElement>(':scope > .findings button, :scope > .findings vscode-button') : []);
  for (const b of root.querySelectorAll<HTMLElement>(`[${CALM}]`)) if (!own.has(b)) { b.removeAttribute(CALM); b.tabIndex = 0; }
  for (const b of own) if (!b.hasAttribute(CALM)) { b.setAttribute(CALM, ''); b.tabIndex = -1; }
}

/** The last element of the form that had the focus: it gets it back when the form's tab does. */
let lastFocus: string | undefined;
document.addEventListener('focusin', () => {
  lastFocus = focusedKey() ?? lastFocus;
  calmFindings();
});
window.addEventListener('focus', () => {
  // after the click that may have brought the focus back (into another field: that one keeps it)
  requestAnimationFrame(() => {
    if (document.activeElement && document.activeElement !== document.body) return;
    const t = lastFocus ? root.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(lastFocus)}"]`) : null;
    if (t) void focusElement(t);
  });
});

/** The key of the element that has the focus (a web component host when the focus is inside it). */
function focusedKey(): string | undefined {
  const a = document.activeElement;
  return a instanceof HTMLElement ? a.closest('[data-focus-key]')?.getAttribute('data-focus-key') ?? undefined : undefined;
}

const hooks: MorphHooks = {
  // a changed value on a kept input: keep the caret of a focused one where it was (within the new text)
  onValue(element, value) {
    const target = element as unknown as { value: unknown; wrappedElement?: HTMLInputElement | HTMLTextAreaElement | null; updateComplete?: Promise<unknown> };
    const inner = document.activeElement === element ? target.wrappedElement : undefined;
    let sel: [number, number] | undefined;
    try { if (inner && inner.selectionStart !== null) sel = [inner.selectionStart, inner.selectionEnd ?? inner.selectionStart]; } catch { /* no selection (date) */ }
    target.value = value;
    if (sel && inner) {
      const len = String(value).length;
      void target.updateComplete?.then(() => { try { inner.setSelectionRange(Math.min(sel[0], len), Math.min(sel[1], len)); } catch { /* gone */ } });
    }
  },
};

function render(): void {
  if (!view) return;
  const ctx: Ctx = { view, byKey: byKey(view.findings), shown: new Set(), buffer, ui, a: actions, notice };
  const active = focusedKey();
  morph(root, renderForm(ctx), hooks);
  root.setAttribute('aria-busy', 'false');
  calmFindings();
  // an item toolbar whose Tab stop became disabled (an item moved to the top): back to its remove button
  for (const bar of root.querySelectorAll<HTMLElement>('.item-actions')) {
    if (bar.querySelector('button[tabindex="0"]:not(:disabled)')) continue;
    for (const b of bar.querySelectorAll<HTMLButtonElement>('button')) b.tabIndex = b.dataset.focusKey?.endsWith('#remove') ? 0 : -1;
  }
  // an element that had to be replaced: give the focus to its successor
  if (active && (!document.activeElement || document.activeElement === document.body)) {
    const again = root.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(active)}"]`);
    if (again) void focusElement(again);
  }
  if (focusIntent) {
    const t = root.querySelector<HTMLElement>(focusIntent.selector);
    if (t && !(t as HTMLButtonElement).disabled) { focusIntent = undefined; void focusElement(t); } else if (Date.now() > focusIntent.until) focusIntent = undefined;
  }
}

vscode.onMessage<ExtensionToForm | undefined>(m => {
  if (!m || typeof m !== 'object') return;
  switch (m.type) {
    case 'state':
      view = m.view;
      render();
      break;
    case 'editFailed':
      if (m.key && buffer.keys().includes(m.key)) buffer.failed(m.key, m.message);
      else notice = m.message;
      render();
      break;
    case 'focus':
      focusLater(`[data-focus-key="${CSS.escape(m.key)}"]`);
      render();
      break;
  }
});

// Ctrl+Z on an input with text not yet written takes back that typing (as in any text field); with
// nothing pending, it goes on to the workbench: undo of the document (the custom editor's undo).
// Ctrl+S writes pending typing first, then saves.
document.addEventListener('keydown', e => {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
  const k = e.key.toLowerCase();
  if (k === 'z' && !e.shiftKey) {
    const key = focusedKey();
    if (key && buffer.isDirty(key)) {
      e.preventDefault();
      e.stopPropagation();
      clearTimeout(timers.get(key));
      buffer.settle(key);
      render();
    }
  } else if (k === 's' && buffer.keys().some(x => buffer.isDirty(x))) {
    e.preventDefault();
    e.stopPropagation();
    flushAll();
    post({ type: 'save' });
  }
}, true);

// the page loses the focus (another editor, another window): write what was typed
window.addEventListener('blur', flushAll);

post({ type: 'ready' });
