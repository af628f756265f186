import {PDFDocument, PDFHexString, PDFString} from 'pdf-lib';
import {describe, expect, it} from 'vitest';
import {stableFileId} from '../../src/pdf/pdfx.js';

/** A one-page PDF whose trailer's /ID holds `id` twice, as Ghostscript writes it. */
async function withId(id: PDFString | PDFHexString, useObjectStreams = false): Promise<Uint8Array> {
  const doc = await PDFDocument.create({updateMetadata: false});
  doc.addPage([200, 200]);
  doc.context.trailerInfo.ID = doc.context.obj([id, id]);
  return doc.save({useObjectStreams});
}

const latin1 = (pdf: Uint8Array) => Buffer.from(pdf).toString('latin1');

describe('stableFileId', () => {
  it('gives the same file whatever ID Ghostscript wrote, hex or literal (escapes and all)', async () => {
    const ids = [
      PDFHexString.of('0123456789ABCDEF0123456789ABCDEF'),
      PDFHexString.of('fedcba9876543210fedcba9876543210'),
      // The ID of a PDF/X file from a test run: 16 bytes, written as a literal string.
      PDFString.of('\\302 ;u\\211iXi\\374U3\\(|\\\\Fc'),
      PDFString.of('\\001\\002abcdefghijklmn'),
    ];
    const inputs = await Promise.all(ids.map((id) => withId(id)));
    expect(latin1(inputs[2]!)).toContain('/ID [ (\\302 ;u\\211iXi\\374U3\\(|\\\\Fc) (');
    const outputs = inputs.map((pdf) => latin1(stableFileId(pdf)));
    expect(new Set(outputs).size).toBe(1);
    const [output] = outputs as [string];
    expect(output).toMatch(/trailer\n<<[^]*\/ID \[<([0-9A-F]{32})><\1>\][^]*>>\n\nstartxref\n\d+\n%%EOF$/);
    expect(output).not.toContain('0123456789ABCDEF0123456789ABCDEF');
  });

  it('keeps the file readable: startxref still points at the cross-reference table', async () => {
    const output = stableFileId(await withId(PDFString.of('\\302 ;u\\211iXi\\374U3\\(|\\\\Fc')));
    const text = latin1(output);
    const startxref = Number(/startxref\n(\d+)\n%%EOF$/.exec(text)![1]);
    expect(text.slice(startxref, startxref + 5)).toBe('xref\n');
    const reread = await PDFDocument.load(output, {updateMetadata: false});
    expect(reread.getPageCount()).toBe(1);
    expect(String(reread.context.trailerInfo.ID)).toMatch(/^\[ <[0-9A-F]{32}> <[0-9A-F]{32}> \]$/);
  });

  it('leaves a file with no trailer dictionary (a cross-reference stream) as it is', async () => {
    const pdf = await withId(PDFHexString.of('0123456789ABCDEF0123456789ABCDEF'), true);
    expect(latin1(pdf)).not.toContain('trailer');
    expect(Buffer.from(stableFileId(pdf)).equals(Buffer.from(pdf))).toBe(true);
  });
});
