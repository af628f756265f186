import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync} from 'node:fs';
import {mkdtemp, readFile, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import {beforeAll, describe, expect, it} from 'vitest';
import {build, type BuildReport} from '../src/build.js';
import {runEpubcheck} from '../src/epub/epubcheck.js';
import {exampleNames, goldenPath} from './support/examples.js';
import {expectPageLooksAsReviewed} from './support/pictures.js';

const poppler = (tool: string, ...args: string[]) => execFileSync(tool, args, {encoding: 'utf8'});

/** A5 in PostScript points: 148 × 210 mm at 72 / 25.4 pt per mm. */
const A5_PT = {width: (148 * 72) / 25.4, height: (210 * 72) / 25.4};

let out: string;
let report: BuildReport;
const pdfOf = (name: string) => path.join(out, name.replace(/\.[^.]+$/, '.pdf'));
const epubOf = (name: string) => path.join(out, name.replace(/\.[^.]+$/, '.epub'));

beforeAll(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'pamphlet-build-'));
  // Articles without a date of their own take SOURCE_DATE_EPOCH, never the clock.
  process.env['SOURCE_DATE_EPOCH'] = '1700000000';
  report = await build({out});
}, 180_000);

it('builds a PDF and an EPUB for every bundled example', () => {
  expect(report.inputs.map((input) => [path.basename(input.input), input.status, input.outputs.map((o) => o.format)])).toEqual(
    exampleNames.map((name) => [name, 'ok', ['pdf', 'epub']]),
  );
});

describe.each(exampleNames)('%s', (name) => {
  it('PDF: A5 boxes on every page, every font embedded, the reviewed text', async () => {
    const info = poppler('pdfinfo', '-box', '-f', '1', '-l', '99', pdfOf(name));
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    for (const box of ['MediaBox', 'TrimBox', 'BleedBox']) {
      const found = [...info.matchAll(new RegExp(`Page\\s+\\d+ ${box}:\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)`, 'g'))];
      expect(found).toHaveLength(pages);
      for (const [, x0, y0, x1, y1] of found) {
        expect(Number(x1) - Number(x0)).toBeCloseTo(A5_PT.width, 0);
        expect(Math.abs(Number(y1) - Number(y0) - A5_PT.height)).toBeLessThan(0.3);
      }
    }
    const fonts = poppler('pdffonts', pdfOf(name)).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) {
      expect(line).toMatch(/CID TrueType\s+Identity-H\s+yes/); // embedded, never Type 3
    }
    const text = Array.from({length: pages}, (_, index) =>
      `--- page ${index + 1} ---\n${poppler('pdftotext', '-layout', '-f', String(index + 1), '-l', String(index + 1), pdfOf(name), '-').trimEnd()}`,
    ).join('\n');
    await expect(`${text}\n`).toMatchFileSnapshot(goldenPath(name, 'pdf-text.txt'));
  });

  it('EPUB: passes EPUBCheck with no errors and no warnings', async () => {
    const result = await runEpubcheck(epubOf(name));
    expect(result.messages).toEqual([]);
    expect([result.errors, result.warnings]).toEqual([0, 0]);
  });

  it('EPUB: mimetype first and stored, the reviewed file list, OPF and XHTML', async () => {
    const bytes = await readFile(epubOf(name));
    // The first local file header names "mimetype", stored (method 0), as OCF requires.
    expect(bytes.subarray(30, 38).toString('latin1')).toBe('mimetype');
    expect(bytes.readUInt16LE(8)).toBe(0);
    const zip = await JSZip.loadAsync(bytes);
    const files = Object.keys(zip.files).filter((file) => !zip.files[file]?.dir).sort();
    const opf = (await zip.file('OEBPS/content.opf')?.async('string')) ?? '';
    expect(opf).toContain('<dc:language>');
    const chapters = await Promise.all(files.filter((file) => file.endsWith('.xhtml')).map(async (file) => `=== ${file}\n${await zip.file(file)?.async('string')}`));
    await expect(`${files.join('\n')}\n\n=== OEBPS/content.opf\n${opf}\n${chapters.join('\n')}`).toMatchFileSnapshot(goldenPath(name, 'epub.txt'));
  });
});

it('builds the same bytes twice', async () => {
  const again = await mkdtemp(path.join(tmpdir(), 'pamphlet-build-again-'));
  await build({out: again});
  for (const name of exampleNames) {
    for (const file of [pdfOf(name), epubOf(name)]) {
      expect((await readFile(path.join(again, path.basename(file)))).equals(await readFile(file)), file).toBe(true);
    }
  }
}, 180_000);

it('page 1 of the saved-page example looks as reviewed', async () => {
  await expectPageLooksAsReviewed(pdfOf('library-closures.html'), 1, 'library-closures/page-1.png', 50);
});
