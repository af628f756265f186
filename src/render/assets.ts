import {createHash} from 'node:crypto';
import {readFile, realpath} from 'node:fs/promises';
import path from 'node:path';
import type {Element, Root} from 'hast';
import {visit, SKIP} from 'unist-util-visit';
import type {VFile} from 'vfile';
import type {Article, ArticleImage} from '../article.js';
import type {Asset} from './asset.js';

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
  return match[1] ? Buffer.from(payload, 'base64') : Buffer.from(decodeURIComponent(payload), 'latin1');
}

/** True when `child` is `folder` or inside it, after following links. */
function isInside(folder: string, child: string): boolean {
  const relative = path.relative(folder, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export interface ResolvedAssets {
  /** The article with every image src rewritten to its asset href, unresolvable images removed. */
  article: Article;
  assets: Map<string, Asset>;
}

/**
 * Read every image the article names into memory, before any renderer sees it: a local file
 * inside the input's own folder, or a data: URI. Nothing is fetched from the network and
 * nothing outside the input's folder is read; such images are dropped with a warning.
 */
export async function resolveAssets(article: Article, file: VFile): Promise<ResolvedAssets> {
  const assets = new Map<string, Asset>();
  const baseDir = await realpath(article.source.baseDir).catch(() => article.source.baseDir);

  const load = async (src: string, place: Element['position']): Promise<string | undefined> => {
    const refuse = (reason: string) => {
      file.message(`Unexpected image ${src.slice(0, 80)}: ${reason}, dropped`, {place, ruleId: 'image-source', source: 'pamphlet-assets'});
      return undefined;
    };
    let bytes: Uint8Array | undefined;
    if (src.startsWith('data:')) {
      bytes = decodeDataUri(src);
    } else if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')) {
      return refuse('remote and file: images are not loaded');
    } else {
      const relative = decodeURIComponent(src.split(/[?#]/)[0] ?? '');
      const target = await realpath(path.resolve(baseDir, relative)).catch(() => undefined);
      if (!target) return refuse('no such file next to the input');
      if (!isInside(baseDir, target)) return refuse("it is outside the input's folder");
      bytes = await readFile(target).catch(() => undefined);
    }
    if (!bytes || bytes.length === 0) return refuse('it could not be read');
    const type = sniffImageType(bytes);
    if (!type) return refuse('not a PNG, JPEG or GIF image');
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
