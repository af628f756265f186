import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {isEpubcheckAvailable, runEpubcheck} from '../../src/epub/index.js';
import {readImageFacts} from '../../src/epub/images.js';
import {closeBrowser} from '../../src/pdf/index.js';
import {isAceAvailable, runAce} from '../../scripts/ace.mjs';
import {examplePath, exampleNames} from '../support/examples.js';
import {epubOf, unpack, writeTemporary} from './support/pipeline.js';

const goldens = path.join(import.meta.dirname, 'goldens');
const COLLECTION = 'collection';
const books = new Map<string, {bytes: Uint8Array; file: string}>();

beforeAll(async () => {
  // Articles without a date of their own take SOURCE_DATE_EPOCH, never the clock.
  process.env['SOURCE_DATE_EPOCH'] = '1700000000';
  for (const name of exampleNames) {
    const {bytes} = await epubOf([examplePath(name)]);
    books.set(name, {bytes, file: await writeTemporary(name.replace(/\.\w+$/, '.epub'), bytes)});
  }
  const {bytes} = await epubOf(exampleNames.map(examplePath), {collection: {title: 'Three reports from the street', editor: 'The Pamphlet Collective'}});
  books.set(COLLECTION, {bytes, file: await writeTemporary('collection.epub', bytes)});
}, 120_000);

afterAll(async () => {
  await closeBrowser();
});

describe.each([...exampleNames, COLLECTION])('%s', (name) => {
  const book = () => books.get(name)!;

  it.skipIf(!isEpubcheckAvailable())('passes EPUBCheck with no errors, warnings or infos', {timeout: 60_000}, async () => {
    const report = await runEpubcheck(book().file);
    expect(report.messages).toEqual([]);
    expect(report).toMatchObject({errors: 0, warnings: 0, infos: 0});
  });

  it.skipIf(!isAceAvailable())('has no DAISY Ace violations', {timeout: 120_000}, async () => {
    expect(await runAce(book().file)).toEqual([]);
  });

  it('holds the reviewed package, navigation, cover page and chapters', async () => {
    const {names, texts} = await unpack(book().bytes);
    const folder = path.join(goldens, name.replace(/\.\w+$/, ''));
    await expect(`${names.join('\n')}\n`).toMatchFileSnapshot(path.join(folder, 'files.txt'));
    for (const [entry, text] of texts) {
      if (entry.startsWith('OEBPS/') && !entry.endsWith('.css')) await expect(text).toMatchFileSnapshot(path.join(folder, entry.slice('OEBPS/'.length)));
    }
  });

  it('has a 1600 × 2560 RGB JPEG cover, and fonts Kindle takes', async () => {
    const {names, texts, zip} = await unpack(book().bytes);
    expect(readImageFacts(await zip.file('OEBPS/cover.jpg')!.async('uint8array'))).toEqual({width: 1600, height: 2560, cmyk: false});
    expect(names.filter((entry) => entry.startsWith('OEBPS/fonts/')).every((entry) => entry.endsWith('.ttf'))).toBe(true);
    const css = texts.get('OEBPS/style.css')!;
    // Kobo and Kindle ignore custom properties; whatever used one would lose its style.
    expect(css).not.toMatch(/var\(|--[\w-]+\s*:/);
    for (const [entry, text] of texts) expect(text.includes('\u00ad'), entry).toBe(false);
  });
});

it('builds the same bytes twice', {timeout: 120_000}, async () => {
  for (const name of exampleNames) {
    const {bytes} = await epubOf([examplePath(name)]);
    expect(Buffer.from(bytes).equals(Buffer.from(books.get(name)!.bytes)), name).toBe(true);
  }
});
