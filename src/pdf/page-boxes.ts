import {PDFArray, PDFName, PDFNumber, type PDFDocument, type PDFPageLeaf} from 'pdf-lib';
import {PamphletError} from '../errors.js';

/** The finished size of a page, as ordered. */
export interface TrimSize {
  widthMm: number;
  heightMm: number;
}

/** PostScript points per millimetre: 72 pt to the inch, 25.4 mm to the inch. */
export function mmToPt(mm: number): number {
  return (mm * 72) / 25.4;
}

export function ptToMm(pt: number): number {
  return (pt * 25.4) / 72;
}

/**
 * How far Chromium's page may be from the trim size before it is a different page rather
 * than a rounding error. Chromium 156 rounds every size from 74 to 297 mm up by 0 to 0.64 pt
 * (A5 becomes 420 × 595.92 pt, +0.17 × +0.23 mm).
 */
const TOLERANCE_PT = mmToPt(1);

/**
 * Sets the page boxes of every page for `trim` plus `bleedMm` on each side. Chromium printed
 * the page at trim + 2 × bleed, laid out from its top-left corner, and rounded the paper up:
 * the excess is a sliver at the right and bottom, so the boxes keep the top-left corner and
 * drop that sliver. MediaBox, CropBox and BleedBox are the trim plus bleed; TrimBox is the
 * trim, `bleedMm` inside them. Without bleed all four are equal (PDF 1.7 §14.11.2).
 */
export function setTrimBoxes(doc: PDFDocument, trim: TrimSize, bleedMm = 0): void {
  const bleed = mmToPt(bleedMm);
  const width = mmToPt(trim.widthMm) + 2 * bleed;
  const height = mmToPt(trim.heightMm) + 2 * bleed;
  for (const [index, page] of doc.getPages().entries()) {
    const media = page.getMediaBox();
    if (Math.abs(media.width - width) > TOLERANCE_PT || Math.abs(media.height - height) > TOLERANCE_PT) {
      throw new PamphletError(
        'E_RENDER',
        `Unexpected page ${index + 1} size ${pt(media.width)} × ${pt(media.height)} pt, expected ${pt(width)} × ${pt(height)} pt`,
      );
    }
    const top = media.y + media.height;
    const outer: Box = [media.x, top - height, media.x + width, top];
    for (const name of ['MediaBox', 'CropBox', 'BleedBox'] as const) setBox(doc, page.node, name, outer);
    setBox(doc, page.node, 'TrimBox', inset(outer, bleed));
  }
}

/** A page box as PDF writes it: lower-left x, y, upper-right x, y, in points. */
export type Box = [number, number, number, number];
export type BoxName = 'MediaBox' | 'CropBox' | 'BleedBox' | 'TrimBox' | 'ArtBox';

export function inset([x0, y0, x1, y1]: Box, by: number): Box {
  return [x0 + by, y0 + by, x1 - by, y1 - by];
}

export function setBox(doc: PDFDocument, node: PDFPageLeaf, name: BoxName, box: Box): void {
  node.set(PDFName.of(name), doc.context.obj(box.map(roundPt)));
}

/** The box as written: MediaBox and CropBox may be inherited from the page tree, the others not (PDF 1.7 §7.7.3.4). */
function writtenBox(node: PDFPageLeaf, name: BoxName) {
  const key = PDFName.of(name);
  return node.context.lookup(name === 'MediaBox' || name === 'CropBox' ? node.getInheritableAttribute(key) : node.get(key));
}

/** A page's box, or the box it defaults to (PDF 1.7 §14.11.2: Crop → Media; Bleed, Trim and Art → Crop). */
export function getBox(node: PDFPageLeaf, name: BoxName): Box {
  const value = writtenBox(node, name);
  const array = value instanceof PDFArray ? value : undefined;
  if (array !== undefined && array.size() === 4) {
    const [x0, y0, x1, y1] = array.asArray().map((item) => (item instanceof PDFNumber ? item.asNumber() : 0)) as Box;
    return [Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)];
  }
  if (name === 'MediaBox') return [0, 0, 612, 792];
  return getBox(node, name === 'CropBox' ? 'MediaBox' : 'CropBox');
}

/** True when `name` is written on the page or a parent, rather than defaulted. */
export function hasBox(node: PDFPageLeaf, name: BoxName): boolean {
  return writtenBox(node, name) instanceof PDFArray;
}

export const boxWidth = (box: Box): number => box[2] - box[0];
export const boxHeight = (box: Box): number => box[3] - box[1];

/** A thousandth of a point (0.35 µm) is far below any press; rounding keeps the numbers short. */
function roundPt(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function pt(value: number): string {
  return value.toFixed(2);
}
