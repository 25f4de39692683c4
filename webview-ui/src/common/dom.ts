// A small element builder. Record values reach the page only as text nodes and attribute values,
// never as HTML: there is no innerHTML anywhere in the webviews.
export type Child = Node | string | number | null | undefined | false | Child[];
export interface Props {
  class?: string | (string | false | null | undefined)[];
  /** Attributes, set with setAttribute (values are text). `true` sets an empty attribute; false/null/undefined leave it out. */
  attrs?: Record<string, string | number | boolean | null | undefined>;
  /** Properties set on the element (for custom elements: value, checked, options, …). */
  props?: Record<string, unknown>;
  /** Event listeners. */
  on?: Record<string, (e: Event) => void>;
  dataset?: Record<string, string>;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]): HTMLElementTagNameMap[K];
export function h(tag: string, props?: Props | null, ...children: Child[]): HTMLElement;
export function h(tag: string, props?: Props | null, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  if (props) {
    const cls = Array.isArray(props.class) ? props.class.filter(Boolean).join(' ') : props.class;
    if (cls) el.className = cls;
    for (const [k, v] of Object.entries(props.attrs ?? {})) {
      if (v === false || v === null || v === undefined) continue;
      el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const [k, v] of Object.entries(props.props ?? {})) (el as unknown as Record<string, unknown>)[k] = v;
    for (const [k, fn] of Object.entries(props.on ?? {})) el.addEventListener(k, fn);
    for (const [k, v] of Object.entries(props.dataset ?? {})) el.dataset[k] = v;
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else parent.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** Replaces the children of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}
