import {existsSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {isPamphletError, PamphletError, firstLine} from '../errors.js';
import {DEVICE_SCALE} from '../pdf/chromium.js';
import type {AssetMap} from '../render/asset.js';
import {renderLiquid} from '../render/liquid.js';
import {BUNDLED_TEMPLATES} from '../render/load-template.js';
import {servedFontCss, type Template} from '../render/template.js';
import type {EpubCover} from './write-epub.js';

/** What the cover shows; `cover.liquid` sees these names (templates/README.md). */
export interface CoverContext {
  lang: string;
  dir: 'ltr' | 'rtl';
  title: string;
  subtitle?: string;
  byline?: string;
  siteName?: string;
  issue?: string;
  dateText?: string;
  /** The lead picture, as an `assets/<name>` href with its own alt text. */
  image?: {src: string; alt: string};
  /** The articles of a collection, in order; one entry for a single article. */
  articles: Array<{title: string; byline?: string}>;
}

export interface RenderedCover extends EpubCover {
  /** URLs the cover page asked for outside itself, all refused; the caller warns about each. */
  blocked: string[];
}

/**
 * Kindle's and Kobo's recommended cover, 1600 × 2560 pixels (1 : 1.6), laid out at half that
 * in CSS pixels and captured at a device scale of 2 so text stays sharp.
 */
export const COVER_SIZE = {width: 800, height: 1280, scale: DEVICE_SCALE} as const;

/** JPEG quality of the captured cover: flat colour and type show no artefacts at 90. */
const COVER_JPEG_QUALITY = 90;

/** A template's cover, or the bundled pamphlet cover when the template brings none. */
async function coverTemplate(template: Template): Promise<{dir: string; source: string}> {
  const own = path.join(template.dir, 'cover.liquid');
  const dir = existsSync(own) ? template.dir : path.join(BUNDLED_TEMPLATES, 'pamphlet');
  return {dir, source: await readFile(path.join(dir, 'cover.liquid'), 'utf8')};
}

/**
 * Renders the template's `cover.liquid` on a sealed Chromium page (JavaScript off, nothing
 * loaded but the template, its fonts and `assets`) and captures it as a JPEG. The alt text is
 * what the page shows: its text, block by block, and its pictures' own alt text.
 */
export async function renderCover(context: CoverContext, template: Template, assets: AssetMap): Promise<RenderedCover> {
  const {dir, source} = await coverTemplate(template);
  const html = await renderLiquid(source, {
    ...context,
    fontCss: servedFontCss(template),
  });
  const {drawsFramesOnRequest, getBrowser, withSealedPage} = await import('../pdf/index.js');
  try {
    const browser = await getBrowser();
    // One cover at a time, so one page draws them all. Chromium's full browser draws no new
    // frame for a tab in the background (a capture there waits for one until the protocol times
    // out, 3 minutes), and a tab brought to the front redraws everything: two cover pages taking
    // turns cost 161 ms of CPU a cover, one page 122-140 ms. A headless shell draws a frame only
    // when asked; two cover pages at once were no faster there.
    return await inTurn(() =>
      withSealedPage(browser, {html, template: {...template, dir}, assets}, 'cover', async ({page, blocked, load, drawJpeg}) => {
        const viewport = page.viewport();
        if (viewport?.width !== COVER_SIZE.width || viewport.height !== COVER_SIZE.height || viewport.deviceScaleFactor !== COVER_SIZE.scale) {
          await page.setViewport({width: COVER_SIZE.width, height: COVER_SIZE.height, deviceScaleFactor: COVER_SIZE.scale});
        }
        await load();
        // DevTools evaluation runs with the page's JavaScript off. Its text is read once the
        // fonts are in, which they must be before the capture.
        const alt = await page.evaluate(coverText);
        if (drawsFramesOnRequest(browser)) return {bytes: await drawJpeg(COVER_JPEG_QUALITY), alt, blocked: [...blocked]};
        // A no-op once the cover page is in front; a print page may have been before it.
        await page.bringToFront();
        const bytes = await page.screenshot({
          type: 'jpeg',
          quality: COVER_JPEG_QUALITY,
          clip: {x: 0, y: 0, width: COVER_SIZE.width, height: COVER_SIZE.height},
        });
        return {bytes: new Uint8Array(bytes), alt, blocked: [...blocked]};
      }),
    );
  } catch (error) {
    if (isPamphletError(error)) throw error;
    const reason = firstLine(error);
    throw new PamphletError('E_RENDER', `Chromium could not render the EPUB cover: ${reason}`, {cause: error});
  }
}

let covers: Promise<unknown> = Promise.resolve();

/** Runs `work` after every cover started before it has finished. */
function inTurn<T>(work: () => Promise<T>): Promise<T> {
  const turn = covers.then(work, work);
  covers = turn.catch(() => undefined);
  return turn;
}

/**
 * Runs in the page, once its fonts are in: the text of each block that holds text, as written
 * (not as `text-transform` shows it), then each picture's alt text, joined as sentences. One
 * call for both, as each round trip of a cover waits its turn on Node's busy event loop: in a
 * batch, the covers, drawn one at a time, are what the other work waits for.
 */
async function coverText(): Promise<string> {
  await document.fonts.ready;
  const parts: Array<{block: Element; text: string}> = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent === null || parent.closest('[aria-hidden="true"]')) continue;
    let block: Element = parent;
    while (block !== document.body && getComputedStyle(block).display === 'inline' && block.parentElement) block = block.parentElement;
    const last = parts.at(-1);
    if (last?.block === block) last.text += node.textContent ?? '';
    else parts.push({block, text: node.textContent ?? ''});
  }
  const texts = parts.map((part) => part.text);
  for (const image of Array.from(document.images)) texts.push(image.alt);
  return texts
    .map((text) => text.replace(/\s+/g, ' ').trim())
    .filter((text) => text !== '')
    .map((text) => (/[.!?…:;]$/.test(text) ? text : `${text}.`))
    .join(' ');
}
