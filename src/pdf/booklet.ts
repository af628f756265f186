import {PDFDocument} from 'pdf-lib';
import {boxHeight, boxWidth, getBox, mmToPt, ptToMm, setBox, type Box, type TrimSize} from './page-boxes.js';
import {loadPdf, savePdf, setMetadata, type PdfMetadata} from './metadata.js';

/** A position on an imposed sheet: a page number of the original (1-based), or a blank. */
export type Slot = number | 'blank';

export interface BookletSheet {
  /** Left and right halves of the sheet's front, as it comes out of the printer. */
  front: [Slot, Slot];
  /** Left and right halves of its back. */
  back: [Slot, Slot];
}

export interface BookletPadding {
  /**
   * The last page is a back cover (unnumbered): the blanks go before it, so it stays on the
   * outside. Otherwise they go at the end, where they change no page's number either.
   */
  backCover?: boolean;
}

/**
 * The booklet's reading order for `pageCount` pages, padded with blanks to a multiple of 4.
 * Every page before the blanks keeps the position, and so the printed number and the
 * left or right side, it was laid out with.
 */
export function bookletPages(pageCount: number, padding: BookletPadding = {}): Slot[] {
  const padded = Math.max(4, Math.ceil(pageCount / 4) * 4);
  const blanks: Slot[] = Array.from({length: padded - pageCount}, () => 'blank');
  const pages = Array.from({length: pageCount}, (_, index) => index + 1);
  // A single page is a front cover with nothing behind it.
  if (!padding.backCover || pageCount < 2) return [...pages, ...blanks];
  return [...pages.slice(0, -1), ...blanks, pageCount];
}

/** Inserts the blank pages `bookletPages` asks for, each with the boxes of the page before it. */
export function padToBooklet(doc: PDFDocument, padding: BookletPadding = {}): number {
  const order = bookletPages(doc.getPageCount(), padding);
  let added = 0;
  for (const [index, slot] of order.entries()) {
    if (slot !== 'blank') continue;
    const model = doc.getPage(Math.max(0, index - 1));
    const blank = doc.insertPage(index, [model.getWidth(), model.getHeight()]);
    for (const name of ['MediaBox', 'CropBox', 'BleedBox', 'TrimBox'] as const) setBox(doc, blank.node, name, getBox(model.node, name));
    added += 1;
  }
  return added;
}

/**
 * Saddle-stitch imposition: sheet `s` (from 0) of an `n`-page booklet carries pages
 * n − 2s and 1 + 2s on its front, 2 + 2s and n − 1 − 2s on its back. Stacked in order,
 * printed duplex (flip on the short edge) and folded, the pages read 1, 2, …, n.
 */
export function bookletSheets(pageCount: number): BookletSheet[] {
  const order = bookletPages(pageCount);
  const n = order.length;
  const at = (position: number): Slot => order[position - 1] ?? 'blank';
  return Array.from({length: n / 4}, (_, s) => ({
    front: [at(n - 2 * s), at(1 + 2 * s)],
    back: [at(2 + 2 * s), at(n - 1 - 2 * s)],
  }));
}

/** Office and press sheets, landscape, in mm: a booklet prints on one when it fits to 2 mm. */
const SHEETS: readonly TrimSize[] = [
  {widthMm: 297, heightMm: 210}, // A4: A5 pages (2 × 148 = 296: ISO sizes are rounded down)
  {widthMm: 420, heightMm: 297}, // A3: A4 pages
  {widthMm: 210, heightMm: 148}, // A5: A6 pages
  {widthMm: 279.4, heightMm: 215.9}, // Letter: half-letter pages
  {widthMm: 431.8, heightMm: 279.4}, // Tabloid: letter pages
];
const SHEET_SLACK_MM = 2;

/**
 * The sheet a booklet of `trim` pages prints on: two pages side by side, on the standard
 * paper that holds them when there is one (A5 → A4 landscape), else exactly two pages wide.
 */
export function bookletSheetSize(trim: TrimSize): TrimSize {
  const pair = {widthMm: 2 * trim.widthMm, heightMm: trim.heightMm};
  const fits = SHEETS.find(
    (sheet) => sheet.widthMm >= pair.widthMm - 0.01 && sheet.heightMm >= pair.heightMm - 0.01 && sheet.widthMm - pair.widthMm <= SHEET_SLACK_MM && sheet.heightMm - pair.heightMm <= SHEET_SLACK_MM,
  );
  return fits ?? pair;
}

/**
 * Imposes `pdf` as a saddle-stitched booklet: each page's TrimBox (bleed and marks cut off)
 * placed two-up on `bookletSheetSize` sheets, either side of the fold, in `bookletSheets` order, fronts and backs
 * alternating so a duplex printer prints the sheets as they come. The sheets carry the
 * document's metadata; their boxes are all the sheet, since the office printer is the press.
 */
export async function imposeBooklet(pdf: Uint8Array, meta: PdfMetadata): Promise<Uint8Array> {
  const source = await loadPdf(pdf);
  const pages = source.getPages();
  const trims = pages.map((page) => getBox(page.node, 'TrimBox'));
  const first = trims[0];
  if (first === undefined) throw new RangeError('imposeBooklet: the PDF has no pages');
  const [width, height] = [boxWidth(first), boxHeight(first)];
  const sheet = bookletSheetSize({widthMm: ptToMm(width), heightMm: ptToMm(height)});
  const [sheetWidth, sheetHeight] = [mmToPt(sheet.widthMm), mmToPt(sheet.heightMm)];
  // The pair is centred on the sheet, so the fold is its middle.
  const [foldX, bottomY] = [sheetWidth / 2, (sheetHeight - height) / 2];

  const booklet = await PDFDocument.create({updateMetadata: false});
  setMetadata(booklet, meta);
  // A page without content (a padding blank) is left empty on the sheet: pdf-lib cannot embed it.
  const embedded = await Promise.all(
    pages.map((page, index) => {
      const [left, bottom, right, top] = trims[index]!;
      return page.node.Contents() === undefined ? undefined : booklet.embedPage(page, {left, bottom, right, top});
    }),
  );
  const sheetBox: Box = [0, 0, sheetWidth, sheetHeight];
  for (const {front, back} of bookletSheets(pages.length)) {
    for (const side of [front, back]) {
      const page = booklet.addPage([sheetWidth, sheetHeight]);
      for (const [half, slot] of side.entries()) {
        const form = slot === 'blank' ? undefined : embedded[slot - 1];
        if (form !== undefined) page.drawPage(form, {x: half === 0 ? foldX - width : foldX, y: bottomY, width, height});
      }
      for (const name of ['MediaBox', 'CropBox', 'BleedBox', 'TrimBox'] as const) setBox(booklet, page.node, name, sheetBox);
    }
  }
  return savePdf(booklet);
}
