import type {Root} from 'hast';
import type {Plugin} from 'unified';
import {visit} from 'unist-util-visit';
import {hasPhrase, wordsOfNames} from './class-words.js';

/** The class a pull quote carries through Readability, which deletes every <aside>. */
const CARRIED_CLASS = 'pamphlet-pullquote';

function isPullQuoteName(words: readonly string[]): boolean {
  return words.includes('pullquote') || hasPhrase(words, 'pull quote');
}

/**
 * Before Readability: turn each pull quote (an <aside>, <div> or <figure> classed as one)
 * into a <blockquote> that Readability keeps, marked so that `rehypePullQuotes` can turn it
 * back. Works on the page's DOM, the only place this can happen in time.
 */
export function carryPullQuotes(document: Document): void {
  for (const element of document.querySelectorAll('aside, div, figure, blockquote, p')) {
    const words = wordsOfNames(`${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`);
    if (!isPullQuoteName(words) || !element.textContent?.trim()) continue;
    const quote = document.createElement('blockquote');
    quote.setAttribute('class', CARRIED_CLASS);
    quote.textContent = element.textContent.replace(/\s+/g, ' ').trim();
    element.replaceWith(quote);
  }
}

/**
 * After Readability: a carried pull quote becomes `<aside class="pullquote">`, which the
 * template sets apart from the text it repeats (it is a design element, not a second copy
 * of a paragraph).
 */
export const rehypePullQuotes: Plugin<[], Root> = function () {
  return (tree: Root) => {
    visit(tree, 'element', (element) => {
      const className = element.properties['className'];
      if (element.tagName !== 'blockquote' || !Array.isArray(className) || !className.includes(CARRIED_CLASS)) return;
      element.tagName = 'aside';
      element.properties = {className: ['pullquote']};
    });
  };
};
