import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {PNG} from 'pngjs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Asset} from '../../src/render/asset.js';
import type {Page} from 'puppeteer-core';
import {closeBrowser, getBrowser} from '../../src/pdf/browser.js';
import {withSealedPage} from '../../src/pdf/sealed-page.js';
import {printPdf, type PrintResult} from '../../src/pdf/print.js';
import {CHROMIUM_TIMEOUT, chromiumAvailable, documentHtml, makeTemplate, poppler, scratchDir} from './helpers.js';

function redSquare(): Asset {
  const png = new PNG({width: 8, height: 8});
  for (let i = 0; i < png.data.length; i += 4) png.data.set([220, 30, 30, 255], i);
  return {href: 'assets/abc123.png', mediaType: 'image/png', bytes: new Uint8Array(PNG.sync.write(png))};
}

describe.skipIf(!chromiumAvailable)('a sealed page', {timeout: CHROMIUM_TIMEOUT}, () => {
  const scratch = scratchDir();
  let server: Server;
  let requests: string[] = [];
  let connections = 0;
  let printed: PrintResult;
  let local: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.end('body { color: red }');
    });
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    local = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const asset = redSquare();
    const html = documentHtml(
      `<h1>Sealed</h1>
<p>Nothing here leaves the page.</p>
<img src="${local}/pixel.png" alt="">
<img src="file:///etc/hostname" alt="">
<img src="${asset.href}" alt="A red square" width="40" height="40">
<img src="template/..%2F..%2F..%2Fetc%2Fhostname" alt="">
<iframe src="${local}/frame.html"></iframe>
<script src="${local}/script.js"></script>`,
      `<link rel="stylesheet" href="${local}/remote.css">
<link rel="stylesheet" href="template/missing.css">
<link rel="preconnect" href="${local}">
<link rel="dns-prefetch" href="//tracker.example">
<meta http-equiv="refresh" content="0; url=${local}/refresh">
<style>@import url(${local}/x.css);</style>`,
    );
    printed = await printPdf({html, template: makeTemplate(scratch.dir), assets: new Map([[asset.href, asset]])}, {widthMm: 148, heightMm: 210});
  }, CHROMIUM_TIMEOUT);

  afterAll(async () => {
    await closeBrowser();
    await new Promise((resolve) => server?.close(resolve));
    scratch.remove();
  }, CHROMIUM_TIMEOUT);

  it('reaches no server, not even with a connection', () => {
    expect(requests).toEqual([]);
    expect(connections).toBe(0);
  });

  it('reports every request outside the document as blocked', () => {
    expect(printed.blocked).toEqual(
      expect.arrayContaining([
        `${local}/pixel.png`,
        'file:///etc/hostname',
        `${local}/remote.css`,
        `${local}/x.css`,
        `${local}/frame.html`,
        'https://pamphlet.invalid/template/..%2F..%2F..%2Fetc%2Fhostname',
      ]),
    );
    // JavaScript is off, so the script is never even requested.
    expect(printed.blocked).not.toContain(`${local}/script.js`);
  });

  it('reports broken references to the template as missing', () => {
    expect(printed.missing).toEqual(['https://pamphlet.invalid/template/missing.css']);
  });

  it('prints the document, not the page a meta refresh or a blocked frame would show', () => {
    expect(poppler('pdftotext', [], printed.pdf)).toContain('Nothing here leaves the page.');
  });

  it("embeds the template's font, served from its npm package", () => {
    const fonts = poppler('pdffonts', [], printed.pdf).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/^\w{6}\+SourceSerif4\S*\s.*\byes\s+yes\s+yes\b/);
  });

  it('shows the asset from the AssetMap', () => {
    const images = poppler('pdfimages', ['-list'], printed.pdf).split('\n').slice(2).filter(Boolean);
    expect(images).toHaveLength(1);
    expect(images[0]).toMatch(/^\s*1\s+\d+\s+image\s+8\s+8\s/);
  });
});

describe.skipIf(!chromiumAvailable)('sealed pages reused between documents', {timeout: CHROMIUM_TIMEOUT}, () => {
  const scratch = scratchDir();
  afterAll(async () => {
    await closeBrowser();
    scratch.remove();
  });

  it('show each document in turn, and a page is replaced after 100 documents', async () => {
    const template = makeTemplate(scratch.dir);
    const browser = await getBrowser();
    const seen: Array<{page: Page; text: string}> = [];
    for (let index = 1; index <= 101; index++) {
      const doc = {html: documentHtml(`<p>Document ${index}</p>`), template, assets: new Map()};
      seen.push(
        await withSealedPage(browser, doc, 'test', async (sealed) => {
          await sealed.load();
          return {page: sealed.page, text: await sealed.page.evaluate(() => document.body.textContent?.trim() ?? '')};
        }),
      );
    }
    expect(seen.map((shown) => shown.text)).toEqual(Array.from({length: 101}, (_, index) => `Document ${index + 1}`));
    expect(new Set(seen.slice(0, 100).map((shown) => shown.page)).size).toBe(1);
    expect(seen[100]!.page).not.toBe(seen[0]!.page);
    expect(seen[0]!.page.isClosed()).toBe(true);
  });

  it('have their renderer let go of the documents they showed before', async () => {
    const template = makeTemplate(scratch.dir);
    const browser = await getBrowser();
    const paragraphs = '<p>Some words of a long article.</p>'.repeat(300);
    const nodes: number[] = [];
    for (let index = 1; index <= 21; index++) {
      const doc = {html: documentHtml(`${paragraphs}<p>Document ${index}</p>`), template, assets: new Map()};
      nodes.push(
        await withSealedPage(browser, doc, 'renderer-memory', async (sealed) => {
          await sealed.load();
          const session = await sealed.page.createCDPSession();
          const counters = await session.send('Memory.getDOMCounters');
          await session.detach();
          return counters.nodes;
        }),
      );
    }
    // Each document has more than 600 nodes. Left to itself, the renderer holds the nodes of
    // every document it has shown: 21 times the first document's by the 21st. It collects
    // every 10 documents (the last collection may still be under way).
    expect(nodes[0]).toBeGreaterThan(600);
    expect(nodes[20]).toBeLessThan(nodes[0]! * 13);
  });
});
