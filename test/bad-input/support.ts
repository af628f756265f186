import {deflateSync} from 'node:zlib';

const WORDS = 'The council met on Monday to discuss the plan for the new library, and residents asked many questions about the budget and the schedule of the works. ';

/** A paragraph of plain English, long enough that a page of a few is an article. */
export function paragraph(words = WORDS, times = 3): string {
  return `<p>${words.repeat(times)}</p>`;
}

/** A whole page around `body`; `htmlAttributes` go on `<html>` (lang, dir). */
export function page(body: string, htmlAttributes = '', head = '<meta charset="utf-8">'): string {
  return `<!DOCTYPE html><html${htmlAttributes}><head>${head}<title>Library plan</title></head><body><article><h1>Library plan</h1>${body}</article></body></html>`;
}

/** Five distinct paragraphs (the duplicate-block rule removes repeats). */
export function paragraphs(words = WORDS, count = 5): string {
  return Array.from({length: count}, (_, index) => paragraph(`${index + 1}. ${words}`)).join('');
}

function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A 1-bit black PNG of any size: 20,000 × 20,000 pixels is 50 MB of rows that deflate to
 * about 50 KB, so the test holds a 400-megapixel image without holding 400 megapixels.
 */
export function blackPng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale
  const row = Buffer.alloc(1 + Math.ceil(width / 8));
  const rows = Buffer.alloc(row.length * height);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows, {level: 9})), chunk('IEND', new Uint8Array())]);
}
