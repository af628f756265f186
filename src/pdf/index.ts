export {CHROMIUM_PATHS, findChromium} from './chromium.js';
export {closeBrowser, getBrowser} from './browser.js';
export {INDEX_URL, ORIGIN, createVirtualOrigin, type Route, type SealedDocument} from './virtual-origin.js';
export {openSealedPage, type SealedPage} from './sealed-page.js';
export {printPdf, type PrintOptions, type PrintResult} from './print.js';
export {mmToPt, setTrimBoxes, type TrimSize} from './page-boxes.js';
export {finishPdf, type PdfMetadata} from './metadata.js';
