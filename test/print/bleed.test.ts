import {readFile} from 'node:fs/promises';
import {PNG} from 'pngjs';
import {afterAll, expect, it} from 'vitest';
import {closeBrowser} from '../../src/pdf/browser.js';
import {mmToPt} from '../../src/pdf/page-boxes.js';
import {outDir, pageBoxes, poppler, printNumberedPages} from './support.js';

afterAll(closeBrowser);

it('runs a page background into the bleed, and draws crop marks outside it on a white sheet', async () => {
  const printed = await printNumberedPages(4, {paper: {widthMm: 148, heightMm: 210}, bleedMm: 3, marks: true}, '#b3141b');
  const [{MediaBox, BleedBox, TrimBox}] = pageBoxes(printed.file) as [ReturnType<typeof pageBoxes>[number]];
  // 72 dpi: one pixel a point, y downwards from the top of the MediaBox.
  const prefix = `${await outDir()}/bleed-page-1`;
  poppler('pdftoppm', '-png', '-r', '72', '-f', '1', '-l', '1', '-singlefile', printed.file, prefix);
  const png = PNG.sync.read(await readFile(`${prefix}.png`));
  const colour = (xPt: number, yPt: number) => {
    const [x, y] = [Math.round(xPt - MediaBox[0]), Math.round(MediaBox[3] - yPt)];
    const offset = (y * png.width + x) * 4;
    return [...png.data.subarray(offset, offset + 3)];
  };
  const red = [179, 20, 27];
  const white = [255, 255, 255];
  const near = (actual: number[], expected: number[]) => actual.every((value, index) => Math.abs(value - expected[index]!) < 40);
  // Inside the trim, and in the bleed 1.5 mm outside it on each side: the background.
  const mid = [(TrimBox[0] + TrimBox[2]) / 2, (TrimBox[1] + TrimBox[3]) / 2] as const;
  const inBleed = mmToPt(1.5);
  for (const [x, y] of [mid, [TrimBox[0] - inBleed, mid[1]], [TrimBox[2] + inBleed, mid[1]], [mid[0], TrimBox[1] - inBleed], [mid[0], TrimBox[3] + inBleed]] as const) {
    expect(near(colour(x, y), red), `${x}, ${y}`).toBe(true);
  }
  // Beyond the bleed the sheet is white, except on the marks: in line with the trim edges,
  // 2 to 7 mm past the bleed.
  // Chromium's paper is a fraction of a point larger than asked: clipped at the bleed.
  for (const [x, y] of [[BleedBox[0] - 1, mid[1]], [BleedBox[2] + 1, mid[1]], [mid[0], BleedBox[1] - 1], [mid[0], BleedBox[3] + 1]] as const) {
    expect(near(colour(x, y), white), `${x}, ${y}`).toBe(true);
  }
  expect(near(colour(MediaBox[0] + mmToPt(1), MediaBox[3] - mmToPt(1)), white)).toBe(true);
  const onMark = BleedBox[0] - mmToPt(4);
  expect(colour(onMark, TrimBox[3]).every((value) => value < 160)).toBe(true);
  expect(near(colour(onMark, TrimBox[3] + mmToPt(1.5)), white)).toBe(true);
});
