// Updating the form in place. Every view is built as a fresh element tree (el(), on top of the shared
// h(): values only as text nodes, attributes and properties) and then merged into the live page by
// morph(): elements with the same key (data-k) and tag are kept and only their attributes,
// properties and children are brought up to date. Kept elements keep focus, caret and selection,
// the open state of collapsibles and the scroll position, so a view that arrives while the user types
// (after their own edit, a lint run or a change in the text editor) never disturbs the typing.
// Event handlers are brought up to date too: a kept element calls the handler of the latest view,
// never one that captured an older view (an "Add item" button built when the list had 5 items must
// not focus item 5 once the list has 7).
import { h, type Child, type Props } from '../common/dom';

export interface ElProps extends Props {
  /** Identity among the siblings; elements with the same key are the same thing from view to view. */
  key?: string;
  /** Properties set only when the element is created (state the user then owns: open, …). */
  init?: Record<string, unknown>;
  /** A signature of content the element reads only once (e.g. a select's options): a different one replaces the element. */
  sig?: string;
}

type Handlers = Record<string, (e: Event) => void>;
interface Managed { attrs: string[]; props: Record<string, unknown>; sig?: string; on: Handlers }

const managed = new WeakMap<Element, Managed>();

/** Properties whose live value the user changes (inputs): kept when the element has focus, handled by `onValue`. */
const VALUE_PROPS = new Set(['value']);

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props?: ElProps | null, ...children: Child[]): HTMLElementTagNameMap[K];
export function el(tag: string, props?: ElProps | null, ...children: Child[]): HTMLElement;
export function el(tag: string, props?: ElProps | null, ...children: Child[]): HTMLElement {
  const { key, init, sig, on, ...rest } = props ?? {};
  const e = h(tag, rest, ...children);
  if (key !== undefined) e.setAttribute('data-k', key);
  // one listener per event type, calling the handler of whatever view the element now shows
  for (const type of Object.keys(on ?? {})) e.addEventListener(type, ev => managed.get(e)?.on[type]?.(ev));
  // before it is connected an element has exactly the attributes set here: those are ours to keep in
  // sync (taken before `init`, whose reflected attributes belong to the user from then on)
  managed.set(e, { attrs: e.getAttributeNames(), props: rest.props ?? {}, sig, on: { ...on } });
  if (init) for (const [k, v] of Object.entries(init)) (e as unknown as Record<string, unknown>)[k] = v;
  return e;
}

const keyOf = (n: Node): string | undefined => (n instanceof Element ? n.getAttribute('data-k') ?? undefined : undefined);

function compatible(a: Node, b: Node): boolean {
  if (a.nodeType !== b.nodeType) return false;
  if (!(a instanceof Element) || !(b instanceof Element)) return true;
  if (a.tagName !== b.tagName || keyOf(a) !== keyOf(b) || managed.get(a)?.sig !== managed.get(b)?.sig) return false;
  // the kept element has listeners for the event types it was built with: a view with others replaces it
  const oa = Object.keys(managed.get(a)?.on ?? {}).sort().join();
  return oa === Object.keys(managed.get(b)?.on ?? {}).sort().join();
}

function sameProp(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
    try { return JSON.stringify(a) === JSON.stringify(b); } catch { return false; }
  }
  return false;
}

export interface MorphHooks {
  /** Sets a changed `value` on a kept element (to keep the caret of a focused input). */
  onValue(element: HTMLElement, value: unknown): void;
}

function patch(old: Node, nu: Node, hooks: MorphHooks): void {
  if (!compatible(old, nu)) { old.parentNode?.replaceChild(nu, old); return; }
  if (!(old instanceof Element) || !(nu instanceof Element)) {
    if (old.nodeValue !== nu.nodeValue) old.nodeValue = nu.nodeValue;
    return;
  }
  const mo = managed.get(old) ?? { attrs: [], props: {}, on: {} };
  const mn = managed.get(nu) ?? { attrs: [], props: {}, on: {} };
  for (const name of mn.attrs) {
    const v = nu.getAttribute(name);
    if (v !== null && old.getAttribute(name) !== v) old.setAttribute(name, v);
  }
  for (const name of mo.attrs) if (!mn.attrs.includes(name)) old.removeAttribute(name);
  const target = old as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(mn.props)) {
    if (sameProp(target[k], v)) continue;
    if (VALUE_PROPS.has(k)) hooks.onValue(old as HTMLElement, v);
    else target[k] = v;
  }
  managed.set(old, mn);
  patchChildren(old, nu, hooks);
}

function patchChildren(old: Element, nu: Element, hooks: MorphHooks): void {
  const oldKids = [...old.childNodes];
  const newKids = [...nu.childNodes];
  const byKey = new Map<string, Node>();
  for (const o of oldKids) { const k = keyOf(o); if (k !== undefined && !byKey.has(k)) byKey.set(k, o); }
  const used = new Set<Node>();
  const pairs: [Node | undefined, Node][] = [];
  let oi = 0;
  for (const n of newKids) {
    const k = keyOf(n);
    let m: Node | undefined;
    if (k !== undefined) {
      const o = byKey.get(k);
      if (o && !used.has(o) && compatible(o, n)) m = o;
    } else {
      while (oi < oldKids.length && (keyOf(oldKids[oi]) !== undefined || used.has(oldKids[oi]))) oi++;
      if (oi < oldKids.length && compatible(oldKids[oi], n)) m = oldKids[oi++];
    }
    if (m) used.add(m);
    pairs.push([m, n]);
  }
  // drop what is gone first, so that kept elements need no move (a moved element loses focus)
  for (const o of oldKids) if (!used.has(o)) old.removeChild(o);
  pairs.forEach(([m, n], i) => {
    const node = m ?? n;
    const at = old.childNodes[i];
    if (at !== node) old.insertBefore(node, at ?? null);
  });
  for (const [m, n] of pairs) if (m) patch(m, n, hooks);
}

/** Makes the children of `root` those of `next` (a detached element built with el()), keeping what it can. */
export function morph(root: Element, next: Element, hooks: MorphHooks): void {
  patchChildren(root, next, hooks);
}
