import {readFile, stat} from 'node:fs/promises';
import path from 'node:path';
import {PamphletError} from '../errors.js';
import {DEFAULT_TIMEOUT_MS, fetchUrl, isUrl, type FetchLimits} from './fetch-url.js';

/** The raw bytes of one input and where its local assets live. */
export interface RawInput {
  /** As the user named it ("-" for stdin). */
  path: string;
  /** Folder that local assets are resolved against. */
  baseDir: string;
  bytes: Uint8Array;
  /** For a URL: the media type the server named ("text/html"). */
  mediaType?: string;
  /** For a URL: the charset of the server's Content-Type header. */
  charset?: string;
}

/** Reading stops here by default (`--max-input-mb`): a page this large is not an article. */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

async function readStdin(maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) {
      throw new PamphletError('E_INPUT_TOO_LARGE', `-: standard input is over the ${Number((maxBytes / 1048576).toFixed(1))} MB input limit (--max-input-mb raises it)`, {input: '-'});
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Read one input: "-" is stdin, an http(s) URL is fetched (within `limits`, by default half
 * a minute and the input size limit), anything else is a file path.
 */
export async function readInput(input: string, cwd: string = process.cwd(), limits: FetchLimits = {}): Promise<RawInput> {
  if (input === '-') return {path: '-', baseDir: cwd, bytes: await readStdin(limits.maxBytes ?? MAX_INPUT_BYTES)};
  if (isUrl(input)) {
    const page = await fetchUrl(input, {timeoutMs: limits.timeoutMs ?? DEFAULT_TIMEOUT_MS, maxBytes: limits.maxBytes ?? MAX_INPUT_BYTES});
    // A fetched page has no folder of its own: nothing local is read for it.
    return {path: input, baseDir: cwd, bytes: page.bytes, mediaType: page.mediaType, charset: page.charset};
  }
  const absolute = path.resolve(cwd, input);
  const info = await stat(absolute).catch(() => undefined);
  if (!info) {
    throw new PamphletError('E_INPUT_MISSING', `${input}: no such file; check the path`, {input});
  }
  if (info.isDirectory()) {
    throw new PamphletError('E_INPUT_MISSING', `${input}: is a folder, expected an article file`, {input});
  }
  const maxBytes = limits.maxBytes ?? MAX_INPUT_BYTES;
  if (info.size > maxBytes) {
    throw new PamphletError(
      'E_INPUT_TOO_LARGE',
      `${input}: ${(info.size / 1048576).toFixed(1)} MB is over the ${Number((maxBytes / 1048576).toFixed(1))} MB input limit (--max-input-mb raises it)`,
      {input},
    );
  }
  return {path: input, baseDir: path.dirname(absolute), bytes: await readFile(absolute)};
}
