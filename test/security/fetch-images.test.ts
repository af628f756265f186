import {lookup} from 'node:dns/promises';
import {mkdtemp, writeFile} from 'node:fs/promises';
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {hostname, tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {cleanOne} from '../../src/build.js';
import {main} from '../../src/cli.js';
import {resolveAssets, type AssetOptions} from '../../src/render/assets.js';
import {fetchImage, ImageRefused} from '../../src/render/fetch-image.js';
import {isPrivateAddress} from '../../src/security/network.js';
import {blackPng, page, paragraphs} from '../bad-input/support.js';

const PNG = blackPng(4, 4);
/** The machine's own name resolves (through /etc/hosts) to loopback or a private address. */
const ownName = hostname();
const ownNameResolves = Boolean(await lookup(ownName).catch(() => undefined));
let server: Server;
let origin: string;
let dir: string;
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    hits.push(request.url ?? '');
    if (request.url === '/slow.png') return; // never answers
    if (request.url === '/page.png') return response.writeHead(200, {'content-type': 'text/html'}).end('<p>not an image</p>');
    if (request.url === '/article.html') {
      return response.writeHead(200, {'content-type': 'text/html; charset=utf-8'}).end(page(`${paragraphs()}<figure><img src="photo.png" alt="A photo"></figure>`));
    }
    response.writeHead(200, {'content-type': 'image/png'}).end(PNG);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = await mkdtemp(path.join(tmpdir(), 'pamphlet-fetch-'));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** The article of a page showing `src`, with its images resolved under `options`; and the server hits it made. */
async function resolveWith(src: string, options: AssetOptions) {
  const file = path.join(dir, 'page.html');
  await writeFile(file, page(`${paragraphs()}<figure><img src="${src}" alt="A photo"></figure>`));
  const cleaned = await cleanOne(file);
  const before = hits.length;
  const {assets} = await resolveAssets(cleaned.article, cleaned.file, options);
  return {assets, hits: hits.slice(before), warnings: cleaned.file.messages.map((message) => message.reason)};
}

describe('web images are fetched only with consent, never from this machine or its network unless allowed', () => {
  it('by default: refused without a request', async () => {
    const result = await resolveWith(`${origin}/photo.png`, {});
    expect(result.hits).toEqual([]);
    expect(result.assets.size).toBe(0);
    expect(result.warnings).toContain(`Unexpected image ${origin}/photo.png: web images are fetched only with --fetch-images, dropped`);
  });

  it('with --fetch-images: 127.0.0.1 refused without a request', async () => {
    const result = await resolveWith(`${origin}/photo.png`, {fetchImages: true});
    expect(result.hits).toEqual([]);
    expect(result.assets.size).toBe(0);
    expect(result.warnings.join('\n')).toMatch(/127\.0\.0\.1 is a private address \(--allow-private-network reaches it\), dropped/);
  });

  it.skipIf(!ownNameResolves)('with --fetch-images: a name that resolves to a private address is refused after resolution', async () => {
    const result = await resolveWith(`${origin.replace('127.0.0.1', ownName)}/photo.png`, {fetchImages: true});
    expect(result.hits).toEqual([]);
    expect(result.warnings.join('\n')).toContain(`${ownName} resolves to the private address`);
  });

  it('with --fetch-images --allow-private-network: fetched', async () => {
    const result = await resolveWith(`${origin}/photo.png`, {fetchImages: true, allowPrivateNetwork: true});
    expect(result.hits).toEqual(['/photo.png']);
    expect([...result.assets.values()].map((asset) => [asset.mediaType, Buffer.from(asset.bytes).equals(PNG)])).toEqual([['image/png', true]]);
  });
});

describe('a fetch is bounded', () => {
  const allowed = {allowPrivateNetwork: true, timeoutMs: 10_000, maxBytes: 1024 * 1024};
  const refusal = (promise: Promise<unknown>) => promise.then(() => 'fetched', (error: unknown) => (error instanceof ImageRefused ? error.message : `unexpected ${String(error)}`));

  it('by time', async () => {
    const started = performance.now();
    expect(await refusal(fetchImage(`${origin}/slow.png`, {...allowed, timeoutMs: 300}))).toBe('no complete answer within 0.3 s');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('by size', async () => {
    expect(await refusal(fetchImage(`${origin}/photo.png`, {...allowed, maxBytes: 10}))).toMatch(/over the .* MB image limit/);
  });

  it('by content type', async () => {
    expect(await refusal(fetchImage(`${origin}/page.png`, allowed))).toBe('the server sent text/html, not a PNG, JPEG or GIF image');
  });

  it('by scheme', async () => {
    expect(await refusal(fetchImage('ftp://127.0.0.1/photo.png', allowed))).toBe('ftp: URLs are not fetched');
  });
});

describe('a URL input', () => {
  it('has its images fetched relative to its URL, never read from the working folder; private addresses still refused', async () => {
    const cleaned = await cleanOne(`${origin}/article.html`, dir);
    await writeFile(path.join(dir, 'photo.png'), PNG);
    const before = hits.length;
    const refused = await resolveAssets(cleaned.article, cleaned.file, {});
    expect(hits.slice(before)).toEqual([]);
    expect(refused.assets.size).toBe(0);
    expect(cleaned.file.messages.map(String).join('\n')).toContain('Unexpected image photo.png: 127.0.0.1 is a private address');
    const allowed = await resolveAssets(cleaned.article, cleaned.file, {allowPrivateNetwork: true});
    expect(hits.slice(before)).toEqual(['/photo.png']);
    expect(allowed.assets.size).toBe(1);
  });
});

it('the CLI passes --fetch-images and --allow-private-network through to the build', async () => {
  const file = path.join(dir, 'cli.html');
  await writeFile(file, page(`${paragraphs()}<figure><img src="${origin}/cli.png" alt="A photo"></figure>`));
  let stderr = '';
  const io = {stdout: () => undefined, stderr: (text: string) => (stderr += text)};
  const before = hits.length;
  expect(await main(['build', file, '-o', path.join(dir, 'out'), '--format', 'pdf', '--fetch-images'], io)).toBe(0);
  expect(hits.slice(before)).toEqual([]);
  expect(stderr).toContain('127.0.0.1 is a private address');
  expect(await main(['build', file, '-o', path.join(dir, 'out'), '--format', 'pdf', '--fetch-images', '--allow-private-network', '--quiet'], io)).toBe(0);
  expect(hits.slice(before)).toEqual(['/cli.png']);
});

it.each([
  ['127.0.0.1', true],
  ['127.255.0.9', true],
  ['0.0.0.0', true],
  ['10.1.2.3', true],
  ['172.16.0.1', true],
  ['172.31.255.255', true],
  ['192.168.1.1', true],
  ['169.254.169.254', true],
  ['100.100.100.200', true],
  ['::1', true],
  ['::', true],
  ['fe80::1', true],
  ['fd00:ec2::254', true],
  ['::ffff:127.0.0.1', true],
  ['::ffff:a9fe:a9fe', true],
  ['[::1]', true],
  ['not-an-address', true],
  ['8.8.8.8', false],
  ['172.32.0.1', false],
  ['1.1.1.1', false],
  ['2606:4700:4700::1111', false],
  ['::ffff:8.8.8.8', false],
])('isPrivateAddress(%s) is %s', (address, expected) => {
  expect(isPrivateAddress(address)).toBe(expected);
});
