import {existsSync} from 'node:fs';
import {mkdtemp, readFile, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {PDFDocument, rgb} from 'pdf-lib';
import {PNG} from 'pngjs';
import {expect, it} from 'vitest';
import {loadTemplate} from '../src/render/load-template.js';
import {previewPdf} from '../src/preview.js';
import {initTemplate} from '../src/template-init.js';

it('template init copies the default template for editing, and never overwrites', async () => {
  const cwd = await mkdtemp(path.join(tmpdir(), 'pamphlet-template-'));
  const target = await initTemplate('mine', {cwd});
  expect(target).toBe(path.join(cwd, 'templates', 'mine'));
  const css = await readFile(path.join(target, 'print.css'), 'utf8');
  // The accent colour is one line to change.
  expect(css.match(/^\s*--accent: #[0-9a-f]{6};$/gm)).toHaveLength(1);
  await writeFile(path.join(target, 'print.css'), css.replace(/--accent: #[0-9a-f]{6};/, '--accent: #1b5e20;'));
  const template = await loadTemplate('mine', cwd);
  expect(template.dir).toBe(target);
  expect(template.printCss).toContain('--accent: #1b5e20;');
  // The same one line restyles the EPUB.
  expect(template.epubCss).toContain('color: #1b5e20;');
  await expect(initTemplate('mine', {cwd})).rejects.toThrow(/already exists/);
  await expect(initTemplate('../escape', {cwd})).rejects.toThrow(/letters, digits/);
});

it('preview lays every page of a PDF on one contact sheet', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'pamphlet-preview-'));
  const document = await PDFDocument.create();
  for (let index = 0; index < 5; index++) {
    // 72 pt = 1 inch = 40 px at the preview's 40 ppi.
    document.addPage([144, 216]).drawRectangle({x: 0, y: 0, width: 72, height: 72, color: rgb(1, 0, 0)});
  }
  const pdf = path.join(dir, 'five.pdf');
  await writeFile(pdf, await document.save());
  const sheet = PNG.sync.read(await readFile(await previewPdf(pdf)));
  expect(existsSync(path.join(dir, 'five.preview.png'))).toBe(true);
  // Four columns of 80 × 120 px pages, two rows, 12 px gaps.
  expect([sheet.width, sheet.height]).toEqual([12 + 4 * (80 + 12), 12 + 2 * (120 + 12)]);
  // The red square of page 5 sits at the bottom left of its cell.
  const at = (x: number, y: number) => [...sheet.data.subarray((y * sheet.width + x) * 4, (y * sheet.width + x) * 4 + 3)];
  expect(at(12 + 20, 12 + 132 + 100)).toEqual([255, 0, 0]);
  expect(at(12 + 20, 12 + 132 + 20)).toEqual([255, 255, 255]);
});
