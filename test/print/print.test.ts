import {PDFDocument, PDFName, PDFArray, PDFDict} from 'pdf-lib';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {closeBrowser} from '../../src/pdf/browser.js';
import {mmToPt} from '../../src/pdf/page-boxes.js';
import {preflightFile} from '../../src/pdf/preflight.js';
import {exampleNames} from '../support/examples.js';
import {expectPageLooksAsReviewed} from '../support/pictures.js';
import {pageBoxes, poppler, printExample, printNumberedPages, sheetHalves, type PrintedFiles} from './support.js';

const A5 = {widthMm: 148, heightMm: 210};
const BLEED_PT = mmToPt(3);

afterAll(closeBrowser);

describe('A5, 3 mm bleed, crop marks, booklet', () => {
  let printed: PrintedFiles;
  beforeAll(async () => {
    printed = await printExample('library-closures.html', {paper: A5, bleedMm: 3, marks: true, booklet: true});
  });

  it('has TrimBox 419.53 × 595.28 pt and BleedBox 3 mm beyond it on every page, marks outside', () => {
    const pages = pageBoxes(printed.file);
    expect(pages.length % 4).toBe(0);
    for (const {MediaBox, BleedBox, TrimBox} of pages) {
      expect(Math.abs(TrimBox[2] - TrimBox[0] - 419.53)).toBeLessThan(0.3);
      expect(Math.abs(TrimBox[3] - TrimBox[1] - 595.28)).toBeLessThan(0.3);
      expect(BleedBox.map((value, side) => Math.abs(value - (TrimBox[side]! + (side < 2 ? -BLEED_PT : BLEED_PT))))).toEqual([0, 0, 0, 0].map(() => expect.closeTo(0, 1)));
      // The sheet reaches past the bleed for the marks: bleed + 2 mm gap + 5 mm marks.
      for (const side of [0, 1]) expect(BleedBox[side]! - MediaBox[side]!).toBeCloseTo(mmToPt(7), 1);
    }
  });

  it('passes its own preflight, warning only about the lead image at 258 ppi', () => {
    expect(printed.preflight.pdf.ok).toBe(true);
    expect(printed.warnings.map((warning) => warning.ruleId)).toEqual(['image-resolution']);
    expect(printed.preflight.booklet?.ok).toBe(true);
  });

  it('reports on the document as saved what a preflight of the written file reports', async () => {
    // The build reads the pamphlet as pdf-lib saved it, without parsing the bytes again.
    const fromFile = await preflightFile(printed.file, {trim: A5, bleedMm: 3, booklet: true});
    expect(fromFile.rules.map((rule) => rule.id)).toContain('image-resolution');
    expect(printed.preflight.pdf).toEqual(fromFile);
  });

  it('imposes the booklet on A4 landscape: the 3 pages and a blank, page 1 on the right of the front', () => {
    const sheets = pageBoxes(printed.bookletFile!);
    expect(sheets).toHaveLength(2);
    for (const {MediaBox, TrimBox} of sheets) {
      expect(MediaBox).toEqual([0, 0, 841.89, 595.28]);
      expect(TrimBox).toEqual(MediaBox);
    }
    const [frontLeft, frontRight] = sheetHalves(printed.bookletFile!, 1);
    expect(frontLeft).toBe('');
    expect(frontRight).toMatch(/Four branch libraries face closure/);
    const [backLeft, backRight] = sheetHalves(printed.bookletFile!, 2);
    expect(backLeft).toMatch(/ 2$/);
    expect(backRight).toMatch(/ 3$/);
  });

  it('page 1 and the booklet front look as reviewed', async () => {
    await expectPageLooksAsReviewed(printed.file, 1, 'print/library-closures-a5-bleed-marks-page-1.png');
    await expectPageLooksAsReviewed(printed.bookletFile!, 1, 'print/library-closures-booklet-sheet-1.png');
  });
});

describe.each([8, 12])('a %i-page document through Chromium', (count) => {
  it('imposes in saddle-stitch order, sheet by sheet', async () => {
    const printed = await printNumberedPages(count, {paper: A5, bleedMm: 3, marks: true, booklet: true});
    const order = Array.from({length: count / 2}, (_, index) => sheetHalves(printed.bookletFile!, index + 1));
    const expected = Array.from({length: count / 4}, (_, s) => [
      [`Page${count - 2 * s}`, `Page${1 + 2 * s}`],
      [`Page${2 + 2 * s}`, `Page${count - 1 - 2 * s}`],
    ]).flat();
    expect(order).toEqual(expected);
  });
});

describe.each([
  ['a6', {widthMm: 105, heightMm: 148}, [297.64, 419.53]],
  ['110x178mm', {widthMm: 110, heightMm: 178}, [311.81, 504.57]],
])('--paper %s', (name, paper, [width, height]) => {
  it('comes out at its size, not Letter', async () => {
    const printed = await printExample('tenants-union.md', {paper}, name);
    for (const {MediaBox, TrimBox} of pageBoxes(printed.file)) {
      for (const box of [MediaBox, TrimBox]) {
        expect(Math.abs(box[2] - box[0] - width!)).toBeLessThan(0.3);
        expect(Math.abs(box[3] - box[1] - height!)).toBeLessThan(0.3);
      }
    }
    expect(printed.preflight.pdf.ok).toBe(true);
  });
});

describe.each(exampleNames)('preflight of %s as built (A5, no bleed)', (name) => {
  it('passes every rule (warnings allowed)', async () => {
    const printed = await printExample(name, {paper: A5}, 'plain');
    expect(printed.preflight.pdf.rules.filter((rule) => rule.status === 'fail')).toEqual([]);
    expect(printed.preflight.pdf.rules.map((rule) => rule.id)).toEqual(['trim-size', 'page-boxes', 'bleed', 'page-count', 'fonts-embedded', 'no-type3-fonts', 'image-resolution', 'text-layer']);
  });
});

describe('--pdfx', () => {
  let rgb: PrintedFiles;
  let pdfx: PrintedFiles;
  beforeAll(async () => {
    rgb = await printExample('library-closures.html', {paper: A5, bleedMm: 3, marks: true}, 'rgb');
    pdfx = await printExample('library-closures.html', {paper: A5, bleedMm: 3, marks: true, pdfx: true}, 'pdfx');
  });

  it('has a GTS_PDFX output intent with an embedded CMYK profile', async () => {
    const doc = await PDFDocument.load(pdfx.pdf);
    const intents = doc.context.lookup(doc.catalog.get(PDFName.of('OutputIntents')), PDFArray);
    const intent = doc.context.lookup(intents.get(0), PDFDict);
    expect(intent.get(PDFName.of('S'))).toBe(PDFName.of('GTS_PDFX'));
    const info = poppler('pdfinfo', pdfx.file);
    expect(info).toMatch(/PDF subtype:\s+PDF\/X-3:2002/);
    expect(info).toMatch(/PDF version:\s+1\.3/);
    expect(Buffer.from(pdfx.pdf.subarray(-600)).toString('latin1')).toMatch(/\/ID \[ ?<[0-9A-F]{32}> ?<[0-9A-F]{32}> ?\]/);
    expect(pdfx.preflight.pdf.rules.find((rule) => rule.id === 'pdfx-output-intent')?.status).toBe('pass');
  });

  it('is CMYK only, images included', () => {
    expect(pdfx.preflight.pdf.rules.find((rule) => rule.id === 'colour')).toEqual({id: 'colour', status: 'pass', message: 'no RGB: DeviceCMYK'});
    const images = poppler('pdfimages', '-list', pdfx.file).trim().split('\n').slice(2);
    expect(images.length).toBeGreaterThan(0);
    for (const line of images) expect(line.trim().split(/\s+/)[5]).toBe('cmyk');
  });

  it('has the same words as the RGB PDF, and the same boxes', () => {
    // Chromium keeps the unused soft hyphens in the text (U+00AD, invisible); Ghostscript drops them.
    const words = (file: string) => poppler('pdftotext', file, '-').replaceAll('\u00ad', '').split(/\s+/).filter(Boolean);
    expect(words(pdfx.file)).toEqual(words(rgb.file));
    expect(words(pdfx.file).length).toBeGreaterThan(300);
    // Ghostscript moves the MediaBox's corner to 0, 0 and every box with it.
    const relative = (file: string) =>
      pageBoxes(file).flatMap((page) => [page.MediaBox, page.BleedBox, page.TrimBox].map((box) => box.map((value, index) => value - page.MediaBox[index % 2]!)));
    const [converted, original] = [relative(pdfx.file), relative(rgb.file)];
    expect(converted.flat().map((value, index) => Math.abs(value - original.flat()[index]!))).toEqual(original.flat().map(() => expect.closeTo(0, 1)));
  });
});

describe('--pdfx on a page with transparency', () => {
  it('fails loudly instead of writing pages that are pictures without text', async () => {
    // Ghostscript flattens transparency, which PDF/X-3 forbids, into one image per page, and exits 0.
    await expect(printNumberedPages(4, {paper: A5, pdfx: true}, 'white', 'section { opacity: 0.5 }')).rejects.toMatchObject({
      code: 'E_RENDER',
      message: expect.stringMatching(/^PDF\/X conversion turned page 1, 2, 3, 4 into a picture without text: the page uses transparency/),
    });
  });
});
