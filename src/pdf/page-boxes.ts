import {PDFName, type PDFDocument} from 'pdf-lib';
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

/**
 * How far Chromium's page may be from the trim size before it is a different page rather
 * than a rounding error. Chromium 156 rounds every size from 74 to 297 mm up by 0 to 0.64 pt
 * (A5 becomes 420 × 595.92 pt, +0.17 × +0.23 mm).
 */
const TOLERANCE_PT = mmToPt(1);

/**
 * Sets MediaBox, CropBox, BleedBox and TrimBox of every page to exactly `trim`. Chromium lays
 * the page out from its top-left corner and rounds the paper up, so the excess is a sliver at
 * the right and bottom: the boxes keep the top-left corner and drop that sliver.
 * There is no bleed yet, so BleedBox equals TrimBox (PDF 1.7 §14.11.2).
 */
export function setTrimBoxes(doc: PDFDocument, trim: TrimSize): void {
  const width = mmToPt(trim.widthMm);
  const height = mmToPt(trim.heightMm);
  for (const [index, page] of doc.getPages().entries()) {
    const media = page.getMediaBox();
    if (Math.abs(media.width - width) > TOLERANCE_PT || Math.abs(media.height - height) > TOLERANCE_PT) {
      throw new PamphletError(
        'E_RENDER',
        `Unexpected page ${index + 1} size ${pt(media.width)} × ${pt(media.height)} pt, expected ${pt(width)} × ${pt(height)} pt`,
      );
    }
    const top = media.y + media.height;
    const corners = [media.x, top - height, media.x + width, top].map(roundPt);
    for (const name of ['MediaBox', 'CropBox', 'BleedBox', 'TrimBox']) {
      page.node.set(PDFName.of(name), doc.context.obj(corners));
    }
  }
}

/** A thousandth of a point (0.35 µm) is far below any press; rounding keeps the numbers short. */
function roundPt(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function pt(value: number): string {
  return value.toFixed(2);
}
