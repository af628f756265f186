import {deflateSync} from 'node:zlib';
import {PDFDocument, PDFName, PDFRawStream, StandardFonts} from 'pdf-lib';
import {PNG} from 'pngjs';
import {expect, it} from 'vitest';
import {scanPage} from '../../src/pdf/page-content.js';

/**
 * A page whose content stream is `content`, written by hand, with font F1 and a 100 × 100 px
 * image Im1 in its resources; the stream is Flate-compressed when `flate`.
 */
async function pageWith(content: string, flate: boolean) {
  const doc = await PDFDocument.create({updateMetadata: false});
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const picture = new PNG({width: 100, height: 100});
  picture.data.fill(200);
  const image = await doc.embedPng(PNG.sync.write(picture));
  const page = doc.addPage([300, 300]);
  page.node.setFontDictionary(PDFName.of('F1'), font.ref);
  page.node.setXObject(PDFName.of('Im1'), image.ref);
  const bytes = new TextEncoder().encode(content);
  const stream = flate
    ? PDFRawStream.of(doc.context.obj({Filter: 'FlateDecode', Length: 0}), deflateSync(bytes))
    : PDFRawStream.of(doc.context.obj({Length: bytes.length}), bytes);
  page.node.set(PDFName.of('Contents'), doc.context.register(stream));
  return (await PDFDocument.load(await doc.save())).getPage(0);
}

// Strings that look like operators, escaped and nested parentheses, hex strings, names with
// #-escapes, numbers written every way PDF allows, a TJ array and a marked-content dictionary:
// only the real operators count, and the image's scale comes from the numbers.
const CONTENT = [
  '/P <</MCID 0>> BDC',
  'BT /F1 12 Tf 10 10 Td (a \\) Tj) Tj (b) Tj ((nested) Tj) Tj <48656c6c6f> Tj [(x) -250 (y) +.5 (z)] TJ ET',
  'EMC',
  '% a comment with Tj in it',
  'q 0.5 0 0 0.5 0 0 cm 1 0 0 1 +4. -.5 cm 72 0 0 36 0 0 cm /Im1 Do Q',
  '/DeviceRGB cs 1 0 0 rg /Im#31 Do',
].join('\n');

it.each([
  ['Flate-compressed', true],
  ['uncompressed', false],
])('scans a %s content stream: text shows, fonts, image sizes and colours', async (_label, flate) => {
  const found = scanPage(await pageWith(CONTENT, flate));
  expect(found.textShows).toBe(5);
  expect(found.fonts).toHaveLength(1);
  // 72 × 36 pt scaled by 0.5, twice (the #31 name is Im1 again, drawn at the unit square).
  expect(found.images.map((image) => [image.widthPt, image.heightPt])).toEqual([
    [36, 18],
    [1, 1],
  ]);
  expect(found.images[0]!.ppi).toBeCloseTo(Math.min((100 * 72) / 36, (100 * 72) / 18));
  expect([...found.colourSpaces].sort()).toEqual(['DeviceRGB']);
});

// Broken streams read as they always have: an operator inside an array drops the array, closers
// without an opener are operands (so the second cm reads "0 0 50 0 0 50"), inline image data is
// passed over, and an operator given more operands than any takes still reads its first ones.
const BROKEN = [
  'BT /F1 12 Tf [(a) Tj (b)] TJ ET',
  'q 2 0 0 2 0 0 cm >> ] 50 0 0 50 0 0 cm /Im1 Do Q',
  'BI /W 4 /H 4 /BPC 8 /CS /G ID (Tj) Tj ]]\x01\x02 EI',
  `q ${['1 0 0 1 0 0', ...Array.from({length: 70}, (_, index) => String(index + 7))].join(' ')} cm 10 0 0 10 0 0 cm /Im1 Do Q`,
  '/F1 9 Tf <</Nested [1 2 <</Deep (x)>>]>> (c) Tj',
].join('\n');

it('scans a broken content stream the way it always has', async () => {
  const found = scanPage(await pageWith(BROKEN, true));
  expect(found.textShows).toBe(2);
  expect(found.fonts).toHaveLength(1);
  expect(found.images.map((image) => [image.widthPt, image.heightPt])).toEqual([
    [0, 100],
    [10, 10],
  ]);
});
