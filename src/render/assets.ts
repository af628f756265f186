import {createHash} from 'node:crypto';
import {readFile, realpath} from 'node:fs/promises';
import path from 'node:path';
import type {Element, Root} from 'hast';
import {visit, SKIP} from 'unist-util-visit';
import type {VFile} from 'vfile';
import type {Article, ArticleImage} from '../article.js';
import type {Asset} from './asset.js';
import {fetchImage, IMAGE_FETCH_DEFAULTS, ImageRefused, type ImageFetchOptions} from './fetch-image.js';
import {fitForPrint, MAX_IMAGES, MAX_PRINT_PIXELS, oversizeReason, type PrintFit} from './image-limits.js';
import type {TimeBudget} from '../security/time-budget.js';
import {decodePath, isInside} from '../security/paths.js';
import {firstLine} from '../errors.js';

/** Image types every target renders (EPUB 3 core media types; Chromium shows them all). */
const IMAGE_SIGNATURES: ReadonlyArray<[string, string, (bytes: Uint8Array) => boolean]> = [
  ['image/png', 'png', (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47],
  ['image/jpeg', 'jpg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['image/gif', 'gif', (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46],
];

export function sniffImageType(bytes: Uint8Array): {mediaType: string; extension: string} | undefined {
  const match = IMAGE_SIGNATURES.find(([, , test]) => test(bytes));
  return match ? {mediaType: match[0], extension: match[1]} : undefined;
}

function decodeDataUri(uri: string): Uint8Array | undefined {
  const match = /^data:[^;,]*(;base64)?,(.*)$/s.exec(uri);
  if (!match) return undefined;
  const payload = match[2] ?? '';
  if (match[1]) return Buffer.from(payload, 'base64');
  const decoded = decodePath(payload);
  return decoded === undefined ? undefined : Buffer.from(decoded, 'latin1');
}

/**
 * The web address an image names, if it names one: for a page read from a URL every
 * relative src is on the web, never in a local folder; a protocol-relative src is https.
 */
function webAddress(src: string, pageUrl: string | undefined): string | undefined {
  if (!pageUrl && !/^(https?:)?\/\//i.test(src)) return undefined;
  const base = pageUrl ?? 'https://pamphlet.invalid/';
  if (!URL.canParse(src, base)) return undefined;
  const url = new URL(src, base);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
}

export interface AssetOptions extends Partial<ImageFetchOptions> {
  /**
   * Fetch http(s) images (`--fetch-images`). An article read from a URL always may: its
   * images, relative ones included, are on the web, and nothing local is read for it.
   */
  fetchImages?: boolean;
  /** The article's time budget: images not fetched by then are dropped. */
  budget?: TimeBudget;
}

export interface ResolvedAssets {
  /** The article with every image src rewritten to its asset href, unresolvable images removed. */
  article: Article;
  assets: Map<string, Asset>;
}

/**
 * Read every image the article names into memory, before any renderer sees it: a local file
 * inside the input's own folder, a data: URI, or (with consent, see `AssetOptions`) a web
 * image. Nothing else is fetched and nothing outside the input's folder is read; such
 * images, and images over the size or count limits, are dropped with a warning.
 */
export async function resolveAssets(article: Article, file: VFile, options: AssetOptions = {}): Promise<ResolvedAssets> {
  const assets = new Map<string, Asset>();
  const baseDir = await realpath(article.source.baseDir).catch(() => article.source.baseDir);
  const pageUrl = /^https?:\/\//i.test(article.source.path) ? article.source.path : undefined;
  const fetchOptions: ImageFetchOptions = {
    allowPrivateNetwork: options.allowPrivateNetwork ?? IMAGE_FETCH_DEFAULTS.allowPrivateNetwork,
    timeoutMs: options.timeoutMs ?? IMAGE_FETCH_DEFAULTS.timeoutMs,
    maxBytes: options.maxBytes ?? IMAGE_FETCH_DEFAULTS.maxBytes,
  };
  let count = 0;

  const load = async (src: string, place: Element['position']): Promise<string | undefined> => {
    const refuse = (reason: string) => {
      file.message(`Unexpected image ${src.slice(0, 80)}: ${reason}, dropped`, {place, ruleId: 'image-source', source: 'pamphlet-assets'});
      return undefined;
    };
    // One warning for the lot: a gallery of thousands would otherwise drown the log.
    if (++count > MAX_IMAGES) return count === MAX_IMAGES + 1 ? refuse(`it is past the first ${MAX_IMAGES} images an article may have, as are those after it`) : undefined;
    let bytes: Uint8Array | undefined;
    const remote = src.startsWith('data:') ? undefined : webAddress(src, pageUrl);
    if (src.startsWith('data:')) {
      bytes = decodeDataUri(src);
    } else if (remote) {
      if (!pageUrl && !options.fetchImages) return refuse('web images are fetched only with --fetch-images');
      const left = options.budget?.left() ?? Infinity;
      if (left === 0) return refuse("the article's time budget is spent");
      try {
        bytes = await fetchImage(remote, {...fetchOptions, timeoutMs: Math.min(fetchOptions.timeoutMs, left)});
      } catch (error) {
        if (error instanceof ImageRefused) return refuse(error.message);
        throw error;
      }
    } else if (pageUrl || /^[a-z][a-z0-9+.-]*:/i.test(src)) {
      return refuse('only web, data: and local images are loaded, never file: or other schemes');
    } else {
      const relative = decodePath(src.split(/[?#]/)[0] ?? '');
      const target = relative === undefined ? undefined : await realpath(path.resolve(baseDir, relative)).catch(() => undefined);
      if (!target) return refuse('no such file next to the input');
      if (!isInside(baseDir, target)) return refuse("it is outside the input's folder");
      bytes = await readFile(target).catch(() => undefined);
    }
    if (!bytes || bytes.length === 0) return refuse('it could not be read');
    const type = sniffImageType(bytes);
    if (!type) return refuse('not a PNG, JPEG or GIF image');
    const oversize = oversizeReason(bytes);
    if (oversize) return refuse(oversize);
    let fitted: PrintFit;
    try {
      fitted = fitForPrint(bytes, type.mediaType);
    } catch (error) {
      return refuse(`it could not be decoded (${firstLine(error)})`);
    }
    if (fitted.scaled) {
      const {from, to} = fitted.scaled;
      file.message(`Image ${src.slice(0, 80)} scaled from ${from.width}×${from.height} to ${to.width}×${to.height} pixels for print (at most ${MAX_PRINT_PIXELS / 1e6} MP)`, {
        place,
        ruleId: 'print-image-size',
        source: 'pamphlet-assets',
      });
      bytes = fitted.bytes;
    }
    const href = `assets/${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.${type.extension}`;
    assets.set(href, {href, mediaType: type.mediaType, bytes});
    return href;
  };

  const body = structuredClone(article.body) as Root;
  const images: Array<{element: Element; parent: Element | Root; src: string}> = [];
  visit(body, 'element', (element, _index, parent) => {
    if (element.tagName !== 'img' || !parent) return;
    images.push({element, parent, src: String(element.properties['src'] ?? '')});
    return SKIP;
  });
  for (const {element, parent, src} of images) {
    if (!src) {
      // The sanitiser took out a source no renderer may load (file:, javascript:, …).
      file.message(`Unexpected image “${String(element.properties['alt'] ?? '').slice(0, 60)}” without a web, data: or relative source, dropped`, {
        place: element.position,
        ruleId: 'image-source',
        source: 'pamphlet-assets',
      });
    }
    const href = src ? await load(src, element.position) : undefined;
    if (href) element.properties['src'] = href;
    else parent.children.splice(parent.children.indexOf(element), 1);
  }

  let leadImage: ArticleImage | undefined = article.leadImage;
  if (leadImage?.src) {
    const href = await load(leadImage.src, undefined);
    leadImage = href ? {...leadImage, src: href} : {...leadImage, src: undefined};
  }
  return {article: {...article, body, leadImage, warnings: file.messages}, assets};
}
