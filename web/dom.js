// storydiff page — building DOM without HTML strings.
//
// Every document's text, file name and title is untrusted. It only ever reaches the page as a
// text node (createTextNode / textContent), through h() below. Nothing in the page assigns
// innerHTML, outerHTML or insertAdjacentHTML, and the Content-Security-Policy's Trusted Types
// requirement makes the browser refuse it if anything ever tried.

// Attributes h() sets; event-handler attributes, style and anything else are refused.
const ATTRIBUTES = new Set([
  'id', 'role', 'tabindex', 'title', 'type', 'name', 'value', 'for', 'colspan', 'scope', 'href', 'download',
  'label', 'lang', 'dir', 'min', 'max', 'step', 'accept', 'placeholder', 'rows', 'spellcheck', 'autocomplete',
]);

/**
 * Creates an element. props: `class`, `text`, `dataset` {…}, `on` {event: handler}, `hidden`,
 * `disabled`, `checked`, any `aria-*` and the ATTRIBUTES above. Children: nodes, strings (as
 * text), arrays of them; null and false are skipped.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'dataset') {
      for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) el.dataset[k] = String(v);
    } else if (key === 'on') {
      for (const [event, handler] of Object.entries(value)) el.addEventListener(event, handler);
    } else if (key === 'hidden' || key === 'disabled' || key === 'checked' || key === 'selected') el[key] = !!value;
    else if (key === 'href') {
      // Only links inside the page or to blob: downloads the page made.
      const href = String(value);
      if (!href.startsWith('#') && !href.startsWith('blob:')) throw new Error(`refusing href ${href}`);
      el.setAttribute('href', href);
    } else if (key.startsWith('aria-') || ATTRIBUTES.has(key)) el.setAttribute(key, value === true ? '' : String(value));
    else throw new Error(`h(): unsupported property ${key}`);
  }
  append(el, children);
  return el;
}

/** Appends children (nodes, strings as text, arrays; skips null/false). */
export function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
  return el;
}

/** Removes every child. */
export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** Replaces the children. */
export function replace(el, ...children) {
  clear(el);
  return append(el, children);
}

/** Human-readable size. */
export function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Percent with no decimals. */
export function percent(x) {
  return `${Math.round(x * 100)}%`;
}
