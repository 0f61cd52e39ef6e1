/**
 * The one way the app makes elements. Text goes in as Text nodes, never as markup, so nothing the
 * host, the agent or the relay sends can become HTML. Attributes are set one by one, and the two
 * kinds that could run code or defeat the CSP (`on*` handlers, `style`) are refused outright.
 */

export type Child = Node | string | null | undefined | false;

export interface Props {
  readonly class?: string;
  readonly attrs?: Readonly<Record<string, string>>;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: readonly Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class !== undefined) node.className = props.class;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (/^on|^style$|^srcdoc$/iu.test(name)) throw new Error(`el(): the ${name} attribute is not allowed`);
    node.setAttribute(name, value);
  }
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Replaces every child of `parent`. */
export function replaceChildren(parent: Element, ...children: readonly Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/** A button that runs `action` on click; type=button so it never submits anything. */
export function button(label: string, className: string, action: () => void): HTMLButtonElement {
  const node = el('button', { class: className, attrs: { type: 'button' } }, label);
  node.addEventListener('click', action);
  return node;
}
