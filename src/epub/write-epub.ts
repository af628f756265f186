import {stableUuid} from '../env.js';
import {PamphletError} from '../errors.js';
import type {Asset, AssetMap} from '../render/asset.js';
import type {TemplateFont} from '../render/template.js';
import {stylesheetWithFonts, loadFonts} from './fonts.js';
import {PamphletEpub, type PackagedChapter} from './pamphlet-epub.js';
import {sanitizeChapter} from './sanitize-chapter.js';

/** One content document of the book; the n-th (from 1) is packaged as `chapter-<n>.xhtml`. */
export interface EpubChapter {
  title: string;
  /** BCP 47 language tag of this chapter. */
  lang: string;
  /**
   * XHTML body content for the chapter (a fragment: `<header>…</header><section>…</section>`),
   * well-formed XML with only safe elements; image srcs are `assets/<name>` hrefs present in
   * `EpubBook.assets`. Images whose src is not there are removed.
   */
  content: string;
}

export interface EpubBook {
  title: string;
  subtitle?: string;
  authors: string[];
  /** BCP 47 language tag of the book. */
  lang: string;
  /** Publication date, ISO 8601, for `dc:date`. */
  date?: string;
  /** `dcterms:modified`; the caller decides it (from SOURCE_DATE_EPOCH or the article), never the clock. */
  modified: Date;
  /** `dc:description`, written only when non-empty. */
  description?: string;
  /** Site name, for `dc:publisher`. */
  publisher?: string;
  /** `dc:source`. */
  sourceUrl?: string;
  /** Seed of the stable `dc:identifier`, `urn:uuid:<stableUuid(seed)>`. */
  identifierSeed: string;
  /** The template's epub.css; it may load only the fonts below, as `url(fonts/<file>)`. */
  css: string;
  /** Fonts to embed, read from `font.path`; those the CSS does not load get an `@font-face`. */
  fonts: TemplateFont[];
  /** Every image the chapters show, in memory. Only core EPUB 3.2 image types are packaged. */
  assets: AssetMap;
  chapters: EpubChapter[];
}

/**
 * Packages a book as EPUB 3 (with an EPUB 2 NCX). Nothing is fetched and nothing but the
 * template's font files is read; the same book gives the same bytes.
 */
export async function writeEpub(book: EpubBook): Promise<Uint8Array> {
  if (book.title.trim() === '') {
    throw new PamphletError('E_RENDER', 'EPUB: the book has no title; an EPUB needs one for dc:title');
  }
  if (book.chapters.length === 0) {
    throw new PamphletError('E_RENDER', `${book.title}: the book has no chapters; an EPUB needs at least one`);
  }

  const images = new Map<string, Asset>();
  const chapters: PackagedChapter[] = book.chapters.map((chapter) => {
    const sanitized = sanitizeChapter(chapter.content, book.assets);
    for (const href of sanitized.images) {
      const asset = book.assets.get(href);
      if (asset) images.set(href, asset);
    }
    return {title: chapter.title, lang: chapter.lang, body: sanitized.body, properties: sanitized.properties};
  });
  const fonts = await loadFonts(book.fonts);

  const epub = new PamphletEpub({
    metadata: {
      identifier: `urn:uuid:${stableUuid(book.identifierSeed)}`,
      title: book.title,
      subtitle: book.subtitle,
      authors: book.authors,
      lang: book.lang,
      date: book.date,
      modified: book.modified,
      description: book.description,
      publisher: book.publisher,
      sourceUrl: book.sourceUrl,
    },
    css: stylesheetWithFonts(book.css, fonts),
    chapters,
    images: [...images.values()],
    fonts,
  });
  const bytes = await epub.genEpub();
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
