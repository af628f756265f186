import type {Element, ElementContent, Root} from 'hast';
import {toText} from 'hast-util-to-text';
import {selectAll} from 'hast-util-select';
import type {Plugin} from 'unified';
import {SKIP, visit} from 'unist-util-visit';
import type {VFile} from 'vfile';
import {classWords, hasPhrase} from './class-words.js';
import {proseLength} from './link-density.js';

/**
 * Class and id words that publishers give the page furniture Readability lets through:
 * navigation, share bars, related-link rails, newsletter and donation appeals, comment and
 * author boxes, gallery controls, bylines and timestamps (the template prints its own).
 */
const CHROME_WORDS = new Set([
  'share', 'sharing', 'sharebar', 'social', 'related', 'recommended', 'recommendations', 'recirc', 'recirculation',
  'outbrain', 'taboola', 'trending', 'popular', 'mostread', 'newsletter', 'newsletters', 'signup', 'subscribe',
  'subscription', 'donate', 'donation', 'paywall', 'regwall', 'promo', 'promotion', 'teaser', 'cta', 'ad', 'ads',
  'advert', 'advertisement', 'advertising', 'sponsor', 'sponsored', 'dfp', 'cookie', 'cookies', 'gdpr', 'consent',
  'comment', 'comments', 'disqus', 'replies', 'tags', 'breadcrumb', 'breadcrumbs', 'toolbar', 'nav', 'navbar',
  'navigation', 'menu', 'submenu', 'sidebar', 'rail', 'widget', 'widgets', 'byline', 'timestamp', 'meta',
  'masthead', 'header', 'footer', 'pagination', 'pager', 'counter', 'controls', 'login', 'signin', 'modal', 'popup',
  'overlay', 'slider', 'carousel', 'swiper',
]);

const CHROME_PHRASES = [
  'read more', 'more stories', 'more from', 'see also', 'also read', 'most read', 'most popular', 'you may like', 'sign up',
  'follow us', 'author bio', 'author info', 'author box', 'about author', 'about the author', 'skip link', 'control panel',
  'gallery count',
];

/** Elements that are page structure around an article, never part of it. */
const CHROME_TAGS = new Set(['nav', 'footer', 'header', 'aside', 'form', 'button', 'dialog']);

/**
 * A block holding this share of the body's text is the article itself, whatever its class
 * says ("article-body share-enabled"): removing it would empty the pamphlet.
 */
const MAX_SHARE_OF_TEXT = 0.4;

function chromeName(element: Element): string | undefined {
  const words = classWords(element);
  if (element.tagName === 'aside' && (words.includes('pullquote') || hasPhrase(words, 'pull quote'))) return undefined;
  if (CHROME_TAGS.has(element.tagName)) return `<${element.tagName}>`;
  return words.find((word) => CHROME_WORDS.has(word)) ?? CHROME_PHRASES.find((phrase) => hasPhrase(words, phrase));
}

/** The parts of a figure. */
const KEPT_TAGS = new Set(['figure', 'figcaption', 'img', 'picture']);

/** What stays of a header: its figures (a lead photo sits there), nothing else. */
function keptFigures(element: Element): ElementContent[] {
  return element.tagName === 'header' || classWords(element).includes('header') ? selectAll('figure', element) : [];
}

/** Drop furniture blocks by their tag, class or id (runs while Readability's classes are still kept). */
export const rehypeRemoveChromeBlocks: Plugin<[], Root> = function () {
  return (tree: Root, file: VFile) => {
    const totalProse = proseLength(tree);
    visit(tree, 'element', (element, index, parent) => {
      if (!parent || index === undefined) return;
      // A figure, its image and its caption are never furniture, but a gallery counter or a
      // share button inside a figure is.
      if (KEPT_TAGS.has(element.tagName)) return;
      const name = chromeName(element);
      if (!name) return;
      if (proseLength(element) > totalProse * MAX_SHARE_OF_TEXT) return;
      const figures = keptFigures(element);
      const text = toText(element).replace(/\s+/g, ' ').trim();
      const kept = figures.length > 0 ? ` (its ${figures.length === 1 ? 'figure' : 'figures'} kept)` : '';
      file.message(`Unexpected ${name} block${text ? ` “${text.slice(0, 60)}”` : ''} in the article, removed${kept}`, {
        place: element.position,
        ruleId: 'chrome-block',
        source: 'pamphlet-clean',
      });
      parent.children.splice(index, 1, ...figures);
      return [SKIP, index + figures.length];
    });
  };
};
