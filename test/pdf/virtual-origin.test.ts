import {readFileSync, symlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import type {Asset} from '../../src/render/asset.js';
import {createVirtualOrigin, ORIGIN} from '../../src/pdf/virtual-origin.js';
import {FONT_FILE, FONT_PATH, makeTemplate, scratchDir} from './helpers.js';

describe('createVirtualOrigin', () => {
  const scratch = scratchDir();
  afterAll(scratch.remove);
  const template = makeTemplate(scratch.dir);
  writeFileSync(join(scratch.dir, 'cover.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  symlinkSync('/etc/hostname', join(scratch.dir, 'escape.css'));
  const png: Asset = {href: 'assets/abc123.png', mediaType: 'image/png', bytes: new Uint8Array([137, 80, 78, 71])};
  const route = createVirtualOrigin({html: '<p>Hi</p>', template, assets: new Map([[png.href, png]])});

  it('serves the HTML as index.html', async () => {
    expect(await route(`${ORIGIN}/index.html`)).toEqual({kind: 'serve', contentType: 'text/html; charset=utf-8', body: '<p>Hi</p>'});
  });

  it('serves template files with their content type, ignoring the query', async () => {
    const css = await route(`${ORIGIN}/template/print.css?v=2`);
    expect(css).toMatchObject({kind: 'serve', contentType: 'text/css; charset=utf-8'});
    expect(await route(`${ORIGIN}/template/cover.svg`)).toMatchObject({kind: 'serve', contentType: 'image/svg+xml'});
  });

  it('serves a listed font from its path outside the template', async () => {
    expect(await route(`${ORIGIN}/template/fonts/${FONT_FILE}`)).toEqual({
      kind: 'serve',
      contentType: 'font/woff2',
      body: readFileSync(FONT_PATH),
    });
  });

  it('serves assets by href with their media type', async () => {
    expect(await route(`${ORIGIN}/assets/abc123.png`)).toEqual({kind: 'serve', contentType: 'image/png', body: png.bytes});
  });

  it('answers 404 for names on the origin that name nothing', async () => {
    expect(await route(`${ORIGIN}/template/nope.css`)).toEqual({kind: 'missing'});
    expect(await route(`${ORIGIN}/assets/nope.png`)).toEqual({kind: 'missing'});
    // The URL parser resolves `..` to /etc/hostname, a path the origin does not serve.
    expect(await route(`${ORIGIN}/template/../../etc/hostname`)).toEqual({kind: 'missing'});
  });

  it.each([
    ['an encoded traversal', `${ORIGIN}/template/..%2F..%2F..%2Fetc%2Fhostname`],
    ['an encoded backslash', `${ORIGIN}/template/..%5C..%5Cetc%5Chostname`],
    ['a symlink out of the template', `${ORIGIN}/template/escape.css`],
    ['a malformed escape', `${ORIGIN}/template/%E0%A4%A`],
    ['another origin', 'http://127.0.0.1:8080/pixel.png'],
    ['the origin over http', 'http://pamphlet.invalid/index.html'],
    ['a file URL', 'file:///etc/hostname'],
  ])('blocks %s', async (_, url) => {
    expect(await route(url)).toEqual({kind: 'blocked'});
  });

  it("lets Chromium decode data: URLs and silences the favicon it asks for itself", async () => {
    expect(await route('data:image/gif;base64,R0lGODlhAQABAAAAACw=')).toEqual({kind: 'data'});
    expect(await route(`${ORIGIN}/favicon.ico`)).toEqual({kind: 'silent'});
  });
});
