import {mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {PDFDocument, PDFName, StandardFonts} from 'pdf-lib';
import {PNG} from 'pngjs';
import {describe, expect, it} from 'vitest';
import {mmToPt, setTrimBoxes} from '../../src/pdf/page-boxes.js';
import {formatPreflight, preflight, preflightFile, type PreflightReport} from '../../src/pdf/preflight.js';

const A5 = {widthMm: 148, heightMm: 210};
const statusOf = (report: PreflightReport, id: string) => report.rules.find((rule) => rule.id === id);

/** A grey PNG of `size` × `size` pixels. */
function png(size: number): Uint8Array {
  const image = new PNG({width: size, height: size});
  image.data.fill(128);
  return PNG.sync.write(image);
}

/** An A5 PDF, `pages` pages, each showing text in the given font, with page boxes set. */
async function fixture(options: {pages?: number; font?: 'standard'; imagePx?: number; imageMm?: number; bleedMm?: number} = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create({updateMetadata: false});
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  const bleed = options.bleedMm ?? 0;
  for (let index = 0; index < (options.pages ?? 1); index++) {
    const page = doc.addPage([mmToPt(A5.widthMm + 2 * bleed), mmToPt(A5.heightMm + 2 * bleed)]);
    page.drawText('Tenants win their repairs', {x: 40, y: 500, size: 12, font});
    if (options.imagePx) {
      const image = await doc.embedPng(png(options.imagePx));
      const side = mmToPt(options.imageMm ?? 25.4);
      page.drawImage(image, {x: 40, y: 100, width: side, height: side});
    }
  }
  setTrimBoxes(doc, A5, bleed);
  return doc.save();
}

describe('preflight', () => {
  it('fails a PDF whose font is not embedded, naming the font', async () => {
    const report = await preflight(await fixture());
    expect(report.ok).toBe(false);
    expect(statusOf(report, 'fonts-embedded')).toEqual({
      id: 'fonts-embedded',
      status: 'fail',
      message: 'Unexpected font not embedded: Times-Roman (first on page 1), expected every font embedded',
    });
  });

  it('fails a 72 ppi image, warns under 300 ppi and passes at 300', async () => {
    // 72 px drawn one inch wide: 72 ppi.
    const low = await preflight(await fixture({imagePx: 72}));
    expect(statusOf(low, 'image-resolution')).toEqual({
      id: 'image-resolution',
      status: 'fail',
      message: 'Unexpected image resolution of 72 ppi (a 72 × 72 px image at 25.4 × 25.4 mm on page 1), expected at least 150 ppi (300 for a sharp print)',
    });
    expect(statusOf(await preflight(await fixture({imagePx: 200})), 'image-resolution')?.status).toBe('warn');
    expect(statusOf(await preflight(await fixture({imagePx: 300})), 'image-resolution')?.status).toBe('pass');
    // The same 300 px drawn two inches wide is 150 ppi: the size on paper is what counts.
    expect(statusOf(await preflight(await fixture({imagePx: 300, imageMm: 50.8})), 'image-resolution')?.message).toMatch(/^Unexpected image resolution of 150 ppi/);
  });

  it('checks trim, bleed and booklet page count against what was asked for', async () => {
    const pdf = await fixture({pages: 6, bleedMm: 3});
    const right = await preflight(pdf, {trim: A5, bleedMm: 3});
    expect(right.rules.filter((rule) => ['trim-size', 'page-boxes', 'bleed'].includes(rule.id))).toEqual([
      {id: 'trim-size', status: 'pass', message: '148 × 210 mm (419.53 × 595.28 pt) on every page'},
      {id: 'page-boxes', status: 'pass', message: 'TrimBox inside BleedBox inside MediaBox on every page'},
      {id: 'bleed', status: 'pass', message: '3 mm on every side of every page'},
    ]);
    const wrong = await preflight(pdf, {trim: {widthMm: 105, heightMm: 148}, bleedMm: 5, booklet: true});
    expect(statusOf(wrong, 'trim-size')?.message).toBe('Unexpected trim 419.53 × 595.28 pt (148 × 210 mm), expected 297.64 × 419.53 pt (105 × 148 mm)');
    expect(statusOf(wrong, 'bleed')?.message).toBe('Unexpected bleed of 3 mm (first on page 1), expected 5 mm on every side of every page');
    expect(statusOf(wrong, 'page-count')?.message).toBe('Unexpected 6 pages for a booklet, expected a multiple of 4 (8)');
  });

  it('fails a page without a TrimBox', async () => {
    const doc = await PDFDocument.load(await fixture({pages: 2}));
    doc.getPage(1).node.delete(PDFName.of('TrimBox'));
    const report = await preflight(await doc.save());
    expect(statusOf(report, 'trim-size')).toMatchObject({status: 'fail', message: 'Unexpected missing TrimBox on page 2, expected one on every page'});
  });

  it('fails a claimed PDF/X without an output intent, and RGB in it', async () => {
    const report = await preflight(await fixture({imagePx: 300}), {pdfx: true});
    expect(statusOf(report, 'pdfx-output-intent')?.status).toBe('fail');
    expect(statusOf(report, 'colour')).toMatchObject({status: 'fail', message: 'Unexpected RGB colour on page 1, expected CMYK (and grey) only in PDF/X for press'});
  });

  it('fails a PDF without text: pages that are pictures', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([mmToPt(148), mmToPt(210)]);
    page.drawImage(await doc.embedPng(png(600)), {x: 0, y: 0, width: page.getWidth(), height: page.getHeight()});
    const report = await preflight(await doc.save());
    expect(statusOf(report, 'text-layer')?.status).toBe('fail');
    expect(formatPreflight(report)).toMatch(/^fail  text-layer {10}Unexpected PDF without text/m);
  });
});

describe('preflight of Type 3 fonts', () => {
  it('fails a page that shows text in a Type 3 font', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([mmToPt(148), mmToPt(210)]);
    const context = doc.context;
    // One glyph, a filled square, named "a" and mapped from code 97.
    const glyph = context.register(context.stream('1000 0 0 0 750 750 d1 0 0 750 750 re f'));
    const font = context.register(
      context.obj({
        Type: 'Font',
        Subtype: 'Type3',
        Name: 'Squares',
        FontBBox: [0, 0, 750, 750],
        FontMatrix: [0.001, 0, 0, 0.001, 0, 0],
        CharProcs: {a: glyph},
        Encoding: {Type: 'Encoding', Differences: [97, PDFName.of('a')]},
        FirstChar: 97,
        LastChar: 97,
        Widths: [1000],
      }),
    );
    page.node.setFontDictionary(PDFName.of('F3'), font);
    const content = context.register(context.stream('BT /F3 12 Tf 40 500 Td (aaa) Tj ET'));
    page.node.set(PDFName.of('Contents'), content);
    setTrimBoxes(doc, A5);
    const report = await preflight(await doc.save());
    expect(statusOf(report, 'no-type3-fonts')).toEqual({
      id: 'no-type3-fonts',
      status: 'fail',
      message: 'Unexpected Type 3 font (Squares, first on page 1), expected TrueType, Type 1 or CFF: RIPs rasterise Type 3 badly',
    });
    // Its glyphs are in the file: not also reported as unembedded.
    expect(statusOf(report, 'fonts-embedded')?.status).toBe('pass');
  });
});

describe('preflightFile', () => {
  it('reads a PDF from disk and reports one line a rule, as `pamphlet check` prints it', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'pamphlet-check-')), 'bad.pdf');
    await writeFile(file, await fixture({imagePx: 72}));
    const report = await preflightFile(file, {trim: A5});
    expect(report.ok).toBe(false);
    expect(formatPreflight(report).split('\n')).toEqual([
      'pass  trim-size           148 × 210 mm (419.53 × 595.28 pt) on every page',
      'pass  page-boxes          TrimBox inside BleedBox inside MediaBox on every page',
      'pass  bleed               no bleed: BleedBox equals TrimBox',
      'pass  page-count          1 page',
      'fail  fonts-embedded      Unexpected font not embedded: Times-Roman (first on page 1), expected every font embedded',
      'pass  no-type3-fonts      no Type 3 fonts',
      'fail  image-resolution    Unexpected image resolution of 72 ppi (a 72 × 72 px image at 25.4 × 25.4 mm on page 1), expected at least 150 ppi (300 for a sharp print)',
      'pass  text-layer          text on 1 of 1 pages',
    ]);
  });

  it('rejects a missing file and a file that is not a PDF with one line each', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'pamphlet-check-'));
    await expect(preflightFile(path.join(folder, 'none.pdf'))).rejects.toMatchObject({code: 'E_INPUT_MISSING'});
    await writeFile(path.join(folder, 'page.pdf'), '<html></html>');
    await expect(preflightFile(path.join(folder, 'page.pdf'))).rejects.toMatchObject({code: 'E_INPUT_BINARY', message: expect.stringMatching(/not a PDF/)});
  });
});
