import {execFileSync} from 'node:child_process';
import {mkdtemp, readFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import {beforeAll, expect, it} from 'vitest';
import {build, type BuildReport} from '../src/build.js';
import {runEpubcheck} from '../src/epub/epubcheck.js';
import {examplePath} from './support/examples.js';

const TITLES = [
  'Bus drivers vote to strike over split shifts at Northgate depots',
  'How the Calder Court tenants won their repairs',
  'Four branch libraries face closure as Eastbrook council cuts hours',
];

let report: BuildReport;
let pdf: string;
const pageText = (page: number) => execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), pdf, '-'], {encoding: 'utf8'});

beforeAll(async () => {
  const out = await mkdtemp(path.join(tmpdir(), 'pamphlet-collection-'));
  report = await build({
    inputs: [examplePath('strike-ballot.txt'), examplePath('tenants-union.md'), examplePath('library-closures.html')],
    title: 'Organising Notes',
    subtitle: 'Three stories from the week',
    editor: 'Sam Reid',
    out,
    config: false,
  });
  pdf = path.join(out, 'organising-notes.pdf');
}, 180_000);

it('makes one PDF and one EPUB of all the inputs', () => {
  expect(report.ok).toBe(true);
  expect(report.outputs.map((output) => path.basename(output.path))).toEqual(['organising-notes.pdf', 'organising-notes.epub']);
  expect(report.inputs.every((input) => input.outputs.length === 2)).toBe(true);
});

it('lists each article on the contents page with the page it really starts on', () => {
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], {encoding: 'utf8'}))?.[1]);
  expect(pages % 2).toBe(0); // the back cover is a left-hand page
  expect(pageText(1)).toContain('Organising Notes');
  expect(pageText(2).trim()).toBe(''); // inside of the cover
  const contents = pageText(3);
  expect(contents).toContain('Contents');
  for (const title of TITLES) {
    const listed = Number(new RegExp(`${title.slice(0, 30)}.*?(\\d+)\\s*$`, 'm').exec(contents)?.[1]);
    // The article's title block is on that page, and it is a right-hand (odd) page.
    expect(listed % 2, title).toBe(1);
    expect(pageText(listed).replace(/\s+/g, ' '), title).toContain(title.split(' ').slice(0, 4).join(' '));
    // The printed page number at the foot is the same number.
    expect(pageText(listed).trim().split('\n').at(-1)?.trim()).toBe(String(listed));
  }
  expect(pageText(pages)).toContain('Sources');
});

it("carries each article's own running head on its right-hand pages", () => {
  const contents = pageText(3);
  const starts = TITLES.map((title) => Number(new RegExp(`${title.slice(0, 30)}.*?(\\d+)\\s*$`, 'm').exec(contents)?.[1]));
  starts.forEach((start, index) => {
    // The next right-hand page after the opening still belongs to the same article.
    const end = (starts[index + 1] ?? Infinity) - 1;
    for (let page = start; page <= Math.min(end, start + 2); page += 2) {
      const head = pageText(page).trim().split('\n')[0]?.trim();
      expect(head, `page ${page}`).toBe(TITLES[index]!.toUpperCase());
    }
    expect(pageText(start + 1).trim().split('\n')[0]?.trim()).toBe('ORGANISING NOTES');
  });
});

it('has one EPUB chapter per article, and passes EPUBCheck', async () => {
  const epub = report.outputs.find((output) => output.format === 'epub')!.path;
  const zip = await JSZip.loadAsync(await readFile(epub));
  const chapters = Object.keys(zip.files).filter((name) => /chapter-\d+\.xhtml$/.test(name)).sort();
  expect(chapters).toHaveLength(3);
  for (const [index, name] of chapters.entries()) {
    expect(await zip.file(name)!.async('string')).toContain(TITLES[index]);
  }
  const opf = await zip.file('OEBPS/content.opf')!.async('string');
  expect(opf).toContain('<dc:title id="title">Organising Notes</dc:title>');
  expect(opf).toContain('Sam Reid</dc:creator>');
  const check = await runEpubcheck(epub);
  expect([check.errors, check.warnings]).toEqual([0, 0]);
});
