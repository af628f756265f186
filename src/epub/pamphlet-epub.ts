import {EPub} from 'epub-gen-memory';
import type {Asset} from '../render/asset.js';
import {renderChapterDocument, renderCoverDocument} from './chapter-document.js';
import type {EmbeddedFont} from './fonts.js';
import {compressEntry, writeZip, type CompressedEntry} from './deflated-zip.js';
import {isPrecompressed} from './media-types.js';
import {renderNavDocument, renderNcx, type NavEntry} from './navigation.js';
import {
  renderPackageDocument,
  type GuideReference,
  type ManifestItem,
  type PackageMetadata,
  type SpineItem,
} from './package-document.js';

/** A chapter ready to package: its body already sanitised. */
export interface PackagedChapter {
  title: string;
  lang: string;
  body: string;
  /** OPF manifest `properties` (`svg`, `mathml`). */
  properties: readonly string[];
}

/** The cover image, packaged at `href` and shown on its own page before the contents. */
export interface PackagedCover {
  /** `cover.jpg` or `cover.png`. */
  href: string;
  mediaType: string;
  bytes: Uint8Array;
  alt: string;
}

/** Everything the book contains, in memory; nothing is read or fetched while packaging. */
export interface EpubContents {
  metadata: Omit<PackageMetadata, 'coverImageId'>;
  cover?: PackagedCover;
  css: string;
  chapters: readonly PackagedChapter[];
  /** The assets the chapters show, in order of first use. */
  images: readonly Asset[];
  fonts: readonly EmbeddedFont[];
}

const CONTAINER_XML =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n' +
  '  <rootfiles>\n' +
  '    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>\n' +
  '  </rootfiles>\n' +
  '</container>\n';

const STYLESHEET = 'style.css';
const NAV = 'nav.xhtml';
const COVER_PAGE = 'cover.xhtml';
const COVER_IMAGE_ID = 'cover-image';

function chapterHref(index: number): string {
  return `chapter-${index + 1}.xhtml`;
}

/**
 * epub-gen-memory's `EPub`, kept for its render order (template files, fonts, images, cover);
 * every step that would fetch, read files, use the clock or random ids is replaced by one that
 * writes what `EpubContents` holds. The zip is written by zlib (`writeZip`) instead of JSZip's
 * JavaScript deflate, which took longer than all the rest of a book's packaging; like the
 * base's, it starts with `mimetype`, stored. Entries carry the DOS epoch, the earliest date a
 * zip can store, instead of the clock (the convention of reproducible-builds tools such as
 * strip-nondeterminism).
 */
export class PamphletEpub extends EPub {
  readonly #contents: EpubContents;
  /** The book's zip entries in the order they were added, compressed as they were. */
  readonly #entries: CompressedEntry[] = [compressEntry({name: 'mimetype', bytes: Buffer.from('application/epub+zip'), store: true})];

  constructor(contents: EpubContents) {
    // The base constructor runs its HTML pass over every chapter: an htmlparser2 round trip with
    // an attribute allow-list that rewrites each <img> to `images/<random uuid>.<ext>` for a later
    // fetch. It gets no chapters; generateTemplateFiles writes ours.
    super(
      {
        title: contents.metadata.title,
        lang: contents.metadata.lang,
        date: contents.metadata.modified.toISOString(),
        verbose: false,
      },
      [],
    );
    this.#contents = contents;
    this.uuid = contents.metadata.identifier;
  }

  /** The base renders, then has JSZip deflate; the entries `render` added are written as they are. */
  override async genEpub(): Promise<Buffer> {
    await this.render();
    const zip = writeZip(this.#entries);
    return Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  }

  /** Replaces the base's EJS templates, which hard-code `xml:lang="en"`, the clock and an empty description. */
  protected override async generateTemplateFiles(): Promise<void> {
    const {metadata, cover, css, chapters, images, fonts} = this.#contents;
    const entries: NavEntry[] = chapters.map((chapter, index) => ({
      title: chapter.title,
      lang: chapter.lang,
      href: chapterHref(index),
    }));
    const navigation = {
      identifier: metadata.identifier,
      title: metadata.title,
      lang: metadata.lang,
      stylesheet: STYLESHEET,
      entries,
      href: NAV,
      ...(cover ? {cover: COVER_PAGE} : {}),
    };
    const manifest: ManifestItem[] = [
      ...(cover
        ? [
            {id: 'cover', href: COVER_PAGE, mediaType: 'application/xhtml+xml'},
            {id: COVER_IMAGE_ID, href: cover.href, mediaType: cover.mediaType, properties: ['cover-image']},
          ]
        : []),
      {id: 'nav', href: NAV, mediaType: 'application/xhtml+xml', properties: ['nav']},
      {id: 'ncx', href: 'toc.ncx', mediaType: 'application/x-dtbncx+xml'},
      {id: 'css', href: STYLESHEET, mediaType: 'text/css'},
      ...chapters.map((chapter, index) => ({
        id: `chapter-${index + 1}`,
        href: chapterHref(index),
        mediaType: 'application/xhtml+xml',
        properties: chapter.properties,
      })),
      ...images.map((asset, index) => ({id: `image-${index + 1}`, href: asset.href, mediaType: asset.mediaType})),
      ...fonts.map((font, index) => ({id: `font-${index + 1}`, href: `fonts/${font.file}`, mediaType: font.mediaType})),
    ];
    // The cover, then the contents, then the text. A one-article book's contents list only
    // that article, so paging skips it (linear="no"); the toc landmark still reaches it.
    const spine: SpineItem[] = [
      ...(cover ? [{idref: 'cover'}] : []),
      {idref: 'nav', linear: chapters.length > 1},
      ...chapters.map((_chapter, index) => ({idref: `chapter-${index + 1}`})),
    ];
    const guide: GuideReference[] = [
      ...(cover ? [{type: 'cover' as const, title: 'Cover', href: COVER_PAGE}] : []),
      {type: 'toc', title: 'Contents', href: NAV},
      {type: 'text', title: 'Start of text', href: chapterHref(0)},
    ];
    const packageMetadata: PackageMetadata = {...metadata, ...(cover ? {coverImageId: COVER_IMAGE_ID} : {})};

    this.#add('META-INF/container.xml', CONTAINER_XML);
    this.#add('OEBPS/content.opf', renderPackageDocument(packageMetadata, manifest, spine, guide));
    this.#add(`OEBPS/${NAV}`, renderNavDocument(navigation));
    this.#add('OEBPS/toc.ncx', renderNcx(navigation));
    this.#add(`OEBPS/${STYLESHEET}`, css);
    if (cover) {
      this.#add(`OEBPS/${COVER_PAGE}`, renderCoverDocument({title: metadata.title, lang: metadata.lang, stylesheet: STYLESHEET, image: cover}));
    }
    chapters.forEach((chapter, index) => {
      this.#add(`OEBPS/${chapterHref(index)}`, renderChapterDocument({...chapter, stylesheet: STYLESHEET}));
    });
  }

  /**
   * The base fetches each font's `url`; ours are already read from the template. They are
   * the same bytes in every book, so each is deflated once per process and reused.
   */
  protected override async downloadAllFonts(): Promise<void> {
    for (const font of this.#contents.fonts) this.#entries.push(compressedFont(font));
  }

  /** The base fetches each image (`file://` included); ours come from the asset map. */
  protected override async downloadAllImages(): Promise<void> {
    for (const asset of this.#contents.images) this.#add(`OEBPS/${asset.href}`, asset.bytes, asset.mediaType);
  }

  /** The base fetches a cover given as a URL; ours is already rendered or read. */
  protected override async makeCover(): Promise<void> {
    const cover = this.#contents.cover;
    if (cover) this.#add(`OEBPS/${cover.href}`, cover.bytes, cover.mediaType);
  }

  #add(path: string, data: string | Uint8Array, mediaType?: string): void {
    // No folder entries: a reading system needs none.
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    this.#entries.push(compressEntry({name: path, bytes, store: mediaType !== undefined && isPrecompressed(mediaType)}));
  }
}

const fontPath = (font: EmbeddedFont) => `OEBPS/fonts/${font.file}`;

const compressedFonts = new Map<string, CompressedEntry>();
const fontKey = (font: EmbeddedFont) => `${font.path}\u0000${font.file}`;

/**
 * Deflates `fonts` ahead of the first book that packages them, one font a turn of the event
 * loop, so a one-article build can do it while Chromium draws the cover instead of after. Fonts
 * already deflated cost no turn: in a batch, a turn can wait behind another article's cleaning.
 */
export async function precompressFonts(fonts: readonly EmbeddedFont[]): Promise<void> {
  for (const font of fonts) {
    if (compressedFonts.has(fontKey(font))) continue;
    compressedFont(font);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A font's zip entry, deflated the first time a process packages it. */
function compressedFont(font: EmbeddedFont): CompressedEntry {
  const key = fontKey(font);
  let entry = compressedFonts.get(key);
  if (!entry) {
    entry = compressEntry({name: fontPath(font), bytes: font.bytes, store: isPrecompressed(font.mediaType)});
    compressedFonts.set(key, entry);
  }
  return entry;
}
