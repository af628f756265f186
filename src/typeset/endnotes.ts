import type {Element, ElementContent, Root} from 'hast';
import {h} from 'hastscript';
import {toString} from 'hast-util-to-string';
import type {Plugin} from 'unified';
import {SKIP, visit} from 'unist-util-visit';

export interface EndnotesOptions {
  /** BCP 47 language of the article: picks the heading of the list. */
  lang?: string;
}

/** "Sources" in the languages whose quotation marks Pamphlet knows; English otherwise. */
const HEADINGS: Readonly<Record<string, string>> = {
  de: 'Quellen',
  en: 'Sources',
  es: 'Fuentes',
  fr: 'Sources',
  it: 'Fonti',
  nl: 'Bronnen',
  pl: 'Źródła',
  sv: 'Källor',
};

/** Links a reader could type: the web and e-mail. Anchors (#…) and relative links point nowhere on paper. */
const PRINTABLE_LINK = /^(?:https?:|mailto:)/i;

/** A link whose text is its own address ("example.org/guide") prints the address already. */
function isBareUrl(text: string, href: string): boolean {
  const strip = (value: string) => value.trim().replace(/\u00ad/g, '').replace(/^(?:https?:\/\/|mailto:)/i, '').replace(/^www\./i, '').replace(/\/$/, '').toLowerCase();
  return strip(text) === strip(href);
}

/**
 * A printed page cannot be clicked: every body link to the web gets a superscript number,
 * and a "Sources" list at the end of the body gives each number its full address. The same
 * address cited twice keeps its first number. Links whose text is the address itself get no
 * number. Print only: an EPUB keeps its links.
 */
export const rehypeEndnotes: Plugin<[EndnotesOptions?], Root> = function (options = {}) {
  const heading = HEADINGS[options.lang?.toLowerCase().split('-')[0] ?? 'en'] ?? 'Sources';
  return (tree: Root) => {
    const numbers = new Map<string, number>();
    visit(tree, 'element', (element: Element, index, parent) => {
      if (element.tagName !== 'a' || parent === undefined || index === undefined) return;
      const href = String(element.properties['href'] ?? '');
      if (!PRINTABLE_LINK.test(href) || isBareUrl(toString(element), href)) return SKIP;
      let number = numbers.get(href);
      if (number === undefined) {
        number = numbers.size + 1;
        numbers.set(href, number);
      }
      // A plain number: ids would collide when a collection prints several articles in one document.
      const reference = h('sup.endnote-ref', String(number));
      parent.children.splice(index + 1, 0, reference);
      // The reference goes right after the link; carry on after it.
      return [SKIP, index + 2];
    });
    if (numbers.size === 0) return;
    const items: ElementContent[] = [...numbers.keys()].map((href) => h('li', [h('a.url', {href}, href.replace(/^mailto:/i, ''))]));
    tree.children.push(h('section.endnotes', {role: 'doc-endnotes'}, [h('h2', heading), h('ol', items)]));
  };
};
