import type {VFile} from 'vfile';
import type {Article} from '../article.js';
import {documentDate} from '../env.js';
import {isPamphletError, PamphletError} from '../errors.js';
import {mergeAssets, type AssetMap} from '../render/asset.js';
import {formatAuthors, formatDate, textDirection} from '../render/context.js';
import {renderEpubChapter} from '../render/render-epub.js';
import type {Template} from '../render/template.js';
import {typeset} from '../typeset/index.js';
import {renderCover, type CoverContext} from './cover.js';
import {prepareFonts, writeEpub, type EpubBook, type EpubChapter, type EpubCover} from './write-epub.js';

/** One article of the book, as the pipeline leaves it: images resolved, problems on `file`. */
export interface EpubPart {
  article: Article;
  /** The article's images, in memory (from `resolveAssets`). */
  assets: AssetMap;
  file: VFile;
}

export interface EpubDocument {
  /** One article, or the articles of a collection in order: a chapter each. */
  parts: readonly EpubPart[];
  /** Set for a collection: its title, subtitle and editor describe the book. */
  collection?: {title: string; subtitle?: string; editor?: string; intro?: EpubPart};
  /** The user's own cover image (JPEG or PNG), `'none'` for no cover; by default the template's cover is rendered. */
  cover?: EpubCover | 'none';
  /** `dc:subject`s of the book. */
  subjects?: readonly string[];
}

const MESSAGE_SOURCE = 'pamphlet-epub';

/** A stable seed per article: its URL, or what names it when it has none. */
function identifierSeed(article: Article): string {
  return article.sourceUrl ?? `${article.title}\u0000${article.authors.join(',')}\u0000${article.date ?? ''}`;
}

function unique<T>(values: Iterable<T | undefined>): T[] {
  return [...new Set([...values].filter((value): value is T => value !== undefined && value !== ''))];
}

/** The book's metadata: one article's own, or the collection's with every article's authors and sources. */
function bookMetadata(document: EpubDocument, articles: readonly Article[]): Omit<EpubBook, 'css' | 'fonts' | 'assets' | 'chapters' | 'cover'> {
  const first = articles[0]!;
  const {collection} = document;
  const authors = unique(articles.flatMap((article) => article.authors));
  const sites = unique(articles.map((article) => article.siteName));
  const dates = articles.map((article) => article.date).filter((date): date is string => date !== undefined);
  return {
    title: collection?.title ?? first.title,
    subtitle: collection ? collection.subtitle : first.subtitle,
    authors,
    ...(collection?.editor ? {editor: collection.editor} : {}),
    lang: first.lang,
    // A collection is published when its last article was.
    date: collection ? [...dates].sort().at(-1) : first.date,
    modified: documentDate(articles.map((article) => article.date)),
    description: collection ? collection.subtitle : first.subtitle,
    publisher: sites.length === 1 ? sites[0] : undefined,
    sourceUrl: unique(articles.map((article) => article.sourceUrl)),
    subjects: document.subjects ?? [],
    identifierSeed: collection ? [collection.title, ...articles.map(identifierSeed)].join('\u0001') : identifierSeed(first),
  };
}

/** What the cover of `document` shows (exported for the benchmark's floor, which renders covers bare). */
export function coverContext(document: Pick<EpubDocument, 'collection'>, articles: readonly Article[], assets: AssetMap): CoverContext {
  const first = articles[0]!;
  const {collection} = document;
  const authors = collection?.editor ? [collection.editor] : unique(articles.flatMap((article) => article.authors));
  const lead = first.leadImage;
  return {
    lang: first.lang,
    dir: textDirection(first.lang),
    title: collection?.title ?? first.title,
    subtitle: collection ? collection.subtitle : first.subtitle,
    byline: authors.length > 0 ? formatAuthors(authors, first.lang) : undefined,
    siteName: unique(articles.map((article) => article.siteName)).length === 1 ? first.siteName : undefined,
    issue: collection ? undefined : first.issue,
    dateText: collection ? undefined : formatDate(first.date, first.lang),
    // A single article's lead picture, when the asset stage kept it (its src is then an asset href).
    ...(!collection && lead?.src && assets.has(lead.src) ? {image: {src: lead.src, alt: lead.alt}} : {}),
    articles: articles.map((article) => ({
      title: article.title,
      ...(article.authors.length > 0 ? {byline: formatAuthors(article.authors, article.lang)} : {}),
    })),
  };
}

/**
 * Articles → one EPUB: each article typeset for EPUB (no soft hyphens), rendered with the
 * template as a chapter, and packaged with the template's cover (rendered by Chromium) or the
 * user's own. What is left out is reported on each part's `file`; book-wide notes go on the
 * first part's. With `--individual`, call it once per article. The caller closes the browser
 * (`closeBrowser()` from src/pdf) when the build is done, as after printing. `stageTimes`, when
 * given, gets the milliseconds spent typesetting and rendering the chapters added to it.
 */
export async function makeEpub(document: EpubDocument, template: Template, stageTimes?: {typesetMs: number; renderMs: number}): Promise<Uint8Array> {
  const {collection} = document;
  const parts = [...(collection?.intro ? [collection.intro] : []), ...document.parts];
  const first = parts[0];
  if (first === undefined) throw new PamphletError('E_RENDER', 'EPUB: no articles to package; an EPUB needs at least one');
  const articles = document.parts.map((part) => part.article);

  const assets = mergeAssets(parts.map((part) => part.assets));

  const chapters: EpubChapter[] = [];
  for (const {article, file} of parts) {
    const typesetStarted = performance.now();
    const typesetArticle = typeset(article, 'epub', file);
    const renderStarted = performance.now();
    const content = await renderEpubChapter(typesetArticle, template);
    if (stageTimes) {
      stageTimes.typesetMs += renderStarted - typesetStarted;
      stageTimes.renderMs += performance.now() - renderStarted;
    }
    chapters.push({title: article.title, lang: article.lang, content, file});
  }

  // The fonts are read and deflated (once a process) while Chromium draws the cover.
  const fontsReady = prepareFonts(template.fonts);
  let cover: EpubCover | undefined;
  if (document.cover === undefined) {
    try {
      const context = coverContext(document, articles.length > 0 ? articles : [first.article], assets);
      const {retryOnRenderFailure} = await import('../pdf/retry.js');
      const rendered = await retryOnRenderFailure(
        () => renderCover(context, template, assets),
        (reason) => first.file.message(`Chromium failed while rendering the cover (${reason}); restarted it and retried`, {ruleId: 'render-retry', source: MESSAGE_SOURCE}),
      );
      cover = {bytes: rendered.bytes, alt: rendered.alt};
      for (const url of rendered.blocked) {
        first.file.message(`Unexpected request from the cover to ${url.slice(0, 100)}, blocked`, {ruleId: 'blocked-request', source: MESSAGE_SOURCE});
      }
    } catch (error) {
      // An EPUB-only build on a machine without Chromium still gets its book, without a cover.
      if (!isPamphletError(error) || error.code !== 'E_NO_CHROMIUM') throw error;
      first.file.message(`Unexpected missing Chromium, expected one to render the EPUB cover; the book has none (${error.message})`, {
        ruleId: 'epub-cover',
        source: MESSAGE_SOURCE,
      });
    }
  } else if (document.cover !== 'none') {
    cover = document.cover;
  }

  await fontsReady;
  return writeEpub(
    {
      ...bookMetadata(document, articles.length > 0 ? articles : [first.article]),
      css: template.epubCss,
      fonts: template.fonts,
      assets,
      ...(cover ? {cover} : {}),
      chapters,
    },
    first.file,
  );
}
