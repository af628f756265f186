import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {cp, mkdtemp, readFile, readdir, symlink, writeFile} from 'node:fs/promises';
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {inflateSync} from 'node:zlib';
import JSZip from 'jszip';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {build, type BuildReport} from '../../src/build.js';
import {EXAMPLES} from '../support/examples.js';
import {blackPng} from '../bad-input/support.js';

/** Text that exists only in the canary files, outside the input folder. */
const CANARY = 'CANARY-d41d8cd98f';

let server: Server;
const hits: string[] = [];
let root: string;
let canaryPng: Buffer;

/** The pages of examples/hostile, pointed at this test's server and canary folder. */
async function hostileInputs(folder: string): Promise<string[]> {
  const port = (server.address() as AddressInfo).port;
  const input = path.join(root, folder);
  await cp(path.join(EXAMPLES, 'hostile'), input, {recursive: true});
  await symlink(path.join(root, 'canary.png'), path.join(input, 'images', 'canary-link.png'));
  const names = ['hostile.html', 'leaks.html'];
  for (const name of names) {
    const file = path.join(input, name);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replaceAll('127.0.0.1:47613', `127.0.0.1:${port}`).replaceAll('/__CANARY_DIR__', root));
  }
  return names.map((name) => path.join(input, name));
}

beforeAll(async () => {
  server = createServer((request, response) => {
    hits.push(request.url ?? '');
    response.writeHead(200, {'content-type': 'image/png'}).end(blackPng(8, 8));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  root = await mkdtemp(path.join(tmpdir(), 'pamphlet-hostile-'));
  // A real PNG, so that a leak would be packaged, with the canary text in a tEXt chunk.
  const png = blackPng(16, 16);
  const text = Buffer.from(`Comment\0${CANARY}`, 'latin1');
  const chunk = Buffer.alloc(12 + text.length);
  chunk.writeUInt32BE(text.length, 0);
  chunk.write('tEXt', 4, 'latin1');
  text.copy(chunk, 8);
  // The CRC is left zero: decoders skip ancillary chunks with a bad CRC, and no decoder should ever see it.
  canaryPng = Buffer.concat([png.subarray(0, 33), chunk, png.subarray(33)]);
  await writeFile(path.join(root, 'canary.png'), canaryPng);
  await writeFile(path.join(root, 'canary.txt'), `${CANARY} the contents of a private file\n`);
  await writeFile(path.join(root, 'canary.css'), `body::before { content: "${CANARY}"; } body { background: url(canary.png); }\n`);
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** Every text a PDF carries: its extracted text and its streams, inflated. */
function pdfTexts(file: string, bytes: Buffer): string {
  const streams: string[] = [];
  const raw = bytes.toString('latin1');
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    try {
      streams.push(inflateSync(bytes.subarray(start, end)).toString('latin1'));
    } catch {
      streams.push(raw.slice(start, end));
    }
  }
  return [execFileSync('pdftotext', [file, '-'], {encoding: 'utf8'}), raw, ...streams].join('\n');
}

async function epubEntries(file: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(await readFile(file));
  const entries = new Map<string, Buffer>();
  for (const name of Object.keys(zip.files)) if (!zip.files[name]!.dir) entries.set(name, await zip.file(name)!.async('nodebuffer'));
  return entries;
}

describe.each([
  ['by default', {}],
  // Consent to fetch images is not consent to reach this machine or its network.
  ['with --fetch-images', {fetchImages: true}],
])('the hostile set, %s', (_label, flags) => {
  let report: BuildReport;
  const hitsBefore = {count: 0};

  beforeAll(async () => {
    hitsBefore.count = hits.length;
    const name = Object.keys(flags).join('-') || 'default';
    const inputs = await hostileInputs(`input-${name}`);
    report = await build({...flags, inputs, out: path.join(root, `out-${name}`), config: false});
  }, 120_000);

  it('builds both pages to PDF and EPUB', () => {
    expect(report.inputs.map((input) => [path.basename(input.input), input.status, input.outputs.map((output) => output.format).sort()])).toEqual([
      ['hostile.html', 'ok', ['epub', 'pdf']],
      ['leaks.html', 'ok', ['epub', 'pdf']],
    ]);
  });

  it('sends 0 requests to the counting server', () => {
    expect(hits.slice(hitsBefore.count)).toEqual([]);
  });

  it('leaks 0 canaries: no canary text or image in any output', async () => {
    const canaryHash = createHash('sha256').update(canaryPng).digest('hex').slice(0, 16);
    for (const output of report.outputs) {
      const bytes = await readFile(output.path);
      if (output.format === 'pdf') {
        expect(pdfTexts(output.path, bytes), output.path).not.toContain(CANARY);
      } else {
        for (const [name, entry] of await epubEntries(output.path)) {
          expect(entry.toString('latin1'), `${output.path}: ${name}`).not.toContain(CANARY);
          expect(name).not.toContain(canaryHash);
          expect(entry.equals(canaryPng), name).toBe(false);
        }
      }
    }
    // The only images: the banner and the data: PNG (hostile.html), the banner (leaks.html).
    const images = (name: string) => {
      const pdf = report.inputs.find((input) => input.input.endsWith(name))!.outputs.find((output) => output.format === 'pdf')!.path;
      const rows = execFileSync('pdfimages', ['-list', pdf], {encoding: 'utf8'}).trim().split('\n').slice(2);
      // One image drawn on several pages is one object.
      return new Set(rows.map((row) => row.trim().split(/\s+/)[10])).size;
    };
    expect(images('hostile.html')).toBe(2);
    expect(images('leaks.html')).toBe(1);
  });

  it('carries 0 scripts: no script element, handler or script URL in the EPUBs, no JavaScript action in the PDFs', async () => {
    for (const output of report.outputs) {
      if (output.format === 'pdf') {
        expect(pdfTexts(output.path, await readFile(output.path)), output.path).not.toMatch(/\/(JavaScript|JS|Launch|SubmitForm|ImportData)\b/);
        continue;
      }
      for (const [name, entry] of await epubEntries(output.path)) {
        if (!/\.(x?html|opf|ncx|css|svg)$/.test(name)) continue;
        const text = entry.toString('utf8').toLowerCase();
        for (const forbidden of ['<script', 'javascript:', 'vbscript:', '<iframe', '<object', '<embed', '<foreignobject', 'file:', '../']) {
          expect(text, `${name}: ${forbidden}`).not.toContain(forbidden);
        }
        expect(text, name).not.toMatch(/\son[a-z]+\s*=/);
      }
    }
  });

  it('says what it dropped', () => {
    const leaks = report.inputs.find((input) => input.input.endsWith('leaks.html'))!.warnings.map(String).join('\n');
    for (const src of ['../canary.png', '%2e%2e/canary.png', 'images/canary-link.png', `${root}/canary.png`]) {
      expect(leaks).toContain(`Unexpected image ${src}: it is outside the input's folder, dropped`);
    }
    // The sanitiser takes out a file: source; the image goes with a word.
    expect(leaks).toContain('Unexpected image “The canary by file URL” without a web, data: or relative source, dropped');
  });
});

it('leaves the canary folder as it was', async () => {
  expect((await readdir(root)).filter((name) => name.startsWith('canary')).sort()).toEqual(['canary.css', 'canary.png', 'canary.txt']);
});
