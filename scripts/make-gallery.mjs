#!/usr/bin/env node
// Makes docs/gallery.png for the README: page 1 of each bundled example, then page 2 of the
// saved-page example, built with the current code. Run after `npm run build`.
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {PDFDocument} from 'pdf-lib';
import {build} from '../dist/build.js';
import {previewPdf} from '../dist/preview.js';

const out = mkdtempSync(path.join(tmpdir(), 'pamphlet-gallery-'));
const report = await build({out, format: ['pdf'], config: false, quiet: true});
const sheet = await PDFDocument.create();
const pick = async (file, index) => {
  const source = await PDFDocument.load(readFileSync(file));
  const [page] = await sheet.copyPages(source, [index]);
  sheet.addPage(page);
};
const pdfs = report.outputs.map((output) => output.path);
for (const file of pdfs) await pick(file, 0);
await pick(pdfs.find((file) => file.includes('library-closures')), 1);
const combined = path.join(out, 'gallery.pdf');
writeFileSync(combined, await sheet.save());
await previewPdf(combined, new URL('../docs/gallery.png', import.meta.url).pathname);
