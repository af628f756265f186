import {fromHtml} from 'hast-util-from-html';
import {removePosition} from 'unist-util-remove-position';
import {visit} from 'unist-util-visit';
import {describe, expect, it} from 'vitest';
import {parseHtmlFragment} from '../src/html-fragment.js';

// HTML as Readability and the templates give it: a table without its <tbody>, a <p> left open
// before a block, an SVG, entities, a comment.
const SAMPLE = `<div id="readability-page-1"><p>Rent &amp; repairs<div>A block</div>
<table><tr><td>Cell</td></tr></table><p>Caf&eacute; <svg viewBox="0 0 1 1"><path d="M0 0"/></svg><!-- note --></div>`;

describe('parseHtmlFragment', () => {
  it('builds the tree hast-util-from-html builds for a fragment, HTML fix-ups included', () => {
    const expected = fromHtml(SAMPLE, {fragment: true});
    removePosition(expected, {force: true});
    const tree = parseHtmlFragment(SAMPLE);
    expect(tree).toEqual(expected);
    const tags: string[] = [];
    visit(tree, 'element', (element) => void tags.push(element.tagName));
    expect(tags).toEqual(['div', 'p', 'div', 'table', 'tbody', 'tr', 'td', 'p', 'svg', 'path']);
  });

  it('gives no node a position', () => {
    let positioned = 0;
    visit(parseHtmlFragment(SAMPLE), (node) => {
      if (node.position !== undefined) positioned += 1;
    });
    expect(positioned).toBe(0);
  });
});
