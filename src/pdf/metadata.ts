import {PDFDocument, ParseSpeeds, type LoadOptions} from 'pdf-lib';
import {setTrimBoxes, type TrimSize} from './page-boxes.js';
import {renumberStructureIds} from './structure-ids.js';

export interface PdfMetadata {
  title: string;
  authors: readonly string[];
  subject?: string;
  keywords?: readonly string[];
  /** BCP 47 tag of the text, written as the catalog's /Lang for screen readers. */
  lang?: string;
  /** CreationDate and ModDate; from `now()` in env.ts, never the clock here. */
  date: Date;
  /** Pamphlet's version, named in /Producer. */
  version?: string;
}

/**
 * Replaces everything Chromium writes about itself (its user agent as /Creator, Skia as
 * /Producer, the print time as the dates) with Pamphlet's metadata, and sets the page boxes
 * to `trim` with `bleedMm` around it. The same document, metadata and trim give the same bytes:
 * the dates and the names of table headers' structure elements (`renumberStructureIds`) are
 * the only volatile parts of Chromium's output, neither Chromium nor pdf-lib writes an /ID,
 * and pdf-lib serialises objects in a fixed order.
 */
export async function finishPdf(pdf: Uint8Array, meta: PdfMetadata, trim: TrimSize, bleedMm = 0): Promise<Uint8Array> {
  return savePdf(await loadFinished(pdf, meta, trim, bleedMm));
}

/** Chromium's PDF loaded with `finishPdf`'s metadata and boxes set, for more steps before it is saved. */
export async function loadFinished(pdf: Uint8Array, meta: PdfMetadata, trim: TrimSize, bleedMm = 0): Promise<PDFDocument> {
  const doc = await loadPdf(pdf);
  renumberStructureIds(doc);
  setMetadata(doc, meta);
  setTrimBoxes(doc, trim, bleedMm);
  return doc;
}

/**
 * A PDF loaded without pdf-lib's pauses. pdf-lib parses 100 objects at a time and saves 50,
 * waiting for a timer (1 ms or more) between them, to keep a browser tab responsive; here that
 * only made each PDF wait. Loading and saving a 190-object pamphlet took 22-32 ms, against
 * 7-14 ms without the pauses; a 1,450-object one 113-120 ms against 21-35 ms (warm, 2 rounds).
 * Metadata is not updated, or pdf-lib stamps its own Producer and the current time.
 */
export function loadPdf(pdf: Uint8Array, options: LoadOptions = {}): Promise<PDFDocument> {
  return PDFDocument.load(pdf, {updateMetadata: false, parseSpeed: ParseSpeeds.Fastest, ...options});
}

/**
 * Saved in one go (see `loadPdf`). Object streams (PDF 1.5) would save about a third on a short
 * pamphlet (22.5 → 15.2 kB), but PDF/X-1a and X-3 forbid them and older RIPs cannot read them.
 * Both ways are deterministic.
 */
export function savePdf(doc: PDFDocument): Promise<Uint8Array> {
  return doc.save({useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: Infinity});
}

export function setMetadata(doc: PDFDocument, meta: PdfMetadata): void {
  // showInWindowTitleBar sets /DisplayDocTitle, which PDF/UA asks for.
  doc.setTitle(meta.title, {showInWindowTitleBar: true});
  if (meta.authors.length > 0) doc.setAuthor(meta.authors.join(', '));
  if (meta.subject !== undefined) doc.setSubject(meta.subject);
  // pdf-lib joins the list with spaces, which splits multi-word keywords; commas do not.
  if (meta.keywords !== undefined && meta.keywords.length > 0) doc.setKeywords([meta.keywords.join(', ')]);
  if (meta.lang !== undefined) doc.setLanguage(meta.lang);
  doc.setCreator('Pamphlet');
  doc.setProducer(meta.version === undefined ? 'Pamphlet (pdf-lib)' : `Pamphlet ${meta.version} (pdf-lib)`);
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
}
