import {execFileSync, spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {deflateSync} from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {sfntChecksum, sfntKind, woffToSfnt, WoffError} from '../../src/epub/woff-to-sfnt.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const woffOf = (family: string, name: string) => new Uint8Array(readFileSync(path.join(root, 'node_modules/@fontsource', family, 'files', name)));
const serif = woffOf('source-serif-4', 'source-serif-4-latin-400-normal.woff');

interface SfntTable {
  tag: string;
  checksum: number;
  offset: number;
  length: number;
}

function tablesOf(sfnt: Uint8Array): SfntTable[] {
  const view = new DataView(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength);
  return Array.from({length: view.getUint16(4)}, (_unused, index) => {
    const record = 12 + index * 16;
    return {
      tag: Buffer.from(sfnt.subarray(record, record + 4)).toString('latin1'),
      checksum: view.getUint32(record + 4),
      offset: view.getUint32(record + 8),
      length: view.getUint32(record + 12),
    };
  });
}

/** WOFF 1.0 from an sfnt, every table deflated: what a font tool would write. */
function toWoff(sfnt: Uint8Array): Uint8Array {
  const tables = tablesOf(sfnt).map((table) => {
    const data = sfnt.subarray(table.offset, table.offset + table.length);
    const deflated = deflateSync(data);
    return {...table, stored: deflated.length < data.length ? new Uint8Array(deflated) : data};
  });
  const header = 44 + tables.length * 20;
  const size = tables.reduce((total, table) => total + ((table.stored.length + 3) & ~3), header);
  const woff = new Uint8Array(size);
  const view = new DataView(woff.buffer);
  view.setUint32(0, 0x774f4646);
  view.setUint32(4, new DataView(sfnt.buffer, sfnt.byteOffset).getUint32(0));
  view.setUint32(8, size);
  view.setUint16(12, tables.length);
  view.setUint32(16, sfnt.length);
  let offset = header;
  tables.forEach((table, index) => {
    const entry = 44 + index * 20;
    woff.set(Buffer.from(table.tag, 'latin1'), entry);
    view.setUint32(entry + 4, offset);
    view.setUint32(entry + 8, table.stored.length);
    view.setUint32(entry + 12, table.length);
    view.setUint32(entry + 16, table.checksum);
    woff.set(table.stored, offset);
    offset += (table.stored.length + 3) & ~3;
  });
  return woff;
}

describe('woffToSfnt', () => {
  it('unwraps a fontsource WOFF into a TrueType font with a sorted, checksummed table directory', () => {
    const sfnt = woffToSfnt(serif);
    expect(sfntKind(sfnt)).toBe('ttf');
    const tables = tablesOf(sfnt);
    expect(tables.map((table) => table.tag)).toEqual([...tables.map((table) => table.tag)].sort());
    expect(tables.map((table) => table.tag)).toEqual(expect.arrayContaining(['cmap', 'glyf', 'head', 'hmtx', 'loca', 'name']));
    for (const table of tables) {
      expect(table.offset % 4, table.tag).toBe(0);
      expect(table.offset + table.length).toBeLessThanOrEqual(sfnt.length);
      const headAdjusted = table.tag === 'head' ? new Uint8Array(sfnt.subarray(table.offset, table.offset + table.length)) : undefined;
      headAdjusted?.fill(0, 8, 12);
      const data = headAdjusted ?? sfnt.subarray(table.offset, table.offset + table.length);
      expect(table.checksum, table.tag).toBe(sfntChecksum(data, 0, data.length));
    }
    // OpenType: the whole font, checksumAdjustment included, sums to 0xB1B0AFBA.
    expect(sfntChecksum(sfnt, 0, sfnt.length)).toBe(0xb1b0afba);
  });

  it('gives back the same font after another round through WOFF', () => {
    const sfnt = woffToSfnt(serif);
    expect(Buffer.from(woffToSfnt(toWoff(sfnt))).equals(Buffer.from(sfnt))).toBe(true);
  });

  it.skipIf(spawnSync('fc-scan', ['--version']).status !== 0)('writes fonts that fontconfig reads', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'pamphlet-font-'));
    try {
      for (const [family, name, expected] of [
        ['source-serif-4', 'source-serif-4-latin-700-italic.woff', 'Source Serif 4:Bold Italic'],
        ['source-sans-3', 'source-sans-3-latin-ext-400-normal.woff', 'Source Sans 3:Regular'],
      ] as const) {
        const file = path.join(folder, name.replace(/\.woff$/, '.ttf'));
        await writeFile(file, woffToSfnt(woffOf(family, name)));
        const scanned = execFileSync('fc-scan', ['--format', '%{family[0]}:%{style[0]}:%{fontformat}', file], {encoding: 'utf8'});
        expect(scanned).toBe(`${expected}:TrueType`);
      }
    } finally {
      await rm(folder, {recursive: true, force: true});
    }
  });

  it('rejects what is not a well-formed WOFF', () => {
    expect(() => woffToSfnt(new Uint8Array(10))).toThrow(WoffError);
    expect(() => woffToSfnt(readFileSync(path.join(root, 'node_modules/@fontsource/source-serif-4/files/source-serif-4-latin-400-normal.woff2')))).toThrow(
      /not a WOFF 1.0 file/,
    );
    expect(() => woffToSfnt(serif.subarray(0, serif.length - 100))).toThrow(/length does not match/);
    const view = new DataView(serif.buffer, serif.byteOffset, serif.byteLength);
    const entries = Array.from({length: view.getUint16(12)}, (_unused, index) => 44 + index * 20);
    const deflated = entries.find((entry) => view.getUint32(entry + 8) < view.getUint32(entry + 12))!;
    const notZlib = new Uint8Array(serif);
    notZlib.fill(0, view.getUint32(deflated + 4), view.getUint32(deflated + 4) + 8);
    expect(() => woffToSfnt(notZlib)).toThrow(/is not valid zlib data/);
    const stored = entries.find((entry) => view.getUint32(entry + 8) === view.getUint32(entry + 12))!;
    const flipped = new Uint8Array(serif);
    const offset = view.getUint32(stored + 4);
    flipped[offset] = flipped[offset]! ^ 0xff;
    expect(() => woffToSfnt(flipped)).toThrow(/does not match its checksum/);
  });
});
