import {readFile, realpath} from 'node:fs/promises';
import {extname, join} from 'node:path';
import type {AssetMap} from '../render/asset.js';
import type {Template} from '../render/template.js';
import {decodePath, isInside} from '../security/paths.js';

/**
 * The origin a sealed page is served from. `.invalid` can never resolve (RFC 2606), so even
 * a request that escaped interception would go nowhere.
 */
export const ORIGIN = 'https://pamphlet.invalid';
export const INDEX_URL = `${ORIGIN}/index.html`;

/** Everything a sealed page may load: the HTML, the template's files, and the assets. */
export interface SealedDocument {
  html: string;
  template: Template;
  assets: AssetMap;
}

/**
 * What the page gets for a URL: `serve` a body; `missing` is a 404 on our origin (a broken
 * reference in the template or HTML); `blocked` is anything outside the document;
 * `data` lets Chromium decode a `data:` URL itself; `silent` answers 204 to requests
 * Chromium makes on its own (the favicon) so they are neither served nor reported.
 */
export type Route =
  | {kind: 'serve'; contentType: string; body: string | Uint8Array}
  | {kind: 'missing'}
  | {kind: 'blocked'}
  | {kind: 'data'}
  | {kind: 'silent'};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
};

/**
 * Maps the URLs of a sealed page to what is served for them:
 * `/index.html` → the HTML; `/template/<path>` → a file inside the template folder, or a
 * font from the template's `fonts` list when `<path>` is `fonts/<file>`;
 * `/assets/<name>` → the asset keyed `assets/<name>`.
 */
export function createVirtualOrigin(doc: SealedDocument): (url: string) => Promise<Route> {
  const fontPaths = new Map(doc.template.fonts.map((font) => [`fonts/${font.file}`, font.path]));
  // Resolved once: a template folder reached through a symlink is still "inside" itself.
  const templateDir = realpath(doc.template.dir).catch(() => undefined);

  async function serveTemplateFile(path: string): Promise<Route> {
    const fontPath = fontPaths.get(path);
    if (fontPath !== undefined) return serveFile(fontPath);
    if (!isPlainRelativePath(path)) return {kind: 'blocked'};
    const dir = await templateDir;
    if (dir === undefined) return {kind: 'missing'};
    const file = await realpath(join(dir, ...path.split('/'))).catch(() => undefined);
    if (file === undefined) return {kind: 'missing'};
    // A symlink inside the template must not reach the rest of the disk.
    if (!isInside(dir, file)) return {kind: 'blocked'};
    return serveFile(file);
  }

  return async (url) => {
    if (url.startsWith('data:')) return {kind: 'data'};
    const parsed = URL.canParse(url) ? new URL(url) : undefined;
    if (parsed?.origin !== ORIGIN) return {kind: 'blocked'};
    const path = decodePath(parsed.pathname);
    if (path === undefined) return {kind: 'blocked'};
    if (path === '/index.html') return {kind: 'serve', contentType: CONTENT_TYPES['.html']!, body: doc.html};
    if (path === '/favicon.ico') return {kind: 'silent'};
    if (path.startsWith('/template/')) return serveTemplateFile(path.slice('/template/'.length));
    const asset = path.startsWith('/assets/') ? doc.assets.get(path.slice(1)) : undefined;
    if (asset !== undefined) return {kind: 'serve', contentType: asset.mediaType, body: asset.bytes};
    return {kind: 'missing'};
  };
}

async function serveFile(path: string): Promise<Route> {
  const body = await readFile(path).catch(() => undefined);
  if (body === undefined) return {kind: 'missing'};
  const contentType = CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
  return {kind: 'serve', contentType, body};
}

/**
 * The URL parser already removes `..` segments, but an encoded slash (`..%2F..%2Fetc`)
 * survives it and reappears on decoding, so the decoded path is checked again.
 */
function isPlainRelativePath(path: string): boolean {
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..' && !/[\\\0]/.test(segment));
}

