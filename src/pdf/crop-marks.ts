import {cmyk, rgb, type PDFDocument} from 'pdf-lib';
import {getBox, mmToPt, setBox, type Box} from './page-boxes.js';

export interface CropMarkOptions {
  /**
   * `cmyk`: registration colour (100 % of every ink), so the marks print on every plate of a
   * press run. `rgb`: black, for a PDF that stays RGB (a CMYK colour in it would be the only
   * one, and a PDF/X conversion maps black to all four inks anyway).
   */
  colour?: 'rgb' | 'cmyk';
}

/**
 * InDesign's and Acrobat's defaults: marks 0.25 pt thick and about 5 mm long. They start
 * 2 mm beyond the bleed, so a guillotine that cuts a hair outside the trim never shows them.
 */
const MARK_LENGTH_MM = 5;
const MARK_GAP_MM = 2;
const MARK_WEIGHT_PT = 0.25;

/**
 * Grows every page onto a sheet with crop marks around its trim. Chromium ignores CSS `marks`,
 * so they are drawn here: the MediaBox and CropBox grow (the page's own content, tags, links
 * and outline stay as they are, clipped to the bleed), the TrimBox and BleedBox stay where
 * they were, and eight marks per page are drawn in line with the trim, outside the bleed.
 */
export function addCropMarks(doc: PDFDocument, options: CropMarkOptions = {}): void {
  const color = options.colour === 'cmyk' ? cmyk(1, 1, 1, 1) : rgb(0, 0, 0);
  for (const page of doc.getPages()) {
    const trim = getBox(page.node, 'TrimBox');
    const bleed = getBox(page.node, 'BleedBox');
    const bleedPt = Math.max(trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3], 0);
    const start = bleedPt + mmToPt(MARK_GAP_MM);
    const end = start + mmToPt(MARK_LENGTH_MM);
    const sheet: Box = [trim[0] - end, trim[1] - end, trim[2] + end, trim[3] + end];
    setBox(doc, page.node, 'MediaBox', sheet);
    setBox(doc, page.node, 'CropBox', sheet);
    // Chromium's paper was rounded up a fraction of a point past the bleed; on the larger
    // sheet that sliver would show. The page's own content is clipped to its BleedBox.
    const [x0, y0, x1, y1] = bleed;
    const clip = doc.context.register(doc.context.stream(`q ${x0} ${y0} ${x1 - x0} ${y1 - y0} re W n`));
    page.node.wrapContentStreams(clip, doc.context.register(doc.context.stream('Q')));
    const [left, bottom, right, top] = trim;
    const line = (x0: number, y0: number, x1: number, y1: number) =>
      page.drawLine({start: {x: x0, y: y0}, end: {x: x1, y: y1}, thickness: MARK_WEIGHT_PT, color});
    for (const y of [bottom, top]) {
      line(left - end, y, left - start, y);
      line(right + start, y, right + end, y);
    }
    for (const x of [left, right]) {
      line(x, bottom - end, x, bottom - start);
      line(x, top + start, x, top + end);
    }
  }
}
