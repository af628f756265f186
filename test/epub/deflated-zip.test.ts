import {randomBytes} from 'node:crypto';
import JSZip from 'jszip';
import {expect, it} from 'vitest';
import {compressEntry, writeZip} from '../../src/epub/deflated-zip.js';

it('writes a zip JSZip reads back whole, CRCs checked, deflated and stored entries alike', async () => {
  const text = new TextEncoder().encode('Tenants win their repairs. '.repeat(500));
  const noise = new Uint8Array(randomBytes(4096));
  const bytes = writeZip([
    {name: 'OEBPS/fonts/serif.ttf', bytes: text},
    {name: 'OEBPS/fonts/sans.woff', bytes: noise, store: true},
    {name: 'OEBPS/fonts/ünïcode.otf', bytes: new Uint8Array()},
  ].map(compressEntry));
  const zip = await JSZip.loadAsync(bytes, {checkCRC32: true});
  expect(Object.keys(zip.files)).toEqual(['OEBPS/fonts/serif.ttf', 'OEBPS/fonts/sans.woff', 'OEBPS/fonts/ünïcode.otf']);
  expect(await zip.file('OEBPS/fonts/serif.ttf')!.async('uint8array')).toEqual(text);
  expect(await zip.file('OEBPS/fonts/sans.woff')!.async('uint8array')).toEqual(noise);
  expect(await zip.file('OEBPS/fonts/ünïcode.otf')!.async('uint8array')).toEqual(new Uint8Array());
  // The repeated sentence is deflated; the random bytes are kept as they are.
  expect(bytes.length).toBeLessThan(text.length / 10 + noise.length + 500);
  expect(zip.file('OEBPS/fonts/serif.ttf')!.date.getUTCFullYear()).toBeLessThanOrEqual(1980);
});
