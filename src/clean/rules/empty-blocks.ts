import type {Element, Root} from 'hast';
import type {Plugin} from 'unified';
import {SKIP, visit} from 'unist-util-visit';

/** Elements that mean something with no text in them. */
const MEANINGFUL_EMPTY = new Set(['img', 'picture', 'br', 'hr', 'td', 'th', 'col', 'colgroup', 'wbr']);

function isEmpty(element: Element): boolean {
  if (MEANINGFUL_EMPTY.has(element.tagName)) return false;
  return element.children.every(
    (child) => child.type === 'comment' || (child.type === 'text' && child.value.trim() === '') || (child.type === 'element' && isEmpty(child)),
  );
}

/**
 * Remove blocks left with nothing in them once the rules have taken their content (a list
 * whose items were all menu links, the shell of a removed share bar). They would print as
 * blank space. No message: nothing a reader could see is removed.
 */
export const rehypeRemoveEmptyBlocks: Plugin<[], Root> = function () {
  return (tree: Root) => {
    visit(tree, 'element', (element, index, parent) => {
      if (!parent || index === undefined || !isEmpty(element)) return;
      parent.children.splice(index, 1);
      return [SKIP, index];
    });
  };
};
