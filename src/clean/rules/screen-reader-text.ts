import type {Element, Root} from 'hast';
import {toString} from 'hast-util-to-string';
import type {Plugin} from 'unified';
import {SKIP, visit} from 'unist-util-visit';
import type {VFile} from 'vfile';
import {proseLength} from './link-density.js';

/**
 * Whole class names of text that a page hides from sight and keeps for screen readers or
 * scripts. Whole names, not words: Drupal's "field-label-hidden" wraps a visible body.
 */
const HIDDEN_CLASSES = new Set([
  'hidden', 'is-hidden', 'u-hidden', 'hide', 'invisible', 'visually-hidden', 'visuallyhidden', 'sr-only', 'sr-text',
  'screen-reader-text', 'screen-reader-only', 'screenreader-only', 'off-screen', 'offscreen', 'element-invisible', 'a11y-hidden',
]);

/** A "hidden" block holding this share of the body's text is the article, shown by a script. */
const MAX_SHARE_OF_TEXT = 0.4;

function isHidden(element: Element): boolean {
  if (element.properties['hidden'] !== undefined && element.properties['hidden'] !== false) return true;
  const className = element.properties['className'];
  const classes = Array.isArray(className) ? className.map(String) : [];
  return classes.some((name) => HIDDEN_CLASSES.has(name.toLowerCase()));
}

/**
 * Remove text a reader of the page never sees: labels for screen readers ("Image caption",
 * "Image copyright") and blocks hidden by class or attribute. Printed, they read as noise.
 * Runs everywhere, inside figures too.
 */
export const rehypeRemoveScreenReaderText: Plugin<[], Root> = function () {
  return (tree: Root, file: VFile) => {
    const totalProse = proseLength(tree);
    visit(tree, 'element', (element, index, parent) => {
      if (!parent || index === undefined || !isHidden(element)) return;
      if (proseLength(element) > totalProse * MAX_SHARE_OF_TEXT) return;
      file.message(`Unexpected hidden text “${toString(element).replace(/\s+/g, ' ').trim().slice(0, 60)}”, removed`, {
        place: element.position,
        ruleId: 'screen-reader-text',
        source: 'pamphlet-clean',
      });
      parent.children.splice(index, 1);
      return [SKIP, index];
    });
  };
};
