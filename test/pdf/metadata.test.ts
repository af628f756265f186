import {PDFArray, PDFDocument, PDFName, PDFNumber, type PDFPage, PDFString} from 'pdf-lib';
import {describe, expect, it} from 'vitest';
import {finishPdf, loadPdf, savePdf, type PdfMetadata} from '../../src/pdf/metadata.js';
import {mmToPt} from '../../src/pdf/page-boxes.js';
import {pdfInfo} from './helpers.js';

const A5 = {widthMm: 148, heightMm: 210};

const meta: PdfMetadata = {
  title: 'The Commons, Revisited',
  authors: ['Ada Lovelace', 'Mary Somerville'],
  subject: 'An essay on shared land',
  keywords: ['land reform', 'commons'],
  lang: 'en-GB',
  date: new Date('2024-03-01T12:00:00Z'),
  version: '0.1.0',
};

/** A two-page PDF the size Chromium 156 makes for A5: 420 × 595.92 pt. */
async function chromiumSizedPdf(size: [number, number] = [420, 595.92]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage(size);
  doc.addPage(size);
  return doc.save();
}

function box(page: PDFPage, name: string): number[] {
  const array = page.node.lookup(PDFName.of(name), PDFArray);
  return array.asArray().map((value) => (value as PDFNumber).asNumber());
}

describe('finishPdf', () => {
  it('sets every box of every page to the trim, keeping the top-left corner', async () => {
    const doc = await PDFDocument.load(await finishPdf(await chromiumSizedPdf(), meta, A5));
    for (const page of doc.getPages()) {
      for (const name of ['MediaBox', 'CropBox', 'BleedBox', 'TrimBox']) {
        // 595.92 − 595.276 = 0.644: the sliver Chromium adds falls off the bottom.
        expect(box(page, name)).toEqual([0, 0.644, 419.528, 595.92]);
      }
    }
    expect(mmToPt(148)).toBeCloseTo(419.5276, 4);
  });

  it("replaces Chromium's metadata with the article's", async () => {
    const info = pdfInfo(await finishPdf(await chromiumSizedPdf(), meta, A5));
    expect(Object.fromEntries(info)).toMatchObject({
      Title: 'The Commons, Revisited',
      Author: 'Ada Lovelace, Mary Somerville',
      Subject: 'An essay on shared land',
      Keywords: 'land reform, commons',
      Creator: 'Pamphlet',
      Producer: 'Pamphlet 0.1.0 (pdf-lib)',
      CreationDate: 'Fri Mar  1 12:00:00 2024 UTC',
      ModDate: 'Fri Mar  1 12:00:00 2024 UTC',
    });
  });

  it('writes the language to the catalog and asks viewers to show the title', async () => {
    const doc = await PDFDocument.load(await finishPdf(await chromiumSizedPdf(), meta, A5));
    expect(doc.catalog.lookup(PDFName.of('Lang'), PDFString).decodeText()).toBe('en-GB');
    expect(doc.catalog.getOrCreateViewerPreferences().getDisplayDocTitle()).toBe(true);
  });

  it('gives the same bytes for the same input', async () => {
    const pdf = await chromiumSizedPdf();
    const first = await finishPdf(pdf, meta, A5);
    const second = await finishPdf(pdf, meta, A5);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
  });

  it('leaves out what the article does not have', async () => {
    const info = pdfInfo(await finishPdf(await chromiumSizedPdf(), {title: 'Untitled', authors: [], date: meta.date}, A5));
    expect(info.has('Author')).toBe(false);
    expect(info.has('Keywords')).toBe(false);
    expect(info.get('Producer')).toBe('Pamphlet (pdf-lib)');
  });

  it('refuses a page that is not the trim size give or take a millimetre', async () => {
    const letter = await chromiumSizedPdf([612, 792]);
    await expect(finishPdf(letter, meta, A5)).rejects.toMatchObject({
      code: 'E_RENDER',
      message: 'Unexpected page 1 size 612.00 × 792.00 pt, expected 419.53 × 595.28 pt',
    });
  });
});

describe('loadPdf and savePdf', () => {
  it('parse and save a PDF of many objects in one go, without waiting for a timer between them', async () => {
    const doc = await PDFDocument.create();
    for (let index = 0; index < 300; index++) doc.addPage([200, 200]).drawText(`page ${index + 1}`);
    const bytes = await doc.save({useObjectStreams: false});
    let timerRan = false;
    const timer = setTimeout(() => (timerRan = true), 0);
    const loaded = await loadPdf(bytes);
    const saved = await savePdf(loaded);
    // pdf-lib on its own waits for a timer every 100 objects parsed and every 50 saved.
    expect(timerRan).toBe(false);
    clearTimeout(timer);
    expect(loaded.getPageCount()).toBe(300);
    expect((await loadPdf(saved)).getPageCount()).toBe(300);
  });
});
