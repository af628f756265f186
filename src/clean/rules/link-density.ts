import type {Element, Root} from 'hast';
import {toString} from 'hast-util-to-string';
import {visit} from 'unist-util-visit';

/**
 * Link text that is itself an address ("www.example.org/report", "@handle", an e-mail):
 * printed, it still tells the reader where to look, so it counts as text, not as a link.
 */
const PRINTED_ADDRESS = /^(?:https?:\/\/\S+|www\.\S+|@\w{2,}|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)$/i;

/** Share of an element's visible text that sits inside links to other pages (0 when it has no text). */
export function linkDensity(element: Element): number {
  const text = toString(element).replace(/\s+/g, '');
  return text.length === 0 ? 0 : linkedLength(element) / text.length;
}

/** How much of a node's text is prose, not link text: what a guard against removing the article should weigh. */
export function proseLength(node: Element | Root): number {
  return toString(node).replace(/\s+/g, '').length - linkedLength(node);
}

function linkedLength(element: Element | Root): number {
  let linked = 0;
  visit(element, 'element', (child) => {
    // An in-page anchor ("#section") is a heading's own link, not a way off the page.
    const href = child.properties['href'];
    if (child.tagName !== 'a' || typeof href !== 'string' || href.startsWith('#')) return;
    const label = toString(child).trim();
    if (!PRINTED_ADDRESS.test(label)) linked += label.replace(/\s+/g, '').length;
    return 'skip';
  });
  return linked;
}
