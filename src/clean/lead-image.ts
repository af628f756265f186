import type {Element, Root} from 'hast';
import {select} from 'hast-util-select';
import {toString} from 'hast-util-to-string';
import type {ArticleImage} from '../article.js';
import {splitCredit} from './credit.js';

/** A lead image sits above the first paragraphs; a figure further down is an ordinary figure. */
const LEAD_ZONE = 3;

function asImage(element: Element): ArticleImage | undefined {
  const img = element.tagName === 'img' ? element : select('img', element);
  const src = img?.properties['src'];
  if (!img || typeof src !== 'string' || src === '') return undefined;
  const alt = typeof img.properties['alt'] === 'string' ? img.properties['alt'] : '';
  const figcaption = select('figcaption', element);
  const captionText = figcaption ? toString(figcaption).replace(/\s+/g, ' ').trim() : '';
  const {caption, credit} = splitCredit(captionText);
  return {src, alt, ...(caption ? {caption} : {}), ...(credit ? {credit} : {})};
}

/**
 * Take the lead image out of the body (the template prints it under the title) and return it.
 * Only a figure, or a paragraph holding nothing but an image, among the first blocks counts.
 */
export function takeLeadImage(body: Root): ArticleImage | undefined {
  let seen = 0;
  for (const [index, node] of body.children.entries()) {
    if (node.type !== 'element') continue;
    if (++seen > LEAD_ZONE) return undefined;
    const onlyImage =
      node.tagName === 'p' &&
      node.children.every((child) => (child.type === 'text' && child.value.trim() === '') || (child.type === 'element' && child.tagName === 'img'));
    if (node.tagName === 'figure' || node.tagName === 'img' || onlyImage) {
      const image = asImage(node);
      if (!image) continue;
      body.children.splice(index, 1);
      return image;
    }
  }
  return undefined;
}
