import {isPamphletError, PamphletError} from '../errors.js';
import {getBrowser} from './browser.js';
import type {Browser} from 'puppeteer-core';
import {openSealedPage, type SealedPage} from './sealed-page.js';
import {INDEX_URL, type SealedDocument} from './virtual-origin.js';

export interface PrintOptions {
  widthMm: number;
  heightMm: number;
  /** Written as the document title, which Chromium copies into the PDF's /Title. */
  title?: string;
}

export interface PrintResult {
  pdf: Uint8Array;
  /** URLs the document asked for outside itself; the caller warns about each. */
  blocked: string[];
  /** URLs on the virtual origin that named nothing: broken template or asset references. */
  missing: string[];
}

/**
 * Sealed pages left open after a print, per browser, for the next article: opening and
 * sealing a page costs about as much as laying out a short article. A page is reused only
 * after a print that succeeded; at most as many exist as prints ran at once.
 */
const idle = new WeakMap<Browser, SealedPage[]>();

function idlePages(browser: Browser): SealedPage[] {
  let pages = idle.get(browser);
  if (!pages) {
    pages = [];
    idle.set(browser, pages);
  }
  return pages;
}

async function takePage(browser: Browser, doc: SealedDocument): Promise<SealedPage> {
  const sealed = idlePages(browser).pop();
  if (!sealed) return openSealedPage(browser, doc);
  sealed.use(doc);
  return sealed;
}

/**
 * Prints `doc` with the shared Chromium on a sealed page. Margins are 0 because the
 * template's `@page` rules own them; the paper size is always explicit because Chromium
 * takes `@page { size: A6 }` for Letter when asked to prefer the CSS size. Chromium still
 * rounds the paper up by a fraction of a millimetre: `finishPdf` sets the exact boxes.
 */
export async function printPdf(doc: SealedDocument, options: PrintOptions): Promise<PrintResult> {
  const browser = await getBrowser();
  try {
    const sealed = await takePage(browser, doc);
    let reusable = false;
    try {
      await sealed.page.goto(INDEX_URL, {waitUntil: 'load'});
      if (options.title !== undefined) {
        // DevTools evaluation still runs with the page's JavaScript disabled.
        await sealed.page.evaluate((title) => {
          document.title = title;
        }, options.title);
      }
      // Chromium lays out @page margin boxes (page numbers, running heads) without loading
      // fonts for them: a face used only there prints as nothing. Load every template face.
      const faces = doc.template.fonts.map((font) => `${font.style} ${font.weight} 12px "${font.family}"`);
      await sealed.page.evaluate((list) => Promise.all(list.map((face) => document.fonts.load(face))).then(() => undefined), [...new Set(faces)]);
      const pdf = await sealed.page.pdf({
        // In inches: puppeteer converts `mm` with 3.78 px/mm instead of 96 / 25.4.
        width: `${options.widthMm / 25.4}in`,
        height: `${options.heightMm / 25.4}in`,
        margin: {top: 0, right: 0, bottom: 0, left: 0},
        printBackground: true,
        preferCSSPageSize: false,
        tagged: true,
        outline: true,
        // Awaits document.fonts.ready in puppeteer's isolated world, which works with the
        // page's JavaScript off: web fonts requested during the last layout are in.
        waitForFonts: true,
      });
      reusable = true;
      return {pdf, blocked: [...sealed.blocked], missing: [...sealed.missing]};
    } finally {
      if (reusable && browser.connected) {
        idlePages(browser).push(sealed);
      } else {
        // The page is already gone if Chromium crashed; the error that matters is the one above.
        await sealed.page.close().catch(() => undefined);
      }
    }
  } catch (error) {
    if (isPamphletError(error)) throw error;
    const reason = error instanceof Error ? error.message.split('\n', 1)[0] : String(error);
    throw new PamphletError('E_RENDER', `Chromium could not print the document: ${reason}`, {cause: error});
  }
}
