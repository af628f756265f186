import {PamphletError} from '../errors.js';

export interface FetchLimits {
  /** Give up when the whole response has not arrived in this time. */
  timeoutMs?: number;
  /** Refuse a response larger than this many bytes. */
  maxBytes?: number;
}

/** What a server sent for a URL input. */
export interface FetchedPage {
  bytes: Uint8Array;
  /** The media type without parameters ("text/html"), when the server named one. */
  mediaType?: string;
  /** The `charset=` of the Content-Type header, which outranks the page's own `<meta>`. */
  charset?: string;
}

/** A page that has not arrived in half a minute is not coming. */
export const DEFAULT_TIMEOUT_MS = 30_000;

export function isUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

function parseContentType(header: string | null): {mediaType?: string; charset?: string} {
  if (!header) return {};
  const [type, ...parameters] = header.split(';');
  const charset = parameters
    .map((parameter) => /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(parameter)?.[1])
    .find((value): value is string => Boolean(value));
  return {mediaType: type?.trim().toLowerCase() || undefined, ...(charset ? {charset: charset.toLowerCase()} : {})};
}

function size(bytes: number): string {
  return bytes >= 1048576 ? `${Number((bytes / 1048576).toFixed(1))} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function tooLarge(url: string, maxBytes: number): PamphletError {
  return new PamphletError('E_INPUT_TOO_LARGE', `${url}: the page is over the ${size(maxBytes)} input limit`, {input: url});
}

/** Read the body chunk by chunk, stopping as soon as it passes the limit. */
async function readLimited(response: Response, url: string, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  for (;;) {
    const {done, value} = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(url, maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * Fetch an http(s) URL the user gave as an input, within a time and a size limit. Every
 * failure is a PamphletError naming the URL: unreachable, refused, too slow or too large.
 */
export async function fetchUrl(url: string, limits: Required<FetchLimits>): Promise<FetchedPage> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    const response = await fetch(url, {signal, redirect: 'follow', headers: {accept: 'text/html, text/markdown;q=0.9, text/plain;q=0.8, */*;q=0.1'}});
    if (!response.ok) {
      await response.body?.cancel();
      throw new PamphletError('E_INPUT_MISSING', `${url}: the server answered ${response.status} ${response.statusText}`.trim(), {input: url});
    }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > limits.maxBytes) {
      await response.body?.cancel();
      throw tooLarge(url, limits.maxBytes);
    }
    const bytes = await readLimited(response, url, limits.maxBytes);
    return {bytes, ...parseContentType(response.headers.get('content-type'))};
  } catch (error) {
    if (error instanceof PamphletError) throw error;
    if (signal.aborted) {
      throw new PamphletError('E_INPUT_MISSING', `${url}: no complete answer within ${limits.timeoutMs / 1000} s; try again or save the page and give the file`, {
        input: url,
        cause: error,
      });
    }
    const reason = (error as {cause?: {code?: string; message?: string}}).cause;
    throw new PamphletError('E_INPUT_MISSING', `${url}: could not fetch the page (${reason?.code ?? reason?.message ?? (error as Error).message})`, {
      input: url,
      cause: error,
    });
  }
}
