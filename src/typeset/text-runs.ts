import type {Element, Root, Text} from 'hast';

/** Elements whose inline content reads as one run of text (a paragraph, a heading, a cell). */
const TEXT_BLOCKS = new Set(['p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figcaption', 'blockquote', 'td', 'th', 'dt', 'dd', 'caption', 'aside', 'div']);

/** Text inside these is literal: never re-typeset. */
const LITERAL = new Set(['code', 'pre', 'kbd', 'samp', 'var', 'script', 'style']);

export interface TextRun {
  /** The block the run belongs to. */
  block: Element;
  /** Its text nodes in document order (nested blocks form their own runs). */
  nodes: Text[];
}

/**
 * Split a tree into runs of text, one per block, so that a transform sees a whole sentence
 * (a quote that opens in one text node and closes after an <em> is one quote).
 */
export function textRuns(tree: Root): TextRun[] {
  const runs: TextRun[] = [];
  const walk = (node: Root | Element, run: TextRun | undefined) => {
    for (const child of node.children) {
      if (child.type === 'text') {
        run?.nodes.push(child);
      } else if (child.type === 'element' && !LITERAL.has(child.tagName)) {
        if (TEXT_BLOCKS.has(child.tagName)) {
          const inner: TextRun = {block: child, nodes: []};
          runs.push(inner);
          walk(child, inner);
        } else {
          walk(child, run);
        }
      }
    }
  };
  walk(tree, undefined);
  return runs.filter((run) => run.nodes.length > 0);
}

/** Tag name of a text node's closest block, for transforms that treat headings differently. */
export function isHeading(element: Element): boolean {
  return /^h[1-6]$/.test(element.tagName);
}
