import {createHash} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import {createServer, type Server} from 'node:http';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {DOMParser} from 'linkedom';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {isEpubcheckAvailable, runEpubcheck} from '../../src/epub/index.js';
import {closeBrowser} from '../../src/pdf/index.js';
import {isAceAvailable, runAce} from '../../scripts/ace.mjs';
import {epubOf, unpack, writeTemporary} from './support/pipeline.js';

const folder = fileURLToPath(new URL('../../examples/hostile/', import.meta.url));
/** The port examples/hostile/hostile.html points every remote resource at. */
const PORT = 47613;
const DATA_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAJElEQVR4AXXBAQEAIAyAME4G4xjM+BY425x32UiQIEGCBAkSPqGQANgdHpuSAAAAAElFTkSuQmCC';

let server: Server;
const requests: string[] = [];
let epub: {bytes: Uint8Array; file: string; warnings: string[]};

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    response.writeHead(200, {'content-type': 'image/png'}).end(Buffer.from(DATA_PNG, 'base64'));
  });
  // A port taken by something else would hide requests from this count: fail instead.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(PORT, '127.0.0.1', resolve);
  });
  const {bytes, parts} = await epubOf([path.join(folder, 'hostile.html')]);
  epub = {bytes, file: await writeTemporary('hostile.epub', bytes), warnings: parts.flatMap((part) => part.file.messages.map(String))};
}, 120_000);

afterAll(async () => {
  await closeBrowser();
  await new Promise((resolve) => server.close(resolve));
});

it('sends no request anywhere, from cleaning to the cover', () => {
  expect(requests).toEqual([]);
});

it.skipIf(!isEpubcheckAvailable())('passes EPUBCheck with no errors, warnings or infos', {timeout: 60_000}, async () => {
  const report = await runEpubcheck(epub.file);
  expect(report.messages).toEqual([]);
});

it.skipIf(!isAceAvailable())('has no DAISY Ace violations', {timeout: 120_000}, async () => {
  expect(await runAce(epub.file)).toEqual([]);
});

it('carries no script, handler, frame, form, remote or local-file reference', async () => {
  const {texts} = await unpack(epub.bytes);
  const all = [...texts.values()].join('\n').toLowerCase();
  for (const forbidden of ['<script', '<iframe', '<object', '<embed', '<video', '<form', 'javascript:', 'file:', '/etc/passwd', '127.0.0.1', 'srcset', 'alert(', 'sendbeacon', 'package.json']) {
    expect(all, forbidden).not.toContain(forbidden);
  }
  for (const [name, text] of texts) {
    if (!name.endsWith('.xhtml')) continue;
    const document = new DOMParser().parseFromString(text, 'text/xml');
    for (const element of Array.from(document.querySelectorAll('*')) as unknown as Element[]) {
      for (const attribute of Array.from(element.attributes)) {
        expect(attribute.name.toLowerCase().startsWith('on'), `${name}: ${attribute.name}`).toBe(false);
        if (attribute.name === 'style') expect(attribute.value, name).not.toMatch(/url\(/i);
      }
    }
  }
  expect(texts.get('OEBPS/content.opf')).not.toContain('dc:description');
});

it('packages only the images from its own folder and its data: URI', async () => {
  const {names} = await unpack(epub.bytes);
  const hashOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const banner = await readFile(path.join(folder, 'images/banner.png'));
  // Asset names are the hash of the bytes read: the banner (scaled for e-readers inside) and the data: PNG.
  expect(names.filter((name) => name.startsWith('OEBPS/assets/')).sort()).toEqual(
    [`OEBPS/assets/${hashOf(banner)}.png`, `OEBPS/assets/${hashOf(Buffer.from(DATA_PNG, 'base64'))}.png`].sort(),
  );
});

it('says what it dropped', () => {
  const text = epub.warnings.join('\n');
  expect(text).toContain('http://127.0.0.1:47613/pixel.png');
  expect(text).toContain('../../package.json');
  expect(text).toContain('scaled from 3000×2000 to 2898×1932 pixels');
});
