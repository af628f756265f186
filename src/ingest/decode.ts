import type {InputFormat} from '../article.js';

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
 * Turn bytes into text: a BOM wins, then an HTML page's own declaration, then strict UTF-8,
 * and last windows-1252, which is what legacy Western pages without a declaration are
 * (so "We’d" never becomes "Weâ€™d").
 */
export function decode(bytes: Uint8Array, format: InputFormat | undefined): {text: string; encoding: string} {
  const bom = bomEncoding(bytes);
  if (bom) return {text: new TextDecoder(bom).decode(bytes), encoding: bom};
  const declared = format === 'text' ? undefined : declaredCharset(bytes);
  if (declared && isSupported(declared)) {
    return {text: new TextDecoder(declared).decode(bytes), encoding: new TextDecoder(declared).encoding};
  }
  try {
    return {text: new TextDecoder('utf-8', {fatal: true}).decode(bytes), encoding: 'utf-8'};
  } catch {
    return {text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252'};
  }
}
