import {bookletSheetSize, imposeBooklet, padToBooklet} from './booklet.js';
import {addCropMarks} from './crop-marks.js';
import {loadFinished, savePdf, type PdfMetadata} from './metadata.js';
import type {TrimSize} from './page-boxes.js';
import {mediaSize} from './paper.js';
import {convertToPdfx} from './pdfx.js';
import {preflight, preflightDocument, type PreflightExpectations, type PreflightReport} from './preflight.js';
import {printPdf} from './print.js';
import type {SealedDocument} from './virtual-origin.js';

export interface PrintPdfOptions {
  /** The trim size (`--paper`). */
  paper: TrimSize;
  /** Bleed on every side in mm (`--bleed`); the document must be rendered with the same. Default 0. */
  bleedMm?: number;
  /** Crop marks outside the bleed on a larger sheet (`--marks`). */
  marks?: boolean;
  /** Pad to a multiple of 4 and impose a saddle-stitched booklet as well (`--booklet`). */
  booklet?: boolean;
  /** The document's last page is a back cover: booklet blanks go before it rather than after it. */
  backCover?: boolean;
  /** Convert the pamphlet to PDF/X-3 in CMYK with Ghostscript (`--pdfx`). */
  pdfx?: boolean;
  /** The press's CMYK profile for `pdfx` (`--icc`); default Ghostscript's own. */
  icc?: string;
}

/** A problem worth telling the user, found after printing (a preflight warning or failure). */
export interface PrintWarning {
  ruleId: string;
  reason: string;
}

export interface PrintPdfs {
  /** The pamphlet: one page per page, at the trim plus bleed (and marks), PDF/X if asked. */
  pdf: Uint8Array;
  pages: number;
  /** The imposed booklet (RGB, sheets twice the trim width), when asked for. */
  booklet?: Uint8Array;
  preflight: {pdf: PreflightReport; booklet?: PreflightReport};
  /** Preflight rules that warned or failed, as one line each. */
  warnings: PrintWarning[];
}

/** The size of the page a template must lay out for `options`: the trim plus the bleed. */
export function printedPageSize(options: Pick<PrintPdfOptions, 'paper' | 'bleedMm'>): TrimSize {
  return mediaSize(options.paper, options.bleedMm ?? 0);
}

/**
 * HTML → print PDFs: prints `doc` with Chromium at the trim plus bleed, then `finishPrintPdfs`.
 * Render `doc.html` with the same bleed (`renderPrintHtml(article, template, paper, bleedMm)`).
 * `blocked` and `missing` are Chromium's unanswered requests, for the caller to warn about.
 */
export async function makePrintPdfs(
  doc: SealedDocument,
  meta: PdfMetadata,
  options: PrintPdfOptions,
): Promise<PrintPdfs & {blocked: string[]; missing: string[]}> {
  const printed = await printPdf(doc, {...printedPageSize(options), title: meta.title});
  return {...(await finishPrintPdfs(printed.pdf, meta, options)), blocked: printed.blocked, missing: printed.missing};
}

/**
 * Chromium's PDF → the files a printer takes. In order: exact page boxes and metadata; blank
 * pages to a multiple of 4 for a booklet; crop marks; PDF/X; the booklet imposed from the
 * pamphlet's trim boxes; preflight of both against what was asked for.
 */
export async function finishPrintPdfs(chromiumPdf: Uint8Array, meta: PdfMetadata, options: PrintPdfOptions): Promise<PrintPdfs> {
  const bleedMm = options.bleedMm ?? 0;
  const doc = await loadFinished(chromiumPdf, meta, options.paper, bleedMm);
  if (options.booklet) padToBooklet(doc, {backCover: options.backCover});
  // In PDF/X every mark must print on every plate; in RGB, black is what a printer has.
  if (options.marks) addCropMarks(doc, {colour: options.pdfx ? 'cmyk' : 'rgb'});
  const pages = doc.getPageCount();
  const rgb = await savePdf(doc);

  const pdf = options.pdfx
    ? await convertToPdfx(rgb, {
        title: meta.title,
        icc: options.icc,
        // Ghostscript dates its output from SOURCE_DATE_EPOCH: the article's date, not the clock.
        env: {...process.env, SOURCE_DATE_EPOCH: String(Math.floor(meta.date.getTime() / 1000))},
      })
    : rgb;
  const booklet = options.booklet ? await imposeBooklet(rgb, meta) : undefined;

  const expected: PreflightExpectations = {trim: options.paper, bleedMm, booklet: options.booklet, pdfx: options.pdfx};
  const reports = {
    // The RGB pamphlet is read as pdf-lib saved it: parsing its bytes again took 20-30 ms of a
    // one-article build. Ghostscript rewrote a PDF/X one, which is read from its bytes.
    pdf: options.pdfx ? await preflight(pdf, expected) : preflightDocument(doc, expected),
    booklet: booklet && (await preflight(booklet, {trim: bookletSheetSize(options.paper), bleedMm: 0})),
  };
  const problems = (report: PreflightReport | undefined, skip: ReadonlySet<string> = new Set()) =>
    (report?.rules ?? []).filter((rule) => rule.status !== 'pass' && !skip.has(rule.id));
  const pamphletProblems = problems(reports.pdf);
  // The booklet shows the same pages: a problem already told about the pamphlet is not told twice.
  const bookletProblems = problems(reports.booklet, new Set(pamphletProblems.map((rule) => rule.id)));
  const warnings = [
    ...pamphletProblems.map((rule) => ({ruleId: rule.id, reason: `${rule.status === 'fail' ? 'Preflight failed' : 'Preflight'}: ${rule.message}`})),
    ...bookletProblems.map((rule) => ({ruleId: rule.id, reason: `Booklet preflight${rule.status === 'fail' ? ' failed' : ''}: ${rule.message}`})),
  ];
  return {pdf, pages, booklet, preflight: reports, warnings};
}
