import type {Article} from '../article.js';
import {blocksToHtml, templateContext} from './context.js';
import {liquid} from './liquid.js';
import type {Template} from './template.js';

/** Trim size of the printed page. */
export interface PageSize {
  widthMm: number;
  heightMm: number;
}

/** ISO 216 A5, the pamphlet's default: an A4 sheet folded once. */
export const A5: PageSize = {widthMm: 148, heightMm: 210};

/**
 * Article + template → the print HTML document. Relative URLs in it resolve under the
 * renderer's sealed origin: `template/…` for the template's files, `assets/…` for images.
 */
export async function renderPrintHtml(article: Article, template: Template, page: PageSize = A5): Promise<string> {
  const context = templateContext(article, 'print', blocksToHtml(article.body));
  const articleHtml = await liquid.parseAndRender(template.article, context);
  return liquid.parseAndRender(template.html, {
    ...context,
    article: articleHtml,
    runningHead: article.title,
    page: {width: `${page.widthMm}mm`, height: `${page.heightMm}mm`},
    fontCss: template.fontCss.replaceAll('url(fonts/', 'url(template/fonts/'),
  });
}
