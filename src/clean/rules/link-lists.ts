import type {Element, Root} from 'hast';
import {selectAll} from 'hast-util-select';
import {toText} from 'hast-util-to-text';
import type {Plugin} from 'unified';
import {SKIP, visit} from 'unist-util-visit';
import type {VFile} from 'vfile';
import {linkDensity} from './link-density.js';

/**
 * A block this much made of links is a menu or a list of other articles' headlines: on paper
 * the links lead nowhere and the headlines belong to other stories.
 */
const LINK_SHARE = 0.8;
/** A single linked line longer than this is article prose that happens to be a link. */
const MAX_LINKED_LINE = 200;
/** A label that introduces a removed list: "Related coverage:", "More on this story:". */
const MAX_LABEL = 80;

const LINE_BLOCKS = new Set(['p', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** The block's text as it reads, one space where the page breaks a line. */
function text(element: Element): string {
  return toText(element).replace(/\s+/g, ' ').trim();
}

function isLinkList(element: Element): boolean {
  if (element.tagName !== 'ul' && element.tagName !== 'ol') return false;
  const items = element.children.filter((child): child is Element => child.type === 'element' && child.tagName === 'li');
  const withText = items.filter((item) => text(item) !== '');
  return withText.length > 0 && withText.every((item) => linkDensity(item) >= LINK_SHARE);
}

function isLinkedLine(element: Element): boolean {
  if (!LINE_BLOCKS.has(element.tagName)) return false;
  const line = text(element);
  return line.length > 0 && line.length <= MAX_LINKED_LINE && linkDensity(element) >= LINK_SHARE;
}

/** Share of a block's text in links for a list of rel="tag" links to count as the page's tag list. */
const TAG_LINK_SHARE = 0.5;

/** A CMS marks tag links rel="tag"; a block of them is the page's tag list, however long. */
function isTagList(element: Element): boolean {
  if (!LINE_BLOCKS.has(element.tagName) && element.tagName !== 'ul') return false;
  const links = selectAll('a[href]', element);
  const tagged = links.filter((link) => {
    const rel = link.properties['rel'];
    return Array.isArray(rel) && rel.map(String).includes('tag');
  });
  return tagged.length > 0 && tagged.length === links.length && linkDensity(element) >= TAG_LINK_SHARE;
}

function isLabel(node: Root['children'][number] | undefined): node is Element {
  if (node?.type !== 'element' || !LINE_BLOCKS.has(node.tagName)) return false;
  const line = text(node);
  return line.length <= MAX_LABEL && line.endsWith(':');
}

/**
 * Remove lists whose every item is a link, lines that are nothing but a link, and the
 * "Related:"-style label above such a list. Runs on the flat body, after the containers
 * are unwrapped, so that siblings are the blocks a reader sees in order.
 */
export const rehypeRemoveLinkLists: Plugin<[], Root> = function () {
  return (tree: Root, file: VFile) => {
    const report = (element: Element, what: string) =>
      file.message(`Unexpected ${what} “${text(element).slice(0, 60)}”, removed: links lead nowhere on paper`, {
        place: element.position,
        ruleId: 'link-list',
        source: 'pamphlet-clean',
      });
    visit(tree, 'element', (element, index, parent) => {
      if (!parent || index === undefined) return;
      const kind = isTagList(element) ? 'tag list' : isLinkList(element) ? 'list of links' : isLinkedLine(element) ? 'line of links' : undefined;
      if (!kind) return;
      report(element, kind);
      parent.children.splice(index, 1);
      const previous = parent.children[index - 1];
      if (isLabel(previous)) {
        report(previous, 'label of a link list');
        parent.children.splice(index - 1, 1);
        return [SKIP, index - 1];
      }
      return [SKIP, index];
    });
  };
};
