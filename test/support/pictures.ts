import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync} from 'node:fs';
import {mkdtemp, readFile, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import {PNG} from 'pngjs';
import {expect} from 'vitest';
import {GOLDENS} from './examples.js';

/**
 * Compares page `page` of `pdf`, rendered by pdftoppm at `ppi`, with a reviewed PNG at
 * `golden` (a path under test/goldens/); writes the golden when it is missing (outside CI)
 * and a diff image under test/goldens/__diff__/ on any difference.
 */
export async function expectPageLooksAsReviewed(pdf: string, page: number, golden: string, ppi = 40): Promise<void> {
  const goldenFile = path.join(GOLDENS, golden);
  const prefix = path.join(await mkdtemp(path.join(tmpdir(), 'pamphlet-picture-')), 'page');
  // Low resolution keeps goldens small; the bundled fonts make the picture the same on every machine.
  execFileSync('pdftoppm', ['-png', '-r', String(ppi), '-f', String(page), '-l', String(page), '-singlefile', pdf, prefix]);
  const actual = PNG.sync.read(await readFile(`${prefix}.png`));
  if (!existsSync(goldenFile) && !process.env['CI']) {
    mkdirSync(path.dirname(goldenFile), {recursive: true});
    await writeFile(goldenFile, PNG.sync.write(actual));
  }
  const expected = PNG.sync.read(await readFile(goldenFile));
  expect([actual.width, actual.height]).toEqual([expected.width, expected.height]);
  const diff = new PNG({width: actual.width, height: actual.height});
  const differing = pixelmatch(actual.data, expected.data, diff.data, actual.width, actual.height, {threshold: 0.2});
  if (differing > 0) {
    mkdirSync(path.join(GOLDENS, '__diff__'), {recursive: true});
    await writeFile(path.join(GOLDENS, '__diff__', golden.replaceAll('/', '-')), PNG.sync.write(diff));
  }
  // Anti-aliasing may move a few pixels between Chromium builds; a layout change moves thousands.
  expect(differing / (actual.width * actual.height)).toBeLessThan(0.005);
}
