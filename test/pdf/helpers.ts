import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import type {Template} from '../../src/render/template.js';
import {findChromium} from '../../src/pdf/chromium.js';

/** Tests that print skip where no Chromium is installed; on the dev machine they all run. */
export const chromiumAvailable = (() => {
  try {
    findChromium();
    return true;
  } catch {
    return false;
  }
})();

/** Generous: a cold Chromium launch on a loaded CI machine can take several seconds. */
export const CHROMIUM_TIMEOUT = 60_000;

export const FONT_FILE = 'source-serif-4-latin-400-normal.woff2';
export const FONT_PATH = resolve('node_modules/@fontsource/source-serif-4/files', FONT_FILE);

/** A temporary folder for one test file; `remove()` in afterAll. */
export function scratchDir(): {dir: string; remove: () => void} {
  const dir = mkdtempSync(join(tmpdir(), 'pamphlet-pdf-test-'));
  return {dir, remove: () => rmSync(dir, {recursive: true, force: true})};
}

/**
 * A minimal template: print.css sets the body in Source Serif 4, whose file is served from
 * the npm package through the template's `fonts` list, not copied into the folder.
 */
export function makeTemplate(dir: string): Template {
  const printCss = `@font-face {
  font-family: 'Source Serif 4';
  font-weight: 400;
  src: url(fonts/${FONT_FILE}) format('woff2');
}
@page { margin: 15mm; }
html, body { margin: 0; }
body { font: 11pt/1.4 'Source Serif 4'; }
/* Only a 400 face exists; synthesised bold headings would print as Type 3 outlines. */
body { font-synthesis: none; }
`;
  writeFileSync(join(dir, 'print.css'), printCss);
  return {
    name: 'test',
    dir,
    html: '',
    article: '',
    fontCss: '',
    printCss,
    epubCss: '',
    fonts: [{family: 'Source Serif 4', weight: 400, style: 'normal', file: FONT_FILE, path: FONT_PATH}],
  };
}

/** A print document as the render stage makes one: relative links into the sealed origin. */
export function documentHtml(body: string, head = ''): string {
  return `<!DOCTYPE html>
<html lang="en" class="for-print">
<head>
<meta charset="utf-8">
<title>Test document</title>
<link rel="stylesheet" href="template/print.css">
${head}
</head>
<body>
${body}
</body>
</html>`;
}

/** Runs a poppler tool on `pdf` and returns its stdout. */
export function poppler(tool: 'pdfinfo' | 'pdffonts' | 'pdftotext' | 'pdfimages', args: string[], pdf: Uint8Array): string {
  const {dir, remove} = scratchDir();
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    const output = tool === 'pdftotext' ? [file, '-'] : [file];
    return execFileSync(tool, [...args, ...output], {encoding: 'utf8'});
  } finally {
    remove();
  }
}

export interface Box {
  x1: number;
  y1: number;
  width: number;
  height: number;
}

/** Page 1's boxes as `pdfinfo -box` reports them. */
export function pageBoxes(pdf: Uint8Array): Record<'MediaBox' | 'CropBox' | 'BleedBox' | 'TrimBox', Box> {
  const info = poppler('pdfinfo', ['-box', '-f', '1', '-l', '1'], pdf);
  const box = (name: string): Box => {
    const match = new RegExp(`^(?:Page\\s+1\\s+)?${name}:\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)`, 'm').exec(info);
    if (!match) throw new Error(`no ${name} in pdfinfo output:\n${info}`);
    const [x1, y1, x2, y2] = match.slice(1).map(Number) as [number, number, number, number];
    return {x1, y1, width: x2 - x1, height: y2 - y1};
  };
  return {MediaBox: box('MediaBox'), CropBox: box('CropBox'), BleedBox: box('BleedBox'), TrimBox: box('TrimBox')};
}

/** `pdfinfo` fields as a map ("Title" → "…"). */
export function pdfInfo(pdf: Uint8Array): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of poppler('pdfinfo', [], pdf).split('\n')) {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    if (match) fields.set(match[1]!, match[2]!);
  }
  return fields;
}
