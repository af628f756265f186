import {inflateSync} from 'node:zlib';

/**
 * WOFF 1.0 → the TrueType or OpenType font it wraps (W3C WOFF File Format 1.0, §3–§5).
 * Kindle embeds only TTF/OTF, and the fontsource packages ship WOFF beside WOFF2: each
 * WOFF table is zlib-deflated on its own, so unwrapping is an inflate per table and a new
 * sfnt table directory with offsets and checksums to match.
 */

const WOFF_SIGNATURE = 0x774f4646; // 'wOFF'
const WOFF_HEADER_SIZE = 44;
const WOFF_ENTRY_SIZE = 20;
const SFNT_HEADER_SIZE = 12;
const SFNT_RECORD_SIZE = 16;
const TRUETYPE_FLAVOR = 0x00010000;
const OPENTYPE_CFF_FLAVOR = 0x4f54544f; // 'OTTO'
const HEAD_TAG = 0x68656164; // 'head'
/** OpenType `head.checksumAdjustment` is this magic number minus the whole font's checksum. */
const CHECKSUM_MAGIC = 0xb1b0afba;
/** Byte offset of `checksumAdjustment` inside the `head` table. */
const CHECKSUM_ADJUSTMENT_OFFSET = 8;

export class WoffError extends Error {
  override name = 'WoffError';
}

interface WoffTable {
  tag: number;
  data: Uint8Array;
  /** Position in the WOFF file; tables keep this order in the font, as the spec recommends. */
  woffOffset: number;
}

/** What kind of font an sfnt is: TrueType outlines (`.ttf`) or CFF (`.otf`). */
export function sfntKind(sfnt: Uint8Array): 'ttf' | 'otf' {
  const flavor = new DataView(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength).getUint32(0);
  return flavor === OPENTYPE_CFF_FLAVOR ? 'otf' : 'ttf';
}

/** The OpenType table checksum: the sum of the data as big-endian uint32s, zero-padded, modulo 2^32. */
export function sfntChecksum(bytes: Uint8Array, offset: number, length: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let sum = 0;
  const end = offset + length;
  let position = offset;
  for (; position + 4 <= end; position += 4) sum = (sum + view.getUint32(position)) >>> 0;
  if (position < end) {
    let last = 0;
    for (let shift = 24; position < end; position += 1, shift -= 8) last |= (bytes[position] ?? 0) << shift;
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}

const align4 = (length: number) => (length + 3) & ~3;

function readTables(woff: Uint8Array): {flavor: number; tables: WoffTable[]} {
  if (woff.length < WOFF_HEADER_SIZE) throw new WoffError('too short for a WOFF header');
  const view = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
  if (view.getUint32(0) !== WOFF_SIGNATURE) throw new WoffError('not a WOFF 1.0 file (no wOFF signature)');
  const flavor = view.getUint32(4);
  if (flavor !== TRUETYPE_FLAVOR && flavor !== OPENTYPE_CFF_FLAVOR) {
    throw new WoffError(`unexpected sfnt flavor 0x${flavor.toString(16)}, expected TrueType or CFF`);
  }
  if (view.getUint32(8) !== woff.length) throw new WoffError('header length does not match the file size');
  const numTables = view.getUint16(12);
  if (numTables === 0 || WOFF_HEADER_SIZE + numTables * WOFF_ENTRY_SIZE > woff.length) {
    throw new WoffError('table directory is empty or runs past the end of the file');
  }
  const tables: WoffTable[] = [];
  for (let index = 0; index < numTables; index += 1) {
    const entry = WOFF_HEADER_SIZE + index * WOFF_ENTRY_SIZE;
    const tag = view.getUint32(entry);
    const offset = view.getUint32(entry + 4);
    const compLength = view.getUint32(entry + 8);
    const origLength = view.getUint32(entry + 12);
    const origChecksum = view.getUint32(entry + 16);
    if (offset + compLength > woff.length || compLength > origLength) {
      throw new WoffError(`table ${tagName(tag)} lies outside the file or is longer compressed than whole`);
    }
    const stored = woff.subarray(offset, offset + compLength);
    // A table that deflate would not shrink is stored as is (WOFF 1.0 §5).
    const data = compLength < origLength ? inflate(stored, tag) : stored;
    if (data.length !== origLength) throw new WoffError(`table ${tagName(tag)} inflates to ${data.length} bytes, expected ${origLength}`);
    // head's checksum depends on how its checksumAdjustment was counted, which tools differ on.
    if (tag !== HEAD_TAG && sfntChecksum(data, 0, data.length) !== origChecksum) {
      throw new WoffError(`table ${tagName(tag)} does not match its checksum`);
    }
    tables.push({tag, data, woffOffset: offset});
  }
  return {flavor, tables};
}

function inflate(stored: Uint8Array, tag: number): Uint8Array {
  try {
    return inflateSync(stored);
  } catch (cause) {
    throw new WoffError(`table ${tagName(tag)} is not valid zlib data`, {cause});
  }
}

function tagName(tag: number): string {
  return String.fromCharCode((tag >>> 24) & 0xff, (tag >>> 16) & 0xff, (tag >>> 8) & 0xff, tag & 0xff);
}

/**
 * Unwraps a WOFF 1.0 font into the sfnt (TrueType or CFF OpenType) it holds: tables in their
 * WOFF order, each 4-byte aligned, the directory sorted by tag with recomputed checksums, and
 * `head.checksumAdjustment` recomputed for the new layout. Extended metadata and private
 * data have no place in an sfnt and are left out. Throws `WoffError` on a malformed file.
 */
export function woffToSfnt(woff: Uint8Array): Uint8Array {
  const {flavor, tables} = readTables(woff);
  const numTables = tables.length;
  // searchRange is 16 × the largest power of two ≤ numTables (OpenType "Table Directory").
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * SFNT_RECORD_SIZE;
  const directorySize = SFNT_HEADER_SIZE + numTables * SFNT_RECORD_SIZE;
  const layout = [...tables].sort((a, b) => a.woffOffset - b.woffOffset);
  const size = layout.reduce((total, table) => total + align4(table.data.length), directorySize);

  const sfnt = new Uint8Array(size);
  const view = new DataView(sfnt.buffer);
  view.setUint32(0, flavor);
  view.setUint16(4, numTables);
  view.setUint16(6, searchRange);
  view.setUint16(8, entrySelector);
  view.setUint16(10, numTables * SFNT_RECORD_SIZE - searchRange);

  const offsets = new Map<number, number>();
  let offset = directorySize;
  for (const table of layout) {
    sfnt.set(table.data, offset);
    offsets.set(table.tag, offset);
    offset += align4(table.data.length);
  }
  const head = tables.find((table) => table.tag === HEAD_TAG);
  const headOffset = offsets.get(HEAD_TAG);
  if (head !== undefined && headOffset !== undefined) {
    if (head.data.length < CHECKSUM_ADJUSTMENT_OFFSET + 4) throw new WoffError('head table is too short');
    // The head checksum is taken with checksumAdjustment zeroed.
    view.setUint32(headOffset + CHECKSUM_ADJUSTMENT_OFFSET, 0);
  }
  const byTag = [...tables].sort((a, b) => a.tag - b.tag);
  byTag.forEach((table, index) => {
    const record = SFNT_HEADER_SIZE + index * SFNT_RECORD_SIZE;
    const tableOffset = offsets.get(table.tag) ?? 0;
    view.setUint32(record, table.tag);
    view.setUint32(record + 4, sfntChecksum(sfnt, tableOffset, table.data.length));
    view.setUint32(record + 8, tableOffset);
    view.setUint32(record + 12, table.data.length);
  });
  if (headOffset !== undefined) {
    const adjustment = (CHECKSUM_MAGIC - sfntChecksum(sfnt, 0, sfnt.length)) >>> 0;
    view.setUint32(headOffset + CHECKSUM_ADJUSTMENT_OFFSET, adjustment);
  }
  return sfnt;
}
