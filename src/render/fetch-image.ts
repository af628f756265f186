import {lookup as dnsLookup, type LookupAddress, type LookupOptions} from 'node:dns';
import type {IncomingMessage} from 'node:http';
import {isIP, type LookupFunction} from 'node:net';
import {isPrivateAddress} from '../security/network.js';

export interface ImageFetchOptions {
  /** Reach loopback, private, link-local and metadata addresses too (`--allow-private-network`). */
  allowPrivateNetwork: boolean;
  /** Give up on an image that has not arrived whole in this time. */
  timeoutMs: number;
  /** Refuse an image larger than this. */
  maxBytes: number;
}

/** A photo for a page column is a few hundred KB; 10 s and 15 MB leave room for slow servers and big scans. */
export const IMAGE_FETCH_DEFAULTS: ImageFetchOptions = Object.freeze({allowPrivateNetwork: false, timeoutMs: 10_000, maxBytes: 15 * 1024 * 1024});

/** Redirects followed per image; each hop's address is checked again. */
const MAX_REDIRECTS = 3;

/** Media types the asset stage keeps; anything else is not read past its headers. */
const IMAGE_MEDIA_TYPES = new Set(['image/png', 'image/jpeg', 'image/jpg', 'image/gif']);

/** Why an image was not fetched, worded to follow "Unexpected image URL: …". */
export class ImageRefused extends Error {
  override name = 'ImageRefused';
}

/**
 * Resolves, then refuses private addresses. The check is made on the addresses the socket
 * connects to, so a name that resolves to a public address for a check and a private one
 * for the connection (DNS rebinding) cannot slip through.
 */
const publicOnlyLookup: LookupFunction = (hostname, options: LookupOptions, callback) => {
  dnsLookup(hostname, {...options, all: true}, (error, addresses: LookupAddress[]) => {
    if (error) return (callback as (error: Error) => void)(error);
    const refused = addresses.find((entry) => isPrivateAddress(entry.address));
    if (refused) return (callback as (error: Error) => void)(new ImageRefused(`${hostname} resolves to the private address ${refused.address}`));
    if (options.all) return (callback as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
    const first = addresses[0]!;
    return (callback as (error: null, address: string, family: number) => void)(null, first.address, first.family);
  });
};

function get(url: URL, options: ImageFetchOptions, signal: AbortSignal): Promise<IncomingMessage> {
  // Loaded for the first image fetched, not with this module: https and TLS took 7-9 ms of every
  // build's start, and most builds fetch no image. (Not `import()`, which the CLI's bundle, run
  // from V8's code cache, cannot do.)
  const client = url.protocol === 'https:' ? process.getBuiltinModule('node:https') : process.getBuiltinModule('node:http');
  return new Promise((resolve, reject) => {
    const request = client.get(url, {signal, headers: {accept: 'image/png, image/jpeg, image/gif'}, ...(options.allowPrivateNetwork ? {} : {lookup: publicOnlyLookup})}, resolve);
    request.on('error', reject);
  });
}

async function readLimited(response: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) {
      response.destroy();
      throw new ImageRefused(`it is over the ${maxBytes / 1048576} MB image limit`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Fetch one image the article names, with the user's consent (`--fetch-images`, or a URL
 * input): http(s) only, public addresses only unless allowed, within a time and size limit,
 * and only when the server says it is a PNG, JPEG or GIF. Throws ImageRefused with the reason.
 */
export async function fetchImage(src: string, options: ImageFetchOptions = IMAGE_FETCH_DEFAULTS): Promise<Uint8Array> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  let url = new URL(src);
  try {
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ImageRefused(`${url.protocol} URLs are not fetched`);
      // An address in the URL itself is never looked up, so it is checked here.
      const host = url.hostname.replace(/^\[|\]$/g, '');
      if (!options.allowPrivateNetwork && (isIP(host) !== 0 ? isPrivateAddress(host) : host === 'localhost' || host.endsWith('.localhost'))) {
        throw new ImageRefused(`${host} is a private address (--allow-private-network reaches it)`);
      }
      const response = await get(url, options, signal);
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location) {
        response.resume();
        url = new URL(response.headers.location, url);
        continue;
      }
      if (status !== 200) {
        response.resume();
        throw new ImageRefused(`the server answered ${status}`);
      }
      const mediaType = (response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (!IMAGE_MEDIA_TYPES.has(mediaType)) {
        response.destroy();
        throw new ImageRefused(`the server sent ${mediaType || 'no content type'}, not a PNG, JPEG or GIF image`);
      }
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        response.destroy();
        throw new ImageRefused(`it is over the ${options.maxBytes / 1048576} MB image limit`);
      }
      return await readLimited(response, options.maxBytes);
    }
    throw new ImageRefused(`more than ${MAX_REDIRECTS} redirects`);
  } catch (error) {
    if (error instanceof ImageRefused) throw error;
    if (signal.aborted) throw new ImageRefused(`no complete answer within ${options.timeoutMs / 1000} s`);
    const failure = error as {code?: string; message?: string; cause?: unknown};
    if (failure.cause instanceof ImageRefused) throw failure.cause;
    throw new ImageRefused(`it could not be fetched (${failure.code ?? failure.message ?? String(error)})`);
  }
}
