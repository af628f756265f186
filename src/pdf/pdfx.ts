import {execFile} from 'node:child_process';
import {createHash} from 'node:crypto';
import {existsSync} from 'node:fs';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream} from 'pdf-lib';
import {PamphletError} from '../errors.js';
import {loadPdf, savePdf} from './metadata.js';
import {scanPage} from './page-content.js';

const run = promisify(execFile);

/** Where Debian, Fedora, Homebrew and MacPorts install Ghostscript's own CMYK profile. */
export const GHOSTSCRIPT_CMYK_PROFILES: readonly string[] = [
  '/usr/share/color/icc/ghostscript/default_cmyk.icc',
  '/usr/share/ghostscript/iccprofiles/default_cmyk.icc',
  '/opt/homebrew/share/ghostscript/iccprofiles/default_cmyk.icc',
  '/usr/local/share/ghostscript/iccprofiles/default_cmyk.icc',
  '/opt/local/share/ghostscript/iccprofiles/default_cmyk.icc',
];

export interface PdfxOptions {
  /** The press's CMYK output profile (`--icc FILE`); default: Ghostscript's own CMYK profile. */
  icc?: string;
  /** Written as the document title in the PDF/X info, which the standard requires. */
  title: string;
  /** The Ghostscript to run; default `gs` on the PATH. */
  ghostscript?: string;
  env?: NodeJS.ProcessEnv;
}

/** Ghostscript's CMYK profile, the first of `candidates` that exists. */
export function defaultCmykProfile(candidates: readonly string[] = GHOSTSCRIPT_CMYK_PROFILES): string | undefined {
  return candidates.find((candidate) => existsSync(candidate));
}

/** Text inside a PostScript string literal: backslash, parentheses and non-ASCII escaped. */
function psString(text: string): string {
  return `(${[...Buffer.from(text, 'latin1')].map((byte) => (byte === 0x5c || byte === 0x28 || byte === 0x29 ? `\\${String.fromCharCode(byte)}` : byte < 0x20 || byte > 0x7e ? `\\${byte.toString(8).padStart(3, '0')}` : String.fromCharCode(byte))).join('')})`;
}

/**
 * Ghostscript's lib/PDFX_def.ps, cut down to CMYK: the info keys PDF/X-3 requires, the ICC
 * profile as the output intent's destination profile, and the output intent itself.
 */
function pdfxDefinition(title: string, icc: string): string {
  const profileName = path.basename(icc).replace(/\.ic[cm]$/i, '');
  return `%!
[ /GTS_PDFXVersion (PDF/X-3:2002) /Title ${psString(title)} /Trapped /False /DOCINFO pdfmark
[/_objdef {icc_PDFX} /type /stream /OBJ pdfmark
[{icc_PDFX} << /N 4 >> /PUT pdfmark
[{icc_PDFX} ${psString(icc)} (r) file /PUT pdfmark
[/_objdef {OutputIntent_PDFX} /type /dict /OBJ pdfmark
[{OutputIntent_PDFX} <<
  /Type /OutputIntent /S /GTS_PDFX
  /OutputCondition ${psString(profileName)}
  /OutputConditionIdentifier (Custom)
  /Info ${psString(profileName)}
  /RegistryName (http://www.color.org)
  /DestOutputProfile {icc_PDFX}
>> /PUT pdfmark
[{Catalog} << /OutputIntents [ {OutputIntent_PDFX} ] >> /PUT pdfmark
`;
}

/**
 * RGB PDF → PDF/X-3 in CMYK with Ghostscript's pdfwrite, keeping the page boxes.
 * Ghostscript turns a page with transparency into one picture, without text, and still
 * exits 0; so the text of every page is counted before and after, and a page that lost its
 * text is an error rather than a press-ready file of pictures.
 */
export async function convertToPdfx(pdf: Uint8Array, options: PdfxOptions): Promise<Uint8Array> {
  const icc = options.icc ?? defaultCmykProfile();
  if (icc === undefined) {
    throw new PamphletError('E_USAGE', "--pdfx: Ghostscript's CMYK profile was not found; give the press's profile with --icc FILE");
  }
  if (!existsSync(icc)) throw new PamphletError('E_USAGE', `--icc ${icc}: no such file; give the press's CMYK profile (.icc)`);
  const iccPath = path.resolve(icc);
  const folder = await mkdtemp(path.join(tmpdir(), 'pamphlet-pdfx-'));
  try {
    const [input, output, definition] = ['rgb.pdf', 'pdfx.pdf', 'PDFX_def.ps'].map((name) => path.join(folder, name)) as [string, string, string];
    await writeFile(input, pdf);
    await writeFile(definition, pdfxDefinition(options.title, iccPath));
    const args = [
      '-q', '-dBATCH', '-dNOPAUSE', '-dSAFER',
      `--permit-file-read=${iccPath}`,
      '-sDEVICE=pdfwrite',
      '-dPDFX=true',
      '-sColorConversionStrategy=CMYK',
      '-sProcessColorModel=DeviceCMYK',
      `-sOutputICCProfile=${iccPath}`,
      // Our BleedBox and TrimBox are exact; Ghostscript would otherwise overwrite the BleedBox
      // with the MediaBox, and it turns pages whose text runs sideways.
      '-dPDFXSetBleedBoxToMediaBox=false',
      '-dAutoRotatePages=/None',
      '-dEmbedAllFonts=true',
      `-sOutputFile=${output}`,
      definition,
      input,
    ];
    try {
      await run(options.ghostscript ?? 'gs', args, {env: options.env ?? process.env, maxBuffer: 16 * 1024 * 1024});
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new PamphletError('E_USAGE', '--pdfx needs Ghostscript: install it with "apt-get install ghostscript" (or "brew install ghostscript")', {cause: error});
      const stderr = String((error as {stderr?: unknown}).stderr ?? '').trim().split('\n').slice(-3).join(' ');
      throw new PamphletError('E_RENDER', `Ghostscript could not convert the PDF to PDF/X: ${stderr || String(error)}`, {cause: error});
    }
    const converted = stableFileId(await restoreToUnicode(pdf, await readFile(output)));
    await assertTextSurvived(pdf, converted);
    return converted;
  } finally {
    await rm(folder, {recursive: true, force: true});
  }
}

/**
 * Ghostscript 10.0 rewrites every font's ToUnicode map, and gets it wrong: the bytes of
 * ligatures swapped ("offices" copies as "of昀椀ces"), ranges mapped to the wrong characters
 * (“ and ” become < and =). Chromium's maps were right, and Ghostscript keeps the character
 * ids (glyph ids of the embedded font), so each converted font gets the map of the font it
 * came from: the one with the same name whose glyph widths agree (the template's "latin" and
 * "latin-ext" files share a name but not their glyphs).
 */
export async function restoreToUnicode(original: Uint8Array, converted: Uint8Array): Promise<Uint8Array> {
  const [source, target] = await Promise.all([original, converted].map((bytes) => loadPdf(bytes))) as [PDFDocument, PDFDocument];
  const candidates = compositeFonts(source);
  let restored = 0;
  for (const font of compositeFonts(target)) {
    const match = candidates.find((candidate) => candidate.name === font.name && [...font.widths].every(([cid, width]) => (candidate.widths.get(cid) ?? candidate.defaultWidth) === width));
    const map = match && source.context.lookup(match.dict.get(PDFName.of('ToUnicode')));
    if (!(map instanceof PDFRawStream)) continue;
    // Source Serif draws ’ and ʼ with one glyph, which Chromium's map names ʼ (U+02BC) and
    // its /ActualText spans correct to ’; Ghostscript drops those spans. Smart quotes only
    // ever write ’, so the map says ’.
    const cmap = Buffer.from(decodePDFRawStream(map).decode()).toString('latin1').replace(/<02BC>/gi, '<2019>');
    font.dict.set(PDFName.of('ToUnicode'), target.context.register(target.context.flateStream(cmap)));
    restored += 1;
  }
  if (restored === 0) return converted;
  // pdf-lib writes "%PDF-1.7" whatever it read; PDF/X-3 is PDF 1.3, as Ghostscript wrote it.
  // Same length: every offset after it stays right.
  const saved = await savePdf(target);
  saved.set(converted.subarray(0, 8), 0);
  return saved;
}

interface CompositeFont {
  dict: PDFDict;
  /** BaseFont without the subset tag: "SourceSerif4-Regular". */
  name: string;
  /** Glyph widths by character id, from the descendant font's /W. */
  widths: Map<number, number>;
  /** The width of the others (/DW). */
  defaultWidth: number;
}

function compositeFonts(doc: PDFDocument): CompositeFont[] {
  const fonts: CompositeFont[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Subtype')) !== PDFName.of('Type0')) continue;
    const base = object.get(PDFName.of('BaseFont'));
    const descendants = doc.context.lookup(object.get(PDFName.of('DescendantFonts')));
    const descendant = descendants instanceof PDFArray ? doc.context.lookup(descendants.get(0)) : undefined;
    if (!(base instanceof PDFName) || !(descendant instanceof PDFDict)) continue;
    const defaultWidth = doc.context.lookup(descendant.get(PDFName.of('DW')));
    fonts.push({
      dict: object,
      name: base.decodeText().replace(/^[A-Z]{6}\+/, ''),
      widths: cidWidths(doc, descendant),
      // §9.7.4.3: 1000 when absent.
      defaultWidth: defaultWidth instanceof PDFNumber ? Math.round(defaultWidth.asNumber()) : 1000,
    });
  }
  return fonts;
}

/** A CIDFont's /W array (§9.7.4.3): `c [w1 w2 …]` or `cFirst cLast w`. */
function cidWidths(doc: PDFDocument, descendant: PDFDict): Map<number, number> {
  const widths = new Map<number, number>();
  const array = doc.context.lookup(descendant.get(PDFName.of('W')));
  if (!(array instanceof PDFArray)) return widths;
  const items = array.asArray().map((item) => doc.context.lookup(item));
  const value = (item: unknown) => (item instanceof PDFNumber ? Math.round(item.asNumber()) : NaN);
  for (let index = 0; index < items.length; ) {
    const first = value(items[index]);
    const next = items[index + 1];
    if (next instanceof PDFArray) {
      next.asArray().forEach((width, offset) => widths.set(first + offset, value(doc.context.lookup(width))));
      index += 2;
    } else {
      for (let cid = first; cid <= value(next); cid++) widths.set(cid, value(items[index + 2]));
      index += 3;
    }
  }
  return widths;
}

/**
 * Ghostscript honours SOURCE_DATE_EPOCH for the dates, but derives the trailer's /ID from
 * the file names, which are in a fresh temporary folder. The ID is replaced by a hash of the
 * file without it, in hex: `/ID [<…><…>]`.
 *
 * Ghostscript writes the ID's two strings in hex for most files, but as literal strings for
 * some (a test run's was `(\302 ;u\211iXi\374U3\(|\\Fc)`), whose length depends on their
 * random bytes. So the ID is not rewritten in place but replaced whole, which is safe in the
 * trailer only: what follows it (the end of the trailer, `startxref` and its number, which
 * points before the trailer) moves, and no offset points past it. An ID anywhere else is left.
 */
export function stableFileId(pdf: Uint8Array): Uint8Array {
  const bytes = Buffer.from(pdf);
  const tail = bytes.length - Math.min(bytes.length, 4096);
  const text = bytes.subarray(tail).toString('latin1');
  const trailer = text.lastIndexOf('trailer');
  const startxref = text.indexOf('startxref', trailer);
  if (trailer === -1 || startxref === -1) return pdf;
  const opening = /\/ID\s*\[\s*/.exec(text.slice(trailer, startxref));
  if (opening === null) return pdf;
  const first = stringToken(text, trailer + opening.index + opening[0].length);
  const second = first && stringToken(text, first.end + /^\s*/.exec(text.slice(first.end))![0].length);
  const close = second && /^\s*\]/.exec(text.slice(second.end));
  if (!first || !second || !close) return pdf;
  const before = bytes.subarray(0, tail + trailer + opening.index);
  const after = bytes.subarray(tail + second.end + close[0].length);
  const id = (hex: string) => Buffer.from(`/ID [<${hex}><${hex}>]`, 'latin1');
  const hash = createHash('sha256').update(Buffer.concat([before, id('0'.repeat(32)), after])).digest('hex').toUpperCase();
  return new Uint8Array(Buffer.concat([before, id(hash.slice(0, 32)), after]));
}

/**
 * The PDF string at `at` in `text` (§7.3.4): `<hex>`, or `(literal)` with its escapes and
 * balanced parentheses. Undefined when none starts there or it does not end.
 */
function stringToken(text: string, at: number): {end: number} | undefined {
  if (text[at] === '<') {
    const close = text.indexOf('>', at);
    return close > at && /^[0-9A-Fa-f\s]*$/.test(text.slice(at + 1, close)) ? {end: close + 1} : undefined;
  }
  if (text[at] !== '(') return undefined;
  let depth = 0;
  for (let index = at; index < text.length; index++) {
    const character = text[index];
    if (character === '\\') index += 1;
    else if (character === '(') depth += 1;
    else if (character === ')' && --depth === 0) return {end: index + 1};
  }
  return undefined;
}

/** Fails when a page that had text before the conversion has none after it. */
export async function assertTextSurvived(before: Uint8Array, after: Uint8Array): Promise<void> {
  const [original, converted] = await Promise.all([before, after].map((bytes) => loadPdf(bytes)));
  const pagesBefore = original!.getPages();
  const pagesAfter = converted!.getPages();
  if (pagesAfter.length !== pagesBefore.length) {
    throw new PamphletError('E_RENDER', `PDF/X conversion gave ${pagesAfter.length} pages, expected ${pagesBefore.length}`);
  }
  const lost = pagesBefore.flatMap((page, index) => (scanPage(page).textShows > 0 && scanPage(pagesAfter[index]!).textShows === 0 ? [index + 1] : []));
  if (lost.length > 0) {
    throw new PamphletError(
      'E_RENDER',
      `PDF/X conversion turned page ${lost.join(', ')} into a picture without text: the page uses transparency (rgba, opacity), which PDF/X-3 forbids; remove it from the template`,
    );
  }
}
