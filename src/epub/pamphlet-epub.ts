import {EPub} from 'epub-gen-memory';
import JSZip from 'jszip';
import type {Asset} from '../render/asset.js';
import {renderChapterDocument, renderCoverDocument} from './chapter-document.js';
import type {EmbeddedFont} from './fonts.js';
import {deflatedZip} from './deflated-zip.js';
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

/**
 * Zip entries carry the DOS epoch, the earliest date a zip can store, instead of the clock
 * (the convention of reproducible-builds tools such as strip-nondeterminism).
 */
const ZIP_ENTRY_DATE = new Date(Date.UTC(1980, 0, 1));

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
 * epub-gen-memory's `EPub`, kept for its zip (with `mimetype` first and stored), its render
 * order and its generation settings; every step that would fetch, read files, use the clock or
 * random ids is replaced by one that writes what `EpubContents` holds.
 */
export class PamphletEpub extends EPub {
  readonly #contents: EpubContents;

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

  override async render(): Promise<this> {
    await super.render();
    // JSZip dates each entry with the clock when it is added, the base's `mimetype` too.
    this.zip.forEach((_path, entry) => {
      entry.date = ZIP_ENTRY_DATE;
    });
    return this;
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
   * the same bytes in every book, so they are deflated once per process and the compressed
   * entries reused: at level 9 in pure JavaScript, fonts were most of an EPUB's build time.
   */
  protected override async downloadAllFonts(): Promise<void> {
    const compressed = await compressedFonts(this.#contents.fonts);
    for (const font of this.#contents.fonts) {
      const entry = compressed.file(fontPath(font));
      if (entry) this.zip.files[fontPath(font)] = entry;
      else this.#add(fontPath(font), font.bytes, font.mediaType);
    }
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
    // No folder entries: a reading system needs none, and they would be one more date to fix.
    this.zip.file(path, data, {
      createFolders: false,
      ...(mediaType !== undefined && isPrecompressed(mediaType) ? {compression: 'STORE' as const} : {}),
    });
  }
}

const fontPath = (font: EmbeddedFont) => `OEBPS/fonts/${font.file}`;

const fontZips = new Map<string, Promise<JSZip>>();

/**
 * The fonts as a zip read back in: JSZip keeps a loaded entry's compressed bytes and writes
 * them out as they are when the entry is copied into another zip with the same method. The zip
 * is deflated by zlib: JSZip's own deflate took 170–300 ms for the bundled template's 14 fonts,
 * paid by every one-article build.
 */
function compressedFonts(fonts: readonly EmbeddedFont[]): Promise<JSZip> {
  const key = fonts.map((font) => `${font.path}\u0000${font.file}`).join('\u0001');
  let zip = fontZips.get(key);
  if (!zip) {
    zip = JSZip.loadAsync(deflatedZip(fonts.map((font) => ({name: fontPath(font), bytes: font.bytes, store: isPrecompressed(font.mediaType)}))));
    fontZips.set(key, zip);
  }
  return zip;
}
