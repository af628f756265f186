import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync} from 'node:fs';
import {mkdtemp, readFile, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import {PNG} from 'pngjs';
import {expect} from 'vitest';
import {cleanOne} from '../../src/build.js';
import {makePrintPdfs, type PrintPdfOptions, type PrintPdfs} from '../../src/pdf/make-pdf.js';
import {resolveAssets} from '../../src/render/assets.js';
import {loadTemplate} from '../../src/render/load-template.js';
import {renderPrintHtml} from '../../src/render/render-print.js';
import {typeset} from '../../src/typeset/index.js';
import {examplePath, GOLDENS} from '../support/examples.js';

export const poppler = (tool: string, ...args: string[]): string => execFileSync(tool, args, {encoding: 'utf8'});

export interface PrintedFiles extends PrintPdfs {
  file: string;
  bookletFile?: string;
}

let folder: Promise<string> | undefined;
export const outDir = (): Promise<string> => (folder ??= mkdtemp(path.join(tmpdir(), 'pamphlet-print-')));

/** An example as the build prints it: cleaned, typeset for print, rendered with the bleed, then `makePrintPdfs`. */
export function printExample(name: string, options: PrintPdfOptions, tag = 'out'): Promise<PrintedFiles> {
  return printInput(examplePath(name), options, tag);
}

/** Any input file, printed as `printExample` prints the examples. */
export async function printInput(input: string, options: PrintPdfOptions, tag = 'out'): Promise<PrintedFiles> {
  const name = path.basename(input);
  const template = await loadTemplate('pamphlet');
  const {article: cleaned, file} = await cleanOne(input);
  const {article, assets} = await resolveAssets(cleaned, file);
  const html = await renderPrintHtml(typeset(article, 'print', file), template, options.paper, options.bleedMm ?? 0);
  const meta = {title: article.title, authors: article.authors, subject: article.subtitle, lang: article.lang, date: new Date(article.date ?? '2024-01-01')};
  return writePrinted(`${name.replace(/\.[^.]+$/, '')}-${tag}`, await makePrintPdfs({html, template, assets}, meta, options));
}

/** A document of `count` pages, page k saying "Page k", printed with the pamphlet template's fonts. */
export async function printNumberedPages(count: number, options: PrintPdfOptions, background = 'white', css = ''): Promise<PrintedFiles> {
  const template = await loadTemplate('pamphlet');
  const size = `${options.paper.widthMm + 2 * (options.bleedMm ?? 0)}mm ${options.paper.heightMm + 2 * (options.bleedMm ?? 0)}mm`;
  const pages = Array.from({length: count}, (_, index) => `<section style="break-after: page; font: 40pt 'Source Sans 3'; padding: 80mm 0 0 30mm">Page${index + 1}</section>`);
  const html = `<!DOCTYPE html><html lang="en"><head><style>${template.fontCss.replaceAll('url(fonts/', 'url(template/fonts/')} @page { size: ${size}; margin: 0 } html { background: ${background} } ${css}</style></head><body style="margin:0">${pages.join('')}</body></html>`;
  const meta = {title: `${count} pages`, authors: [], date: new Date('2024-01-01')};
  return writePrinted(`numbered-${count}-${background.replace(/\W/g, '')}`, await makePrintPdfs({html, template, assets: new Map()}, meta, options));
}

async function writePrinted(name: string, printed: PrintPdfs): Promise<PrintedFiles> {
  const dir = await outDir();
  const file = path.join(dir, `${name}.pdf`);
  await writeFile(file, printed.pdf);
  let bookletFile: string | undefined;
  if (printed.booklet) {
    bookletFile = path.join(dir, `${name}.booklet.pdf`);
    await writeFile(bookletFile, printed.booklet);
  }
  return {...printed, file, bookletFile};
}

export type BoxName = 'MediaBox' | 'CropBox' | 'BleedBox' | 'TrimBox';
export type Corners = [number, number, number, number];

/** Every page's boxes as `pdfinfo -box` reports them. */
export function pageBoxes(file: string): Array<Record<BoxName, Corners>> {
  const info = poppler('pdfinfo', '-box', '-f', '1', '-l', '9999', file);
  const pages: Array<Record<BoxName, Corners>> = [];
  for (const [, page, box, ...corners] of info.matchAll(/Page\s+(\d+) (MediaBox|CropBox|BleedBox|TrimBox):\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)/g)) {
    const index = Number(page) - 1;
    pages[index] ??= {} as Record<BoxName, Corners>;
    pages[index][box as BoxName] = corners.map(Number) as Corners;
  }
  return pages;
}

/** The text of each half of sheet `page`, cut with pdftotext's crop box (in points at 72 dpi). */
export function sheetHalves(file: string, page: number): [string, string] {
  const [media] = [pageBoxes(file)[page - 1]!.MediaBox];
  const [width, height] = [media[2] - media[0], media[3] - media[1]];
  const read = (x: number) =>
    poppler('pdftotext', '-f', String(page), '-l', String(page), '-x', String(Math.round(x)), '-y', '0', '-W', String(Math.floor(width / 2)), '-H', String(Math.ceil(height)), file, '-')
      .replace(/\s+/g, ' ')
      .trim();
  return [read(0), read(width / 2)];
}

