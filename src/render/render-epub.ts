import type {Root} from 'hast';
import {toXast} from 'hast-util-to-xast';
import {toXml} from 'xast-util-to-xml';
import type {Article} from '../article.js';
import {blocksToHtml, templateContext} from './context.js';
import {parseHtmlFragment} from '../html-fragment.js';
import {renderLiquid} from './liquid.js';
import type {Template} from './template.js';

/** Serialise hast as XHTML (EPUB content documents are XML). */
export function toXhtml(tree: Root): string {
  return toXml(toXast(tree), {closeEmptyElements: true});
}

/**
 * Article + template → the XHTML content of its EPUB chapter (the writer adds the document
 * around it). The template renders HTML; the result is parsed and serialised once as XML.
 */
export async function renderEpubChapter(article: Article, template: Template): Promise<string> {
  const context = templateContext(article, 'epub', blocksToHtml(article.body));
  const html = await renderLiquid(template.article, context);
  return toXhtml(parseHtmlFragment(html));
}
