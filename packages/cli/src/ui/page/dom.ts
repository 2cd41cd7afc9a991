/** A child of {@link h}: strings become text nodes (never HTML), `null`/`false` are skipped. */
export type Child = Node | string | number | null | undefined | false;

/** Attributes and listeners of {@link h}; `on` maps event names to listeners. */
export interface Props {
  [attribute: string]: string | number | boolean | null | undefined | Record<string, EventListener>;
  on?: Record<string, EventListener>;
}

/**
 * Creates an element. Every string a provider sent goes through here as a text node or an attribute value, so
 * nothing it contains is ever parsed as HTML; the page has no `innerHTML` anywhere.
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  setProps(element, props);
  append(element, children);
  return element;
}

const SVG = "http://www.w3.org/2000/svg";

/** An SVG element, as {@link h}. */
export function svg(tag: string, props: Props = {}, ...children: Child[]): SVGElement {
  const element = document.createElementNS(SVG, tag);
  setProps(element, props);
  append(element, children);
  return element;
}

function setProps(element: Element, props: Props): void {
  for (const [name, value] of Object.entries(props)) {
    if (name === "on") {
      for (const [event, listener] of Object.entries(value as Record<string, EventListener>)) element.addEventListener(event, listener);
    } else if (value === true) element.setAttribute(name, "");
    else if (value !== false && value !== null && value !== undefined) element.setAttribute(name, String(value));
  }
}

function append(element: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === "number" ? String(child) : child);
  }
}

/** Replaces an element's children. */
export function replace(element: Element, ...children: Child[]): void {
  element.replaceChildren();
  append(element, children);
}
