export {CHROMIUM_PATHS, findChromium} from './chromium.js';
export {closeBrowser, drawsFramesOnRequest, getBrowser} from './browser.js';
export {retryOnRenderFailure} from './retry.js';
export {INDEX_URL, ORIGIN, createVirtualOrigin, type Route, type SealedDocument} from './virtual-origin.js';
export {openSealedPage, withSealedPage, type SealedPage} from './sealed-page.js';
export {printPdf, type PrintOptions, type PrintResult} from './print.js';
export {mmToPt, ptToMm, setTrimBoxes, type TrimSize} from './page-boxes.js';
export {finishPdf, type PdfMetadata} from './metadata.js';
export {mediaSize} from './paper.js';
export {addCropMarks, type CropMarkOptions} from './crop-marks.js';
export {bookletPages, bookletSheetSize, bookletSheets, imposeBooklet, padToBooklet, type BookletPadding, type BookletSheet, type Slot} from './booklet.js';
export {convertToPdfx, defaultCmykProfile, type PdfxOptions} from './pdfx.js';
export {
  formatPreflight,
  preflight,
  preflightDocument,
  preflightFile,
  type PreflightExpectations,
  type PreflightReport,
  type PreflightRule,
  type PreflightRuleId,
  type RuleStatus,
} from './preflight.js';
export {finishPrintPdfs, makePrintPdfs, printedPageSize, type PrintPdfOptions, type PrintPdfs, type PrintWarning} from './make-pdf.js';
