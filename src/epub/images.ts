import jpeg from 'jpeg-js';
import {PNG} from 'pngjs';
import type {Asset} from '../render/asset.js';

/**
 * Kindle's limit on an image's area (Kindle Publishing Guidelines, "Image Size"); Kobo and
 * Apple Books show such images too. Bigger ones are scaled down to it.
 */
export const MAX_IMAGE_PIXELS = 5_600_000;

/** JPEG quality for re-encoded images: the usual default, where artefacts stay invisible in a photo. */
const JPEG_QUALITY = 85;

export interface ImageFacts {
  width: number;
  height: number;
  /** A JPEG in CMYK or YCCK (four components), which Kindle rejects and some readers show inverted. */
  cmyk: boolean;
}

/** What `fitImage` did to an image, for the writer to report. */
export type ImageChange =
  | {kind: 'kept'}
  | {kind: 'refitted'; from: ImageFacts; to: {width: number; height: number}}
  | {kind: 'unreadable'; reason: string};

/** Width, height and colour model from the file's header, without decoding the pixels. */
export function readImageFacts(bytes: Uint8Array): ImageFacts | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 24 && view.getUint32(0) === 0x89504e47 && view.getUint32(12) === 0x49484452) {
    return {width: view.getUint32(16), height: view.getUint32(20), cmyk: false};
  }
  if (bytes.length >= 10 && bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46) {
    return {width: view.getUint16(6, true), height: view.getUint16(8, true), cmyk: false};
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) return readJpegFrame(bytes, view);
  return undefined;
}

/** Walks the JPEG segments to the first start-of-frame marker (SOF0–SOF15 but DHT, JPG and DAC). */
function readJpegFrame(bytes: Uint8Array, view: DataView): ImageFacts | undefined {
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    const length = view.getUint16(offset + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return {height: view.getUint16(offset + 5), width: view.getUint16(offset + 7), cmyk: bytes[offset + 9] === 4};
    }
    offset += 2 + length;
  }
  return undefined;
}

/** The largest size with the same proportions and at most `MAX_IMAGE_PIXELS`. */
export function fittedSize(width: number, height: number): {width: number; height: number} {
  if (width * height <= MAX_IMAGE_PIXELS) return {width, height};
  const scale = Math.sqrt(MAX_IMAGE_PIXELS / (width * height));
  let fitted = {width: Math.max(1, Math.floor(width * scale)), height: Math.max(1, Math.floor(height * scale))};
  // Flooring both sides keeps the area under the limit except for extreme proportions.
  while (fitted.width * fitted.height > MAX_IMAGE_PIXELS) {
    fitted = fitted.width >= fitted.height ? {...fitted, width: fitted.width - 1} : {...fitted, height: fitted.height - 1};
  }
  return fitted;
}

/**
 * An image every reader takes: at most `MAX_IMAGE_PIXELS`, and RGB (a CMYK JPEG is converted).
 * A re-encoded image keeps its href, so the chapters need no rewriting. GIFs are only measured:
 * one too big to keep is reported unreadable, and the caller drops it.
 */
export function fitImage(asset: Asset): {asset: Asset; change: ImageChange} {
  if (asset.mediaType === 'image/svg+xml') return {asset, change: {kind: 'kept'}};
  const facts = readImageFacts(asset.bytes);
  if (facts === undefined) return {asset, change: {kind: 'unreadable', reason: 'its size could not be read'}};
  const to = fittedSize(facts.width, facts.height);
  if (to.width === facts.width && to.height === facts.height && !facts.cmyk) return {asset, change: {kind: 'kept'}};
  try {
    const bytes = reencode(asset, to);
    if (bytes === undefined) {
      return {asset, change: {kind: 'unreadable', reason: `it has ${facts.width * facts.height} pixels and GIFs are not scaled`}};
    }
    return {asset: {...asset, bytes}, change: {kind: 'refitted', from: facts, to}};
  } catch (error) {
    return {asset, change: {kind: 'unreadable', reason: error instanceof Error ? error.message : String(error)}};
  }
}

function reencode(asset: Asset, to: {width: number; height: number}): Uint8Array | undefined {
  if (asset.mediaType === 'image/png') {
    const png = PNG.sync.read(Buffer.from(asset.bytes));
    const data = shrinkRgba(png.data, png.width, png.height, to.width, to.height);
    // Colour type 6 keeps transparency; pngjs writes the same bytes for the same pixels.
    return new Uint8Array(PNG.sync.write(Object.assign(new PNG({width: to.width, height: to.height}), {data: Buffer.from(data)}), {colorType: 6}));
  }
  if (asset.mediaType === 'image/jpeg') {
    // jpeg-js turns CMYK and YCCK into RGB as it decodes.
    const decoded = jpeg.decode(asset.bytes, {useTArray: true, formatAsRGBA: true, maxResolutionInMP: 200, maxMemoryUsageInMB: 2048});
    const data = shrinkRgba(decoded.data, decoded.width, decoded.height, to.width, to.height);
    return new Uint8Array(jpeg.encode({data, width: to.width, height: to.height}, JPEG_QUALITY).data);
  }
  return undefined;
}

/**
 * For each target position along one axis, the source positions it covers and how much of
 * each: target `t` covers sources `first[t]` … `first[t] + count[t] - 1` with weights
 * `weights[t * span …]`, where `span` is the most sources any target covers.
 */
function coverage(source: number, target: number): {first: Int32Array; count: Int32Array; weights: Float64Array; span: number} {
  const ratio = source / target;
  const span = Math.ceil(ratio) + 1;
  const first = new Int32Array(target);
  const count = new Int32Array(target);
  const weights = new Float64Array(target * span);
  for (let index = 0; index < target; index += 1) {
    const start = index * ratio;
    const end = start + ratio;
    first[index] = Math.floor(start);
    let covered = 0;
    for (let position = Math.floor(start); position < Math.min(source, Math.ceil(end)); position += 1) {
      const overlap = Math.min(end, position + 1) - Math.max(start, position);
      if (overlap > 0) weights[index * span + covered] = overlap / ratio;
      covered += 1;
    }
    count[index] = covered;
  }
  return {first, count, weights, span};
}

/**
 * Area-average downscaling ("box" resampling): every target pixel is the mean of the source
 * pixels it covers, weighted by alpha so transparent pixels lend no colour. It never enlarges.
 */
export function shrinkRgba(data: Uint8Array, width: number, height: number, toWidth: number, toHeight: number): Uint8Array {
  if (toWidth === width && toHeight === height) return new Uint8Array(data);
  const columns = coverage(width, toWidth);
  const rows = coverage(height, toHeight);
  // Horizontal pass into premultiplied floats, then vertical into bytes.
  const wide = new Float64Array(toWidth * height * 4);
  for (let y = 0; y < height; y += 1) {
    const row = y * width;
    for (let x = 0; x < toWidth; x += 1) {
      let red = 0;
      let green = 0;
      let blue = 0;
      let alpha = 0;
      const first = columns.first[x]!;
      const count = columns.count[x]!;
      for (let step = 0; step < count; step += 1) {
        const offset = (row + first + step) * 4;
        const a = data[offset + 3]! * columns.weights[x * columns.span + step]!;
        red += data[offset]! * a;
        green += data[offset + 1]! * a;
        blue += data[offset + 2]! * a;
        alpha += a;
      }
      const target = (y * toWidth + x) * 4;
      wide[target] = red;
      wide[target + 1] = green;
      wide[target + 2] = blue;
      wide[target + 3] = alpha;
    }
  }
  const out = new Uint8Array(toWidth * toHeight * 4);
  for (let y = 0; y < toHeight; y += 1) {
    const first = rows.first[y]!;
    const count = rows.count[y]!;
    for (let x = 0; x < toWidth; x += 1) {
      let red = 0;
      let green = 0;
      let blue = 0;
      let alpha = 0;
      for (let step = 0; step < count; step += 1) {
        const offset = ((first + step) * toWidth + x) * 4;
        const weight = rows.weights[y * rows.span + step]!;
        red += wide[offset]! * weight;
        green += wide[offset + 1]! * weight;
        blue += wide[offset + 2]! * weight;
        alpha += wide[offset + 3]! * weight;
      }
      const target = (y * toWidth + x) * 4;
      if (alpha > 0) {
        out[target] = Math.round(red / alpha);
        out[target + 1] = Math.round(green / alpha);
        out[target + 2] = Math.round(blue / alpha);
      }
      out[target + 3] = Math.round(alpha);
    }
  }
  return out;
}
