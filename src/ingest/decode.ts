import type {InputFormat} from '../article.js';
import {decodeWindows1252} from './windows-1252.js';

/** Only the first bytes of a page may declare its charset (WHATWG encoding sniffing looks at 1024). */
const PRESCAN_BYTES = 1024;

function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** `<meta charset=…>` or `<meta http-equiv=Content-Type content="…; charset=…">` near the top of a page. */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, PRESCAN_BYTES)).toString('latin1');
  const match = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return match?.[1]?.toLowerCase();
}

function isSupported(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

/**
 * Turn bytes into text: a BOM wins, then the server's Content-Type charset (`transport`, for
 * a fetched page), then an HTML page's own declaration, then strict UTF-8, and last
 * windows-1252, which is what legacy Western pages without a declaration are (so "We’d"
 * never becomes "Weâ€™d"). This is the WHATWG order, less its statistical sniffing.
 */
export function decode(bytes: Uint8Array, format: InputFormat | undefined, transport?: string): {text: string; encoding: string} {
  const bom = bomEncoding(bytes);
  if (bom) return {text: new TextDecoder(bom).decode(bytes), encoding: bom};
  const declared = (transport && isSupported(transport) ? transport : undefined) ?? (format === 'text' ? undefined : declaredCharset(bytes));
  if (declared && isSupported(declared)) return decodeAs(new TextDecoder(declared).encoding, bytes);
  try {
    return {text: new TextDecoder('utf-8', {fatal: true}).decode(bytes), encoding: 'utf-8'};
  } catch {
    return decodeAs('windows-1252', bytes);
  }
}

/** `encoding` is a WHATWG name; "iso-8859-1", "latin1" and "ascii" are all windows-1252 by then. */
function decodeAs(encoding: string, bytes: Uint8Array): {text: string; encoding: string} {
  const text = encoding === 'windows-1252' ? decodeWindows1252(bytes) : new TextDecoder(encoding).decode(bytes);
  return {text, encoding};
}
