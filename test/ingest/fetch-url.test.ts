import {createServer, type Server, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {main} from '../../src/cli.js';
import {PamphletError} from '../../src/errors.js';
import {ingest} from '../../src/ingest/index.js';

const ARTICLE = '<!doctype html><html><head><title>Rent strike</title></head><body><p>We’d rather pay on time.</p></body></html>';

/** windows-1252 bytes of the same page: ’ is 0x92. */
const ARTICLE_1252 = Buffer.from(ARTICLE.replace('’', '\u0000'), 'latin1').map((byte) => (byte === 0 ? 0x92 : byte));

/** A local server with one route per case; only ever bound to 127.0.0.1. */
const routes: Record<string, (response: ServerResponse) => void> = {
  '/article': (response) => response.writeHead(200, {'content-type': 'text/html; charset=utf-8'}).end(ARTICLE),
  '/repeated-title': (response) =>
    response.writeHead(200, {'content-type': 'text/html'}).end(`<title>Rent strike</title><article><h1>Rent strike</h1>${[1, 2, 3, 4, 5].map((week) => `<p>In week ${week} of the strike the tenants of the tower paid no rent, as the lifts broken since March were still not mended.</p>`).join('')}</article>`),
  '/legacy': (response) => response.writeHead(200, {'content-type': 'text/html; charset=windows-1252'}).end(ARTICLE_1252),
  '/no-type': (response) => response.writeHead(200).end(ARTICLE),
  '/moved': (response) => response.writeHead(301, {location: '/article'}).end(),
  '/missing': (response) => response.writeHead(404, {'content-type': 'text/html'}).end('<p>Not here</p>'),
  '/huge-declared': (response) => response.writeHead(200, {'content-type': 'text/html', 'content-length': String(64 * 1024)}).end(Buffer.alloc(64 * 1024, 0x20)),
  '/huge-streamed': (response) => {
    response.writeHead(200, {'content-type': 'text/html'});
    for (let chunk = 0; chunk < 16; chunk++) response.write(Buffer.alloc(8 * 1024, 0x20));
    response.end();
  },
  '/slow': (response) => {
    response.writeHead(200, {'content-type': 'text/html'});
    response.write('<p>');
    setTimeout(() => response.end('late</p>'), 2_000).unref();
  },
};

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => (routes[request.url ?? ''] ?? routes['/missing']!)(response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function failure(promise: Promise<unknown>): Promise<PamphletError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(PamphletError);
  return error as PamphletError;
}

describe('ingest of an http URL', () => {
  it("names the URL, whole, in a warning's position", async () => {
    let stderr = '';
    const code = await main(['clean', `${base}/repeated-title`, '--allow-private-network', '--to', 'text'], {stdout: () => undefined, stderr: (text) => void (stderr += text)});
    expect(code, stderr).toBe(0);
    expect(stderr).toContain(`${base}/repeated-title  warning  Unexpected repeat of the article header “Rent strike”`);
  });

  it('fetches the page, reads it as HTML and keeps the URL as its path', async () => {
    const input = await ingest(`${base}/article`);
    expect(input.source).toMatchObject({path: `${base}/article`, format: 'html'});
    expect(input.text).toBe(ARTICLE);
  });

  it('decodes by the Content-Type charset', async () => {
    const input = await ingest(`${base}/legacy`);
    expect(input.encoding).toBe('windows-1252');
    expect(input.text).toContain('We’d rather');
  });

  it('sniffs the format when the server names no media type', async () => {
    expect((await ingest(`${base}/no-type`)).source.format).toBe('html');
  });

  it('follows redirects', async () => {
    expect((await ingest(`${base}/moved`)).text).toBe(ARTICLE);
  });

  it('names the status of a refused request', async () => {
    const error = await failure(ingest(`${base}/missing`));
    expect(error.code).toBe('E_INPUT_MISSING');
    expect(error.message).toBe(`${base}/missing: the server answered 404 Not Found`);
  });

  it('refuses a page over the size limit, by its Content-Length or while reading', async () => {
    for (const route of ['/huge-declared', '/huge-streamed']) {
      const error = await failure(ingest(`${base}${route}`, undefined, {maxBytes: 32 * 1024}));
      expect(error.code).toBe('E_INPUT_TOO_LARGE');
      expect(error.message).toBe(`${base}${route}: the page is over the 32 KB input limit`);
    }
  });

  it('gives up after the timeout', async () => {
    const error = await failure(ingest(`${base}/slow`, undefined, {timeoutMs: 200}));
    expect(error.code).toBe('E_INPUT_MISSING');
    expect(error.message).toBe(`${base}/slow: no complete answer within 0.2 s; try again or save the page and give the file`);
  });

  it('reports a server that is not there', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(ingest(`http://127.0.0.1:${port}/`));
    expect(error.message).toBe(`http://127.0.0.1:${port}/: could not fetch the page (ECONNREFUSED)`);
  });
});
