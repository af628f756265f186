import type {Element, ElementContent, Root, RootContent} from 'hast';
import type {Plugin} from 'unified';

/** Elements that only group other blocks; their grouping means nothing on a printed page. */
const CONTAINERS = new Set(['div', 'section', 'article', 'main', 'span']);
const PHRASING_TEXT = /\S/;

function isBlockOnly(element: Element): boolean {
  return element.children.every(
    (child) => (child.type === 'text' && !PHRASING_TEXT.test(child.value)) || child.type === 'comment' || (child.type === 'element' && !isPhrasing(child)),
  );
}

const PHRASING = new Set(['a', 'em', 'strong', 'i', 'b', 'u', 's', 'small', 'sub', 'sup', 'abbr', 'cite', 'q', 'code', 'time', 'br', 'img', 'mark', 'del', 'ins', 'kbd', 'var', 'wbr', 'bdi', 'bdo']);
function isPhrasing(element: Element): boolean {
  return PHRASING.has(element.tagName) || (element.tagName === 'span' && !isBlockOnly(element));
}

/**
 * Flatten wrapper <div>s and <section>s (Readability wraps everything in one) so that the body
 * is a plain sequence of paragraphs, headings and figures that later rules can read in order.
 * A wrapper around inline text becomes a paragraph.
 */
export const rehypeUnwrapContainers: Plugin<[], Root> = function () {
  /** Runs of inline content between blocks become paragraphs of their own. */
  const paragraphs = (children: ElementContent[]): ElementContent[] => {
    const result: ElementContent[] = [];
    let inline: ElementContent[] = [];
    const close = () => {
      if (inline.some((node) => node.type === 'element' || (node.type === 'text' && PHRASING_TEXT.test(node.value)))) {
        result.push({type: 'element', tagName: 'p', properties: {}, children: inline});
      }
      inline = [];
    };
    for (const child of children) {
      if (child.type === 'element' && !isPhrasing(child)) {
        close();
        result.push(...(flatten([child]) as ElementContent[]));
      } else {
        inline.push(child);
      }
    }
    close();
    return result;
  };
  const flatten = (children: Array<RootContent | ElementContent>): Array<RootContent | ElementContent> =>
    children.flatMap((child) => {
      if (child.type !== 'element') return [child];
      if (CONTAINERS.has(child.tagName) && child.tagName !== 'span') {
        if (isBlockOnly(child)) return flatten(child.children);
        if (child.children.every((node) => node.type !== 'element' || isPhrasing(node))) return [{...child, tagName: 'p', properties: {}}];
        return paragraphs(child.children);
      }
      if (child.tagName === 'blockquote' || child.tagName === 'figure' || child.tagName === 'li' || child.tagName === 'aside') {
        child.children = flatten(child.children) as ElementContent[];
      }
      return [child];
    });
  return (tree: Root) => {
    tree.children = flatten(tree.children) as RootContent[];
  };
};
