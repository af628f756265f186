import {mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import {VFile} from 'vfile';
import {cleanInput} from '../../../src/clean/index.js';
import {makeEpub, type EpubDocument, type EpubPart} from '../../../src/epub/index.js';
import {ingest} from '../../../src/ingest/index.js';
import {resolveAssets} from '../../../src/render/assets.js';
import {loadTemplate} from '../../../src/render/load-template.js';

/** One input through the pipeline the build runs before the EPUB writer: ingest, clean, resolve images. */
export async function partOf(input: string): Promise<EpubPart> {
  const ingested = await ingest(input);
  const file = new VFile({path: ingested.source.path, value: ingested.text});
  const {article, assets} = await resolveAssets(cleanInput(ingested, file), file);
  return {article, assets, file};
}

/** Builds the EPUB of `inputs` (a collection when `collection` is given) with the bundled template. */
export async function epubOf(inputs: readonly string[], document: Omit<EpubDocument, 'parts'> = {}): Promise<{bytes: Uint8Array; parts: EpubPart[]}> {
  const parts = [];
  for (const input of inputs) parts.push(await partOf(input));
  const bytes = await makeEpub({...document, parts}, await loadTemplate('pamphlet'));
  return {bytes, parts};
}

export async function writeTemporary(name: string, bytes: Uint8Array): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'pamphlet-epub-')), name);
  await writeFile(file, bytes);
  return file;
}

/** The text entries of an EPUB, by name, and the names of all entries, sorted. */
export async function unpack(bytes: Uint8Array): Promise<{names: string[]; texts: Map<string, string>; zip: JSZip}> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).sort();
  const texts = new Map<string, string>();
  for (const name of names.filter((entry) => /\.(xhtml|opf|ncx|css|xml)$/.test(entry))) texts.set(name, await zip.file(name)!.async('string'));
  return {names, texts, zip};
}
