import {isPamphletError, PamphletError, firstLine} from '../errors.js';
import {getBrowser} from './browser.js';
import {withSealedPage} from './sealed-page.js';
import type {SealedDocument} from './virtual-origin.js';

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
 * Prints `doc` with the shared Chromium on a sealed page. Margins are 0 because the
 * template's `@page` rules own them; the paper size is always explicit because Chromium
 * takes `@page { size: A6 }` for Letter when asked to prefer the CSS size. Chromium still
 * rounds the paper up by a fraction of a millimetre: `finishPdf` sets the exact boxes.
 */
export async function printPdf(doc: SealedDocument, options: PrintOptions): Promise<PrintResult> {
  const browser = await getBrowser();
  try {
    return await withSealedPage(browser, doc, 'print', async (sealed) => {
      await sealed.load();
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
      return {pdf, blocked: [...sealed.blocked], missing: [...sealed.missing]};
    });
  } catch (error) {
    if (isPamphletError(error)) throw error;
    const reason = firstLine(error);
    throw new PamphletError('E_RENDER', `Chromium could not print the document: ${reason}`, {cause: error});
  }
}
