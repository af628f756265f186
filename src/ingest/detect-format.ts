import path from 'node:path';
import type {InputFormat} from '../article.js';
import {PamphletError} from '../errors.js';

/** Magic numbers of files people hand us by mistake, so the error can say what the file is. */
const BINARY_SIGNATURES: ReadonlyArray<[string, number[]]> = [
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['a PDF document', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['a ZIP archive (or EPUB/DOCX)', [0x50, 0x4b, 0x03, 0x04]],
  ['a gzip archive', [0x1f, 0x8b]],
  ['a WebP or RIFF file', [0x52, 0x49, 0x46, 0x46]],
];

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((byte, index) => bytes[index] === byte);
}

/** True when the bytes hold NUL or control characters that no text uses (UTF-16 is handled by its BOM). */
function looksBinary(bytes: Uint8Array): boolean {
  const hasUtf16Bom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (hasUtf16Bom) return false;
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1b)) control++;
  }
  return control > sample.length * 0.01;
}

const EXTENSIONS: Record<string, InputFormat> = {
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'text',
  '.text': 'text',
};

/** Media types a server may name for a fetched input; others are judged like a file. */
const MEDIA_TYPES: Record<string, InputFormat> = {
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
};

/**
 * Decide how to read an input: refuse binary files first (whatever their name says), then
 * trust the server's media type (for a URL), then the extension, then sniff the decoded text.
 */
export function detectFormat(name: string, bytes: Uint8Array, text: () => string, mediaType?: string): InputFormat {
  for (const [kind, signature] of BINARY_SIGNATURES) {
    if (startsWith(bytes, signature)) {
      throw new PamphletError('E_INPUT_BINARY', `${name}: is ${kind}, not an article; give an HTML, Markdown or text file`, {input: name});
    }
  }
  if (looksBinary(bytes)) {
    throw new PamphletError('E_INPUT_BINARY', `${name}: is a binary file, not an article; give an HTML, Markdown or text file`, {input: name});
  }
  const byMediaType = mediaType ? MEDIA_TYPES[mediaType] : undefined;
  if (byMediaType) return byMediaType;
  const byExtension = EXTENSIONS[path.extname(name.replace(/[?#].*$/, '')).toLowerCase()];
  if (byExtension) return byExtension;
  const head = text().trimStart().slice(0, 512).toLowerCase();
  if (head.startsWith('<!doctype html') || /<html[\s>]/.test(head) || /^<(head|body|article|meta)\b/.test(head)) return 'html';
  if (head.startsWith('---\n') || head.startsWith('---\r\n') || /^#{1,6} /.test(head)) return 'markdown';
  return 'text';
}
