import jpeg from 'jpeg-js';
import {PNG} from 'pngjs';
import {readImageFacts} from '../epub/images.js';

/**
 * The most pixels an image may have to be used at all: a 6000 × 4000 camera photo is 24 MP
 * and prints 500 mm wide at 300 ppi. Larger ones are refused from their header alone, before
 * any decoding: a 20,000 × 20,000 image would take 1.6 GB of memory to decode.
 */
export const MAX_IMAGE_PIXELS = 25_000_000;

/** Photo essays run to a few dozen images; past this a page is a gallery or a trap. */
export const MAX_IMAGES = 200;

/** Why an image is refused for its size, or undefined when it may be used. */
export function oversizeReason(bytes: Uint8Array): string | undefined {
  const facts = readImageFacts(bytes);
  if (!facts) return undefined;
  const pixels = facts.width * facts.height;
  if (pixels <= MAX_IMAGE_PIXELS) return undefined;
  return `it is ${facts.width}×${facts.height} pixels (${Math.round(pixels / 1e6)} MP), over the ${MAX_IMAGE_PIXELS / 1e6} MP image limit`;
}

/**
 * The most pixels an image keeps for print: 4000 × 3000 is 339 mm wide at 300 ppi, wider than
 * an A4 page. More only makes the PDF larger and Chromium slower.
 */
export const MAX_PRINT_PIXELS = 12_000_000;

/** JPEG quality for a scaled photo: high enough that print shows no artefacts. */
const JPEG_QUALITY = 90;

/** The size with the same proportions and at most `MAX_PRINT_PIXELS`. */
function printSize(width: number, height: number): {width: number; height: number} {
  const scale = Math.sqrt(MAX_PRINT_PIXELS / (width * height));
  return {width: Math.max(1, Math.floor(width * scale)), height: Math.max(1, Math.floor(height * scale))};
}

/**
 * Area-average downscaling one target row at a time, so memory beyond the decoded image is
 * one row of sums. Colour is weighted by alpha, so transparent pixels lend none.
 */
function shrink(data: Uint8Array, width: number, height: number, to: {width: number; height: number}): Uint8Array {
  const out = new Uint8Array(to.width * to.height * 4);
  const sums = new Float64Array(to.width * 4);
  const counts = new Float64Array(to.width);
  const firstColumn = Int32Array.from({length: to.width + 1}, (_, x) => Math.min(width, Math.floor((x * width) / to.width)));
  for (let y = 0; y < to.height; y++) {
    sums.fill(0);
    counts.fill(0);
    const rowEnd = Math.max(Math.floor(((y + 1) * height) / to.height), Math.floor((y * height) / to.height) + 1);
    for (let sourceY = Math.floor((y * height) / to.height); sourceY < Math.min(height, rowEnd); sourceY++) {
      for (let x = 0; x < to.width; x++) {
        const end = Math.max(firstColumn[x + 1]!, firstColumn[x]! + 1);
        for (let sourceX = firstColumn[x]!; sourceX < Math.min(width, end); sourceX++) {
          const offset = (sourceY * width + sourceX) * 4;
          const alpha = data[offset + 3]!;
          sums[x * 4] = sums[x * 4]! + data[offset]! * alpha;
          sums[x * 4 + 1] = sums[x * 4 + 1]! + data[offset + 1]! * alpha;
          sums[x * 4 + 2] = sums[x * 4 + 2]! + data[offset + 2]! * alpha;
          sums[x * 4 + 3] = sums[x * 4 + 3]! + alpha;
          counts[x] = counts[x]! + 1;
        }
      }
    }
    for (let x = 0; x < to.width; x++) {
      const target = (y * to.width + x) * 4;
      const alpha = sums[x * 4 + 3]!;
      if (alpha > 0) {
        out[target] = Math.round(sums[x * 4]! / alpha);
        out[target + 1] = Math.round(sums[x * 4 + 1]! / alpha);
        out[target + 2] = Math.round(sums[x * 4 + 2]! / alpha);
      }
      out[target + 3] = Math.round(alpha / counts[x]!);
    }
  }
  return out;
}

/** What `fitForPrint` did, for the caller to report. */
export interface PrintFit {
  bytes: Uint8Array;
  scaled?: {from: {width: number; height: number}; to: {width: number; height: number}};
}

/**
 * A PNG or JPEG over `MAX_PRINT_PIXELS` scaled down to it, in its own format; anything else
 * (a GIF, which may be animated; an image within the limit) as it was.
 */
export function fitForPrint(bytes: Uint8Array, mediaType: string): PrintFit {
  const facts = readImageFacts(bytes);
  if (!facts || facts.width * facts.height <= MAX_PRINT_PIXELS) return {bytes};
  const from = {width: facts.width, height: facts.height};
  const to = printSize(from.width, from.height);
  if (mediaType === 'image/png') {
    const png = PNG.sync.read(Buffer.from(bytes));
    const scaled = Object.assign(new PNG({width: to.width, height: to.height}), {data: Buffer.from(shrink(png.data, png.width, png.height, to))});
    return {bytes: new Uint8Array(PNG.sync.write(scaled, {colorType: 6})), scaled: {from, to}};
  }
  if (mediaType === 'image/jpeg') {
    // jpeg-js turns CMYK and YCCK into RGB as it decodes; the limits are above MAX_IMAGE_PIXELS.
    const decoded = jpeg.decode(bytes, {useTArray: true, formatAsRGBA: true, maxResolutionInMP: 30, maxMemoryUsageInMB: 512});
    const data = shrink(decoded.data, decoded.width, decoded.height, to);
    return {bytes: new Uint8Array(jpeg.encode({data, width: to.width, height: to.height}, JPEG_QUALITY).data), scaled: {from, to}};
  }
  return {bytes};
}
