/**
 * The only way webview code builds DOM: `createElement`, `setAttribute` and text nodes. Nothing
 * is ever parsed as HTML, so a GitHub title or a note is always text. Event handler attributes,
 * inline styles (the CSP blocks them anyway) and script URLs are refused outright.
 */
export type Child = Node | string | number | null | undefined | false;
export type AttrValue = string | number | boolean | null | undefined;
export type Attrs = Readonly<Record<string, AttrValue>>;

const ATTRIBUTE_NAME = /^[a-zA-Z][a-zA-Z0-9_.:-]*$/;
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'data', 'srcset', 'ping', 'background', 'cite']);
const FORBIDDEN_TAGS = new Set(['script', 'iframe', 'frame', 'object', 'embed', 'style', 'link', 'meta', 'base']);

/** Throws when `name="value"` could run code or load a page; otherwise does nothing. */
export function checkAttribute(name: string, value: string): void {
  const lower = name.toLowerCase();
  if (!ATTRIBUTE_NAME.test(name)) throw new Error(`Refused attribute name ${JSON.stringify(name)}`);
  if (lower.startsWith('on')) throw new Error(`Refused event handler attribute ${name}: use addEventListener`);
  if (lower === 'style' || lower === 'srcdoc') throw new Error(`Refused attribute ${name}`);
  if (URL_ATTRIBUTES.has(lower)) {
    // Browsers ignore whitespace and control characters inside a scheme: `java\tscript:` runs.
    const compact = [...value].filter((c) => c.charCodeAt(0) > 0x20 && (c.charCodeAt(0) < 0x7f || c.charCodeAt(0) > 0x9f)).join('').toLowerCase();
    if (/^(javascript|vbscript|data):/.test(compact)) throw new Error(`Refused ${name} with a script or data URL`);
  }
}

export function checkTag(tag: string): void {
  if (!/^[a-z][a-z0-9-]*$/.test(tag) || FORBIDDEN_TAGS.has(tag)) throw new Error(`Refused element <${tag}>`);
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K];
export function h(tag: string, attrs?: Attrs | null, ...children: Child[]): HTMLElement;
export function h(tag: string, attrs?: Attrs | null, ...children: Child[]): HTMLElement {
  checkTag(tag);
  const el = document.createElement(tag);
  if (attrs) {
    for (const name of Object.keys(attrs)) {
      const value = attrs[name];
      if (value === undefined || value === null || value === false) continue;
      const text = value === true ? '' : String(value);
      checkAttribute(name, text);
      el.setAttribute(name, text);
    }
  }
  append(el, children);
  return el;
}

/** `setAttribute` under the same policy as `h`. */
export function setAttr(el: Element, name: string, value: string): void {
  checkAttribute(name, value);
  el.setAttribute(name, value);
}

/** Appends children; strings and numbers become text nodes. */
export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Sets an element's text (never its HTML). */
export function setText(el: Element, text: string): void {
  el.textContent = text;
}

/** A codicon glyph; decorative unless `label` is given. */
export function codicon(name: string, label?: string, extraClass = ''): HTMLElement {
  const attrs: Record<string, AttrValue> = { class: `codicon codicon-${name} ${extraClass}`.trim() };
  if (label === undefined) attrs['aria-hidden'] = 'true';
  else {
    attrs.role = 'img';
    attrs['aria-label'] = label;
    attrs.title = label;
  }
  return h('span', attrs);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing`);
  return el as T;
}

/** Shows the page's `#notice` with a host's error message (as text). */
export function showErrorNotice(message: string): void {
  const notice = byId('notice');
  notice.hidden = false;
  notice.querySelector('.notice-text')!.textContent = message;
}
