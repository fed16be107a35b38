/**
 * Small DOM helpers: typed element look-up by id, element creation (so the panels never deal
 * with `null` from `getElementById`) and the layout box of an element that may be hidden.
 */

/**
 * The element with `id`, checked to be an instance of `type`.
 * Throws when the page lacks it: index.html and the panels are out of step.
 */
export function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) {
    throw new Error(`index.html has no <${type.name}> with id "${id}"`);
  }
  return element;
}

/** Creates an element with a class name and text content. */
export function createElement<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text = '',
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (className !== '') element.className = className;
  if (text !== '') element.textContent = text;
  return element;
}

/**
 * The element's box in viewport CSS pixels as it is laid out when shown: a `hidden` element
 * is laid out invisibly for the measurement and hidden again before anything is painted.
 */
export function layoutBox(element: HTMLElement): DOMRect {
  if (!element.hidden) return element.getBoundingClientRect();
  const visibility = element.style.visibility;
  element.style.visibility = 'hidden';
  element.hidden = false;
  const box = element.getBoundingClientRect();
  element.hidden = true;
  element.style.visibility = visibility;
  return box;
}
