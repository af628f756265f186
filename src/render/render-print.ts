import type {Article} from '../article.js';
import type {PaperSize} from '../config/paper.js';
import {blocksToHtml, formatDate, templateContext} from './context.js';
import {renderLiquid} from './liquid.js';
import {servedFontCss, type Template} from './template.js';

/** What a collection prints around its articles: cover, contents, introduction, back cover. */
export interface CollectionFront {
  title: string;
  subtitle?: string;
  editor?: string;
  /** The introduction, printed before the first article. */
  intro?: Article;
}

/** Where a collection's parts fall, learnt from a first printing (see `layoutCollection`). */
export interface CollectionLayout {
  /** Page on which each part starts, by part id, for the contents. */
  startPages: ReadonlyMap<string, number>;
  /** Ids ("contents", part ids, "back-cover") that get a blank page before them. */
  blankBefore: ReadonlySet<string>;
}

export interface PrintDocument {
  articles: readonly Article[];
  collection?: CollectionFront;
  /** Unknown on a first printing. */
  layout?: CollectionLayout;
}

/** Ids of the document's parts, in order: what the contents links to and what the PDF's destinations name. */
export function partIds(document: PrintDocument): string[] {
  return [...(document.collection?.intro ? ['introduction'] : []), ...document.articles.map((_, index) => `article-${index + 1}`)];
}

/**
 * Articles + template → the print HTML document. Relative URLs in it resolve under the
 * renderer's sealed origin: `template/…` for the template's files, `assets/…` for images.
 * With `bleedMm`, the page is the trim plus that much on every side (Chromium ignores CSS
 * `bleed`), and the template gets `page.bleed` to keep its margins measured from the trim.
 */
export async function renderPrintDocument(document: PrintDocument, template: Template, paper: PaperSize, bleedMm = 0): Promise<string> {
  const ids = partIds(document);
  const articles = [...(document.collection?.intro ? [document.collection.intro] : []), ...document.articles];
  const parts = await Promise.all(
    articles.map(async (article, index) => {
      const context = templateContext(article, 'print', blocksToHtml(article.body));
      return {
        id: ids[index]!,
        pageName: `part-${index + 1}`,
        runningHead: article.title,
        blankBefore: document.layout?.blankBefore.has(ids[index]!) ?? false,
        html: await renderLiquid(template.article, context),
        context,
      };
    }),
  );
  const first = articles[0]!;
  const collection = document.collection && {
    ...document.collection,
    contents: parts.map((part) => ({
      id: part.id,
      title: part.context.title,
      byline: part.context.byline,
      siteName: part.context.siteName,
      dateText: formatDate(part.context.date, part.context.lang),
      sourceUrl: part.context.sourceUrl,
      // Two digits of the same width as the real numbers, so the first pass lays out alike.
      page: document.layout?.startPages.get(part.id) ?? '00',
    })),
    blankBeforeContents: document.layout?.blankBefore.has('contents') ?? false,
    blankBeforeBackCover: document.layout?.blankBefore.has('back-cover') ?? false,
  };
  return renderLiquid(template.html, {
    ...templateContext(first, 'print', ''),
    title: collection?.title ?? first.title,
    collection,
    parts,
    runningHead: first.title,
    page: {width: `${paper.widthMm + 2 * bleedMm}mm`, height: `${paper.heightMm + 2 * bleedMm}mm`, bleed: `${bleedMm}mm`},
    fontCss: servedFontCss(template),
  });
}

/** One article's print document. */
export function renderPrintHtml(article: Article, template: Template, paper: PaperSize, bleedMm = 0): Promise<string> {
  return renderPrintDocument({articles: [article]}, template, paper, bleedMm);
}

/**
 * Chromium does not honour `break-before: right`, so right-hand starts are made by hand: from
 * where the parts fell in a first printing (no blanks; cover on page 1, contents from page 2),
 * put a blank page wherever the next part would start on a left-hand (even) page. The inside
 * of the cover is always blank, and the back cover is the last, even, page.
 */
export function layoutCollection(ids: readonly string[], firstPass: ReadonlyMap<string, number>, totalPages: number): CollectionLayout {
  const starts = ids.map((id) => firstPass.get(id) ?? 0);
  const blankBefore = new Set<string>(['contents']);
  const startPages = new Map<string, number>();
  // The back cover is the last page of the first printing.
  const ends = [...starts.slice(1), totalPages];
  let page = 3 + (starts[0]! - 2);
  ids.forEach((id, index) => {
    if (page % 2 === 0) {
      blankBefore.add(id);
      page++;
    }
    startPages.set(id, page);
    page += ends[index]! - starts[index]!;
  });
  if (page % 2 === 1) blankBefore.add('back-cover');
  return {startPages, blankBefore};
}
