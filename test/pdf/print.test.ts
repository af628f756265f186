import {PDFArray, PDFDict, PDFDocument, PDFName, PDFString} from 'pdf-lib';
import {afterAll, describe, expect, it} from 'vitest';
import {closeBrowser} from '../../src/pdf/browser.js';
import {finishPdf, type PdfMetadata} from '../../src/pdf/metadata.js';
import {printPdf} from '../../src/pdf/print.js';
import type {Template} from '../../src/render/template.js';
import {CHROMIUM_TIMEOUT, chromiumAvailable, documentHtml, makeTemplate, pageBoxes, pdfInfo, poppler, scratchDir} from './helpers.js';

const meta: PdfMetadata = {title: 'On Pamphlets', authors: ['Thomas Paine'], lang: 'en', date: new Date('1776-01-10T00:00:00Z')};

const html = documentHtml(`<h1>On Pamphlets</h1>
<h2>Why print</h2>
<p>A pamphlet is a short unbound booklet, folded once and read in one sitting.</p>
<h2>Why now</h2>
<p>Because the argument fits on a few pages.</p>`);

/** Skia writes the print time as /CreationDate and /ModDate; nothing else in Chromium's PDF varies. */
function withoutPrintTime(pdf: Uint8Array): string {
  return Buffer.from(pdf).toString('latin1').replace(/\/(CreationDate|ModDate) \(D:\d{14}[^)]*\)/g, '/$1 (D:…)');
}

describe.skipIf(!chromiumAvailable)('printPdf', {timeout: CHROMIUM_TIMEOUT}, () => {
  const scratch = scratchDir();
  const template: Template = makeTemplate(scratch.dir);
  const doc = {html, template, assets: new Map()};

  afterAll(async () => {
    await closeBrowser();
    scratch.remove();
  }, CHROMIUM_TIMEOUT);

  it.each([
    {name: 'A5', trim: {widthMm: 148, heightMm: 210}, width: 419.53, height: 595.28},
    {name: 'A6', trim: {widthMm: 105, heightMm: 148}, width: 297.64, height: 419.53},
  ])('prints $name with every box at the trim size', async ({trim, width, height}) => {
    const {pdf} = await printPdf(doc, trim);
    // Chromium rounds the paper up by a fraction of a millimetre …
    const printed = pageBoxes(pdf).MediaBox;
    expect(printed.width - width).toBeGreaterThanOrEqual(-0.01);
    expect(printed.width - width).toBeLessThan(1);
    expect(printed.height - height).toBeLessThan(1);
    // … which finishPdf takes off again.
    const boxes = pageBoxes(await finishPdf(pdf, meta, trim));
    for (const box of Object.values(boxes)) {
      expect(box.width).toBeCloseTo(width, 1);
      expect(box.height).toBeCloseTo(height, 1);
    }
  });

  it('prints the text, tagged, with an outline of the headings', async () => {
    const {pdf} = await printPdf(doc, {widthMm: 148, heightMm: 210});
    const finished = await finishPdf(pdf, meta, {widthMm: 148, heightMm: 210});
    expect(poppler('pdftotext', [], finished).replace(/\s+/g, ' ')).toContain(
      'A pamphlet is a short unbound booklet, folded once and read in one sitting.',
    );
    expect(pdfInfo(finished).get('Tagged')).toBe('yes');
    const catalog = (await PDFDocument.load(finished)).catalog;
    expect(catalog.lookup(PDFName.of('StructTreeRoot'))).toBeInstanceOf(PDFDict);
    expect(catalog.lookup(PDFName.of('Outlines'))).toBeInstanceOf(PDFDict);
  });

  it('uses the title option as the document title', async () => {
    const {pdf} = await printPdf(doc, {widthMm: 148, heightMm: 210, title: 'Common Sense'});
    expect(pdfInfo(pdf).get('Title')).toBe('Common Sense');
  });

  it('gives the same bytes for the same document once finished', async () => {
    const trim = {widthMm: 148, heightMm: 210};
    const first = await printPdf(doc, trim);
    // Skia stamps the time to the second; let the clock move on.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = await printPdf(doc, trim);
    expect(Buffer.from(second.pdf).equals(Buffer.from(first.pdf))).toBe(false);
    expect(withoutPrintTime(second.pdf)).toBe(withoutPrintTime(first.pdf));
    const [a, b] = await Promise.all([finishPdf(first.pdf, meta, trim), finishPdf(second.pdf, meta, trim)]);
    expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
  });

  it('gives a table the same bytes on a page that has printed other documents before', async () => {
    const trim = {widthMm: 148, heightMm: 210};
    const table = {
      ...doc,
      // Eleven header cells, so that the names run past `id9`.
      html: documentHtml(`<table><thead><tr><th>Ward</th>${[...'ABCDEFGHIJ'].map((polling) => `<th>${polling}</th>`).join('')}</tr></thead>
<tbody><tr><td>North</td>${'<td>12</td>'.repeat(10)}</tr><tr><td>South</td>${'<td>9</td>'.repeat(10)}</tr></tbody></table>`),
    };
    // Chromium names the header cells' structure elements after their DOM nodes, which a reused
    // page numbers on from the documents it showed before.
    const first = await printPdf(table, trim);
    await printPdf(doc, trim);
    const second = await printPdf(table, trim);
    const [a, b] = await Promise.all([finishPdf(first.pdf, meta, trim), finishPdf(second.pdf, meta, trim)]);
    expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);

    // Every cell's /Headers still names a header, through the structure root's /IDTree.
    const finished = await PDFDocument.load(a);
    const ids = new Map<string, PDFDict>();
    const headers: string[] = [];
    for (const [, object] of finished.context.enumerateIndirectObjects()) {
      if (!(object instanceof PDFDict)) continue;
      const id = object.lookupMaybe(PDFName.of('ID'), PDFString);
      if (id) ids.set(id.decodeText(), object);
      const attributes = object.lookupMaybe(PDFName.of('A'), PDFArray)?.asArray() ?? [];
      for (const attribute of attributes) {
        const list = finished.context.lookupMaybe(attribute, PDFDict)?.lookupMaybe(PDFName.of('Headers'), PDFArray);
        for (const header of list?.asArray() ?? []) headers.push((header as PDFString).decodeText());
      }
    }
    const expected = Array.from({length: 11}, (_, index) => `id${index + 1}`);
    expect([...ids.keys()]).toEqual(expected);
    expect(new Set(headers)).toEqual(new Set(expected));
    // A name tree's keys are in byte order: id1, id10, id11, id2, …
    const root = finished.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
    const names = root.lookup(PDFName.of('IDTree'), PDFDict).lookup(PDFName.of('Names'), PDFArray).asArray();
    const keys = names.filter((_, index) => index % 2 === 0).map((key) => (key as PDFString).decodeText());
    expect(keys).toEqual([...expected].sort());
    keys.forEach((key, index) => expect(finished.context.lookup(names[2 * index + 1])).toBe(ids.get(key)));
  });

  it('prints several documents at once on the one browser', async () => {
    const texts = ['First copy', 'Second copy', 'Third copy'];
    const pdfs = await Promise.all(
      texts.map((text) => printPdf({...doc, html: documentHtml(`<p>${text}</p>`)}, {widthMm: 105, heightMm: 148})),
    );
    pdfs.forEach(({pdf}, index) => expect(poppler('pdftotext', [], pdf).trim()).toBe(texts[index]));
  });
});
