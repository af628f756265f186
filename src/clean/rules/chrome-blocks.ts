import type {Element, Root} from 'hast';
import {visit, SKIP} from 'unist-util-visit';
import type {Plugin} from 'unified';
import type {VFile} from 'vfile';

/**
 * Class and id words that publishers use for the page furniture Readability lets through:
 * share bars, related-link boxes, newsletter and donation appeals, comment and author boxes.
 * Matched as whole words of the class/id ("related-links" matches, "unrelated" does not).
 */
const CHROME_WORDS =
  /(?:^|[\s_-])(share|sharing|social|related|recommended|more-stories|read-more|readmore|newsletter|signup|sign-up|subscribe|subscription|donate|donation|support-us|comments?|author-bio|bio-box|promo|advert|advertisement|ad-slot|sponsored|cookie|paywall|tags|breadcrumbs?|toolbar)(?:$|[\s_-])/i;

function classAndId(element: Element): string {
  const className = element.properties['className'];
  const classes = Array.isArray(className) ? className.join(' ') : typeof className === 'string' ? className : '';
  const id = typeof element.properties['id'] === 'string' ? element.properties['id'] : '';
  return `${classes} ${id}`.trim();
}

/** Drop furniture blocks by their class or id (runs while Readability's classes are still kept). */
export const rehypeRemoveChromeBlocks: Plugin<[], Root> = function () {
  return (tree: Root, file: VFile) => {
    visit(tree, 'element', (element, index, parent) => {
      if (!parent || index === undefined) return;
      // Figures carry "credit" or "share" buttons inside; judge those by their parts instead.
      if (element.tagName === 'figure' || element.tagName === 'p') return;
      const names = classAndId(element);
      const match = names ? CHROME_WORDS.exec(names) : null;
      if (!match) return;
      file.message(`Unexpected ${match[1]} block in the article, removed`, {
        place: element.position,
        ruleId: 'chrome-block',
        source: 'pamphlet-clean',
      });
      parent.children.splice(index, 1);
      return [SKIP, index];
    });
  };
};
