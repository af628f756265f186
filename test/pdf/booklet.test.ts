import {execFileSync} from 'node:child_process';
import {mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {PDFDocument, StandardFonts} from 'pdf-lib';
import {describe, expect, it} from 'vitest';
import {bookletPages, bookletSheets, imposeBooklet, padToBooklet} from '../../src/pdf/booklet.js';
import {getBox, mmToPt, setTrimBoxes} from '../../src/pdf/page-boxes.js';

const A5 = {widthMm: 148, heightMm: 210};
const META = {title: 'Booklet test', authors: ['Ann'], lang: 'en', date: new Date('2024-01-02T00:00:00Z')};

/** An A5 PDF whose page k says "P<k>" in large type, with `bleedMm` of bleed. */
async function numberedPdf(count: number, bleedMm = 0): Promise<Uint8Array> {
  const doc = await PDFDocument.create({updateMetadata: false});
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const [width, height] = [mmToPt(A5.widthMm + 2 * bleedMm), mmToPt(A5.heightMm + 2 * bleedMm)];
  for (let k = 1; k <= count; k++) {
    const page = doc.addPage([width, height]);
    page.drawText(`P${k}`, {x: width / 2 - 30, y: height / 2, size: 40, font});
  }
  setTrimBoxes(doc, A5, bleedMm);
  return doc.save();
}

/** The text of the left and right halves of every sheet, read with pdftotext's crop box. */
function halves(file: string, sheets: number, sheetWidth: number, sheetHeight: number): string[][] {
  const read = (page: number, x: number) =>
    execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-x', String(x), '-y', '0', '-W', String(Math.floor(sheetWidth / 2)), '-H', String(Math.ceil(sheetHeight)), file, '-'], {encoding: 'utf8'}).trim() || '-';
  return Array.from({length: sheets}, (_, index) => [read(index + 1, 0), read(index + 1, Math.ceil(sheetWidth / 2))]);
}

describe('bookletSheets', () => {
  it('puts 8 pages in saddle-stitch order', () => {
    expect(bookletSheets(8)).toEqual([
      {front: [8, 1], back: [2, 7]},
      {front: [6, 3], back: [4, 5]},
    ]);
  });

  it('puts 12 pages in saddle-stitch order', () => {
    expect(bookletSheets(12)).toEqual([
      {front: [12, 1], back: [2, 11]},
      {front: [10, 3], back: [4, 9]},
      {front: [8, 5], back: [6, 7]},
    ]);
  });

  it('pads with blanks at the end, or before a back cover so it stays last', () => {
    expect(bookletPages(6)).toEqual([1, 2, 3, 4, 5, 6, 'blank', 'blank']);
    expect(bookletPages(6, {backCover: true})).toEqual([1, 2, 3, 4, 5, 'blank', 'blank', 6]);
    expect(bookletPages(8, {backCover: true})).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(bookletPages(1, {backCover: true})).toEqual([1, 'blank', 'blank', 'blank']);
  });

  it('every page appears once, and folding the stacked sheets reads 1 to n', () => {
    for (let count = 1; count <= 40; count++) {
      const sheets = bookletSheets(count);
      // Unfold: the outer half of sheet s is pages s*2+1 (right of front) and s*2+2 (left of back)…
      const reading = [...sheets.flatMap((sheet) => [sheet.front[1], sheet.back[0]]), ...sheets.reverse().flatMap((sheet) => [sheet.back[1], sheet.front[0]])];
      expect(reading).toEqual(bookletPages(count));
    }
  });
});

describe('imposeBooklet', () => {
  it.each([
    [8, [['P8', 'P1'], ['P2', 'P7'], ['P6', 'P3'], ['P4', 'P5']]],
    [12, [['P12', 'P1'], ['P2', 'P11'], ['P10', 'P3'], ['P4', 'P9'], ['P8', 'P5'], ['P6', 'P7']]],
  ])('imposes %i A5 pages on A4 landscape sheets, fronts and backs in order', async (count, expected) => {
    const folder = await mkdtemp(path.join(tmpdir(), 'pamphlet-booklet-'));
    const file = path.join(folder, 'booklet.pdf');
    await writeFile(file, await imposeBooklet(await numberedPdf(count, 3), META));
    const booklet = await PDFDocument.load(await import('node:fs').then((fs) => fs.readFileSync(file)));
    expect(booklet.getPageCount()).toBe(count / 2);
    for (const page of booklet.getPages()) {
      // A4 landscape, 297 × 210 mm (two A5 pages are 296 mm), the bleed of the pages cut off.
      expect(page.getWidth()).toBeCloseTo(mmToPt(297), 0);
      expect(page.getHeight()).toBeCloseTo(mmToPt(210), 0);
      expect(getBox(page.node, 'TrimBox')).toEqual(getBox(page.node, 'MediaBox'));
    }
    expect(halves(file, count / 2, mmToPt(297), mmToPt(210))).toEqual(expected);
    expect(booklet.getTitle()).toBe('Booklet test');
  });

  it('leaves padding blanks before the back cover when asked', async () => {
    const doc = await PDFDocument.load(await numberedPdf(6));
    expect(padToBooklet(doc, {backCover: true})).toBe(2);
    const folder = await mkdtemp(path.join(tmpdir(), 'pamphlet-booklet-'));
    const file = path.join(folder, 'booklet.pdf');
    await writeFile(file, await imposeBooklet(await doc.save(), META));
    expect(halves(file, 4, mmToPt(297), mmToPt(210))).toEqual([['P6', 'P1'], ['P2', '-'], ['-', 'P3'], ['P4', 'P5']]);
  });
});
