import {execFile} from 'node:child_process';
import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {PNG} from 'pngjs';
import {PamphletError} from './errors.js';
import {writeFileAtomic} from './outputs.js';

/** Pages across on a contact sheet: four A5 pages read like two spreads. */
const COLUMNS = 4;
const GAP = 12;
/** Low enough to keep a 32-page sheet small, high enough to judge the layout. */
const PPI = 40;

async function rasterise(pdf: string, folder: string): Promise<PNG[]> {
  try {
    await promisify(execFile)('pdftoppm', ['-png', '-r', String(PPI), pdf, path.join(folder, 'page')]);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new PamphletError(
      'E_RENDER',
      missing ? 'preview needs pdftoppm: install it with "apt-get install poppler-utils"' : `${pdf}: could not be read as a PDF (${(error as Error).message.split('\n')[0]})`,
      {input: pdf},
    );
  }
  const files = (await readdir(folder)).filter((name) => name.endsWith('.png')).sort();
  return Promise.all(files.map(async (name) => PNG.sync.read(await readFile(path.join(folder, name)))));
}

/** Lay pages out on a grey sheet, left to right, top to bottom. */
function contactSheet(pages: PNG[]): PNG {
  const cellWidth = Math.max(...pages.map((page) => page.width));
  const cellHeight = Math.max(...pages.map((page) => page.height));
  const columns = Math.min(COLUMNS, pages.length);
  const rows = Math.ceil(pages.length / columns);
  const sheet = new PNG({width: GAP + columns * (cellWidth + GAP), height: GAP + rows * (cellHeight + GAP)});
  sheet.data.fill(0xcc);
  pages.forEach((page, index) => {
    const x = GAP + (index % columns) * (cellWidth + GAP);
    const y = GAP + Math.floor(index / columns) * (cellHeight + GAP);
    PNG.bitblt(page, sheet, 0, 0, page.width, page.height, x, y);
  });
  return sheet;
}

/** FILE.pdf → FILE.preview.png: every page, small, on one sheet, to look at before printing. */
export async function previewPdf(pdf: string, target = pdf.replace(/\.pdf$/i, '') + '.preview.png'): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'pamphlet-preview-'));
  try {
    const pages = await rasterise(pdf, folder);
    if (pages.length === 0) throw new PamphletError('E_RENDER', `${pdf}: has no pages to preview`, {input: pdf});
    await writeFileAtomic(target, PNG.sync.write(contactSheet(pages)));
    return target;
  } finally {
    await rm(folder, {recursive: true, force: true});
  }
}
