import {VFile} from 'vfile';
import {stableUuid} from '../env.js';
import {PamphletError} from '../errors.js';
import type {Asset, AssetMap} from '../render/asset.js';
import type {TemplateFont} from '../render/template.js';
import {describeAccessibility} from './accessibility.js';
import {loadFonts, stylesheetWithFonts} from './fonts.js';
import {fitImage, type ImageChange} from './images.js';
import {CORE_IMAGE_TYPES} from './media-types.js';
import {PamphletEpub, precompressFonts, type PackagedChapter, type PackagedCover} from './pamphlet-epub.js';
import {sanitizeChapter} from './sanitize-chapter.js';
import {sniffImageType} from '../render/assets.js';

/** One content document of the book; the n-th (from 1) is packaged as `chapter-<n>.xhtml`. */
export interface EpubChapter {
  title: string;
  /** BCP 47 language tag of this chapter. */
  lang: string;
  /**
   * XHTML body content for the chapter (a fragment: `<article>…</article>`), well-formed XML;
   * image srcs are `assets/<name>` hrefs present in `EpubBook.assets`. Images whose src is not
   * there are removed, as are scripts, frames, handlers and links to nothing.
   */
  content: string;
  /** The chapter's article's file: what the writer removes from the chapter is reported on it. */
  file?: VFile;
}

/** The cover image: JPEG or PNG, about 1600 × 2560 (a 1 : 1.6 portrait, as Kindle and Kobo ask). */
export interface EpubCover {
  bytes: Uint8Array;
  /** Alternative text: what the cover shows. */
  alt: string;
}

export interface EpubBook {
  title: string;
  subtitle?: string;
  authors: string[];
  /** A collection's editor: a `dc:creator` with the MARC role `edt`, before the authors. */
  editor?: string;
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
  /** `dc:source`: the original article's URL, or one per article of a collection. */
  sourceUrl?: string | readonly string[];
  /** `dc:subject`, one each. */
  subjects?: readonly string[];
  /** Seed of the stable `dc:identifier`, `urn:uuid:<stableUuid(seed)>`. */
  identifierSeed: string;
  /**
   * The template's CSS. It may load only the fonts below, as `url(fonts/<file>)`; those URLs
   * are pointed at the TrueType or OpenType file packaged in each one's place.
   */
  css: string;
  /** Fonts to embed, read from `font.path` (a `.woff2` is replaced by the `.woff` beside it, unwrapped). */
  fonts: TemplateFont[];
  /** Every image the chapters show, in memory. Only core EPUB 3.2 image types are packaged. */
  assets: AssetMap;
  /** Shown on its own page before the contents, and marked `cover-image`. */
  cover?: EpubCover;
  chapters: EpubChapter[];
}

const MESSAGE_SOURCE = 'pamphlet-epub';

/** Soft hyphens never reach EPUB text, metadata included: readers hyphenate themselves. */
function plain(text: string): string;
function plain(text: string | undefined): string | undefined;
function plain(text: string | undefined): string | undefined {
  return text?.replace(/\u00ad/g, '');
}

function coverMediaType(bytes: Uint8Array): 'image/jpeg' | 'image/png' {
  const type = sniffImageType(bytes)?.mediaType;
  if (type === 'image/jpeg' || type === 'image/png') return type;
  throw new PamphletError('E_USAGE', 'cover image: unexpected file type, expected a JPEG or PNG image');
}

function describeChange(href: string, change: ImageChange & {kind: 'refitted'}): string {
  const {from, to} = change;
  const what = from.cmyk ? 'converted from CMYK to RGB' : '';
  const size = from.width !== to.width || from.height !== to.height ? `scaled from ${from.width}×${from.height} to ${to.width}×${to.height} pixels` : '';
  return `Image ${href} ${[what, size].filter(Boolean).join(' and ')} for e-readers (at most 5.6 million pixels, RGB)`;
}

/**
 * Reads, unwraps and deflates a template's fonts ahead of `writeEpub`, which then finds them
 * done. Never fails: a font that cannot be read is reported by `writeEpub` itself.
 */
export async function prepareFonts(fonts: readonly TemplateFont[]): Promise<void> {
  try {
    await precompressFonts((await loadFonts(fonts)).fonts);
  } catch {
    // writeEpub reads the fonts again and says what is wrong.
  }
}

/**
 * Packages a book as EPUB 3 (with an EPUB 2 NCX and guide). Nothing is fetched and nothing but
 * the template's font files is read; the same book gives the same bytes. What is left out
 * (images it cannot package, links to nothing) is reported on each chapter's `file`, and
 * the rest on `file` (by default the first chapter's).
 */
export async function writeEpub(book: EpubBook, file?: VFile): Promise<Uint8Array> {
  if (book.title.trim() === '') {
    throw new PamphletError('E_RENDER', 'EPUB: the book has no title; an EPUB needs one for dc:title');
  }
  if (book.chapters.length === 0) {
    throw new PamphletError('E_RENDER', `${book.title}: the book has no chapters; an EPUB needs at least one`);
  }
  const bookFile = file ?? book.chapters[0]?.file ?? new VFile();

  // Fitted before sanitising, so an image no reader could take is dropped like a missing one.
  const fitted = new Map<string, {asset: Asset; change: ImageChange}>();
  for (const [href, asset] of book.assets) {
    if (CORE_IMAGE_TYPES.has(asset.mediaType)) fitted.set(href, fitImage(asset));
  }
  const packageable = new Map<string, Asset>(
    [...fitted].filter(([, {change}]) => change.kind !== 'unreadable').map(([href, {asset}]) => [href, asset]),
  );

  const images = new Map<string, Asset>();
  const withoutAlt = new Set<string>();
  let headings = true;
  const chapters: PackagedChapter[] = book.chapters.map((chapter) => {
    const sanitized = sanitizeChapter(plain(chapter.content), packageable);
    const chapterFile = chapter.file ?? bookFile;
    const report = (reason: string, ruleId: string) => chapterFile.message(reason, {ruleId, source: MESSAGE_SOURCE});
    for (const {src} of sanitized.dropped) {
      const change = fitted.get(src)?.change;
      const why = change?.kind === 'unreadable' ? change.reason : 'it is not a packaged PNG, JPEG, GIF or SVG image';
      report(`Unexpected image ${src.slice(0, 80) || '(no src)'} in the EPUB: ${why}; dropped`, 'epub-image');
    }
    for (const src of sanitized.missingAlt) {
      if (!withoutAlt.has(src)) report(`Unexpected image ${src} without alt text, expected a description (or alt="" if decorative)`, 'image-alt');
      withoutAlt.add(src);
    }
    for (const target of sanitized.unlinked) {
      report(`Unexpected link to ${target.slice(0, 80)}, expected a web address or an anchor in the article; unlinked in the EPUB`, 'epub-link');
    }
    for (const href of sanitized.images) {
      const entry = fitted.get(href);
      if (entry === undefined || images.has(href)) continue;
      images.set(href, entry.asset);
      if (entry.change.kind === 'refitted') chapterFile.info(describeChange(href, entry.change), {ruleId: 'epub-image-size', source: MESSAGE_SOURCE});
    }
    headings &&= sanitized.hasHeadings;
    return {title: plain(chapter.title), lang: chapter.lang, body: sanitized.body, properties: sanitized.properties};
  });

  const {fonts, warnings: fontWarnings} = await loadFonts(book.fonts);
  for (const reason of fontWarnings) bookFile.message(reason, {ruleId: 'epub-font', source: MESSAGE_SOURCE});

  let cover: PackagedCover | undefined;
  if (book.cover) {
    const mediaType = coverMediaType(book.cover.bytes);
    const href = mediaType === 'image/png' ? 'cover.png' : 'cover.jpg';
    const {asset, change} = fitImage({href, mediaType, bytes: book.cover.bytes});
    if (change.kind === 'unreadable') throw new PamphletError('E_USAGE', `cover image: ${change.reason}`);
    if (change.kind === 'refitted') bookFile.info(describeChange('cover', change), {ruleId: 'epub-image-size', source: MESSAGE_SOURCE});
    cover = {...asset, alt: plain(book.cover.alt)};
  }

  const sources = typeof book.sourceUrl === 'string' ? [book.sourceUrl] : [...(book.sourceUrl ?? [])];
  const epub = new PamphletEpub({
    metadata: {
      identifier: `urn:uuid:${stableUuid(book.identifierSeed)}`,
      title: plain(book.title),
      subtitle: plain(book.subtitle),
      authors: book.authors.map((author) => plain(author)),
      ...(book.editor ? {editor: plain(book.editor)} : {}),
      lang: book.lang,
      date: book.date,
      modified: book.modified,
      description: plain(book.description),
      publisher: plain(book.publisher),
      sources: [...new Set(sources)],
      subjects: [...new Set((book.subjects ?? []).map((subject) => plain(subject)))],
      accessibility: describeAccessibility({
        images: images.size + (cover ? 1 : 0),
        imagesWithoutAlt: withoutAlt.size,
        headings,
      }),
    },
    ...(cover ? {cover} : {}),
    css: stylesheetWithFonts(book.css, fonts),
    chapters,
    images: [...images.values()],
    fonts,
  });
  const bytes = await epub.genEpub();
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
