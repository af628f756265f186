import type {Browser, CDPSession, HTTPRequest, Page} from 'puppeteer-core';
import {createVirtualOrigin, INDEX_URL, type Route, type SealedDocument} from './virtual-origin.js';

export interface SealedPage {
  page: Page;
  /** URLs the page asked for outside the document, each once, in the order first asked. */
  blocked: string[];
  /** URLs on the virtual origin that name nothing (a broken template or asset reference). */
  missing: string[];
  /** Serve another document from now on (a page is reused for the next article), with fresh lists. */
  use(doc: SealedDocument): void;
  /**
   * Shows the current document and waits for its `load`. The first time, the page navigates to
   * `INDEX_URL`; after that the document is rewritten in place (`document.open`/`write`), so
   * the stylesheets and fonts already loaded from the template are kept instead of being
   * fetched and decoded again for every article. That halves the time of a warm print.
   */
  load(): Promise<void>;
  /** Frees what the renderer keeps of the documents shown before (see `COLLECT_EVERY`). */
  collectGarbage(): Promise<void>;
  /**
   * Draws a frame of the document shown and returns it as a JPEG, on a browser whose pages draw
   * frames only when asked (`drawsFramesOnRequest`). Its size is the viewport's at the browser's
   * device scale.
   */
  drawJpeg(quality: number): Promise<Uint8Array>;
}

/**
 * Frames asked for before one comes with its picture. The protocol warns that a capture can
 * fail while the renderer sets up: a bare page given content straight after launch drew its
 * first frame without one, and its second with one. Every cover drawn here came with its picture
 * at the first frame; should one not, another is asked for rather than the EPUB losing its cover.
 */
const FRAME_ATTEMPTS = 4;

/**
 * Chromium refuses `file:` URLs from an https page before interception sees them; its console
 * message (logged even with JavaScript off) is the only trace.
 */
const LOCAL_RESOURCE_MESSAGE = /^Not allowed to load local resource: (\S+)/;

/**
 * Opens a page that can load nothing but `doc`: JavaScript off, no HTTP cache, no service
 * workers, and every request answered by interception from the virtual origin.
 * Show the document with `load()`.
 */
export async function openSealedPage(browser: Browser, doc: SealedDocument): Promise<SealedPage> {
  let current = doc;
  let route = createVirtualOrigin(doc);
  const blocked: string[] = [];
  const missing: string[] = [];
  const use = (next: SealedDocument) => {
    current = next;
    route = createVirtualOrigin(next);
    blocked.length = 0;
    missing.length = 0;
  };
  const page = await blankPage(browser);
  try {
    await page.setJavaScriptEnabled(false);
    await page.setBypassServiceWorker(true);
    await page.setCacheEnabled(false);
    await page.setRequestInterception(true);
  } catch (error) {
    await page.close();
    throw error;
  }

  async function answer(request: HTTPRequest): Promise<void> {
    const url = request.url();
    const target: Route = await route(url);
    switch (target.kind) {
      case 'serve':
        return request.respond({status: 200, contentType: target.contentType, body: target.body});
      case 'data':
        return request.continue();
      case 'silent':
        return request.respond({status: 204});
      case 'missing':
        noteOnce(missing, url);
        return request.respond({status: 404});
      case 'blocked':
        noteOnce(blocked, url);
        // An aborted navigation (a `<meta http-equiv="refresh">`, an iframe) shows Chromium's
        // error page in place of the document; a 204 leaves the document where it is.
        return request.isNavigationRequest() ? request.respond({status: 204}) : request.abort('blockedbyclient');
    }
  }

  page.on('request', (request) => {
    // Rejects only when the page closed while the request was in flight; nothing is left to answer.
    answer(request).catch(() => undefined);
  });
  page.on('console', (message) => {
    const url = LOCAL_RESOURCE_MESSAGE.exec(message.text())?.[1];
    if (url !== undefined) noteOnce(blocked, url);
  });

  const load = async () => {
    // Rewriting keeps the document's URL, so relative references still resolve on the virtual
    // origin. Only a page still at INDEX_URL is rewritten: anything else navigates afresh.
    // Resources kept from an earlier article are the template's files, which do not change
    // during a build, and assets, whose names are hashes of their bytes.
    if (page.url() === INDEX_URL) await page.setContent(current.html, {waitUntil: 'load'});
    else await page.goto(INDEX_URL, {waitUntil: 'load'});
  };

  let session: Promise<CDPSession> | undefined;
  const devtools = () => (session ??= page.createCDPSession());
  const collectGarbage = async () => {
    await (await devtools()).send('HeapProfiler.collectGarbage');
  };
  const drawJpeg = async (quality: number) => {
    const cdp = await devtools();
    for (let attempt = 1; attempt <= FRAME_ATTEMPTS; attempt++) {
      const {screenshotData} = await cdp.send('HeadlessExperimental.beginFrame', {screenshot: {format: 'jpeg', quality}});
      if (screenshotData !== undefined) return new Uint8Array(Buffer.from(screenshotData, 'base64'));
    }
    throw new Error(`Chromium drew ${FRAME_ATTEMPTS} frames without a picture of any`);
  };

  return {page, blocked, missing, use, load, collectGarbage, drawJpeg};
}

/** Browsers whose launch tab a sealed page has already taken. */
const launchTabTaken = new WeakSet<Browser>();

/**
 * A new blank page. The first one is the tab Chromium opens at launch, which otherwise sits
 * unused: opening another costs about 130 ms at the start of every run, and a renderer.
 */
async function blankPage(browser: Browser): Promise<Page> {
  if (!launchTabTaken.has(browser)) {
    launchTabTaken.add(browser);
    const [launchTab] = await browser.pages();
    if (launchTab !== undefined && launchTab.url() === 'about:blank') return launchTab;
  }
  return browser.newPage();
}

function noteOnce(list: string[], url: string): void {
  if (!list.includes(url)) list.push(url);
}

/**
 * Sealed pages left open after a job, per browser and kind ("print", "cover"), for the next
 * article: opening and sealing a page costs about as much as laying out a short article. A
 * page goes back only after a job that succeeded; at most as many exist as jobs ran at once.
 */
const idle = new WeakMap<Browser, Map<string, SealedPage[]>>();

function idlePages(browser: Browser, kind: string): SealedPage[] {
  let kinds = idle.get(browser);
  if (!kinds) {
    kinds = new Map();
    idle.set(browser, kinds);
  }
  let pages = kinds.get(kind);
  if (!pages) {
    pages = [];
    kinds.set(kind, pages);
  }
  return pages;
}

/**
 * Documents a page shows before it is closed and a fresh one opened: a renderer that has laid
 * out hundreds of documents holds memory it does not give back (a 1,000-article batch grew
 * about 100 MB in Chromium without this), and a new page costs one navigation.
 */
const MAX_PAGE_USES = 100;

/**
 * Documents a page shows between two collections of its renderer's garbage. Blink's DOM is
 * collected with V8's heap, and with JavaScript off V8 allocates next to nothing, so it hardly
 * ever collects: a reused page's renderer kept the nodes of every document it had shown. With a
 * collection every 10 documents, the three renderers of a 200-article batch peaked at 180-210 MB
 * instead of 280-330. Every 4 freed little more and made the batch 4 % slower; every 10 costs
 * about 1 %.
 */
const COLLECT_EVERY = 10;
const pageUses = new WeakMap<SealedPage, number>();

/** Run `work` on a sealed page serving `doc`, reusing one left by an earlier job of the same kind. */
export async function withSealedPage<T>(browser: Browser, doc: SealedDocument, kind: string, work: (sealed: SealedPage) => Promise<T>): Promise<T> {
  // Per template too: a reused page keeps the template files it already loaded.
  const pool = idlePages(browser, `${kind}\u0000${doc.template.dir}`);
  const reused = pool.pop();
  reused?.use(doc);
  const sealed = reused ?? (await openSealedPage(browser, doc));
  const uses = (pageUses.get(sealed) ?? 0) + 1;
  pageUses.set(sealed, uses);
  let succeeded = false;
  try {
    const result = await work(sealed);
    succeeded = true;
    return result;
  } finally {
    if (succeeded && browser.connected && uses < MAX_PAGE_USES) {
      // Not awaited: the job's result need not wait for the renderer to collect. If Chromium
      // has just gone, the next job on this page finds out.
      if (uses % COLLECT_EVERY === 0) sealed.collectGarbage().catch(() => undefined);
      pool.push(sealed);
    } else {
      // The page is already gone if Chromium crashed; the error that matters is the one thrown.
      await sealed.page.close().catch(() => undefined);
    }
  }
}
