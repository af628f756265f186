import {PDFArray, PDFDict, PDFName, PDFRef} from 'pdf-lib';
import {loadPdf} from './metadata.js';

/**
 * The page (1-based) each named destination points at, and the number of pages. Chromium writes
 * one destination per element id that a link in the document targets, in the catalog's /Dests
 * dictionary; that is how the contents page learns where each article starts (Chromium has no
 * target-counter()).
 */
export async function destinationPages(pdf: Uint8Array): Promise<{pages: Map<string, number>; pageCount: number}> {
  const document = await loadPdf(pdf);
  const pageNumbers = new Map(document.getPages().map((page, index) => [page.ref.toString(), index + 1]));
  const result = {pages: new Map<string, number>(), pageCount: pageNumbers.size};
  const dests = document.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (!dests) return result;
  for (const [name, value] of dests.entries()) {
    const target = document.context.lookup(value);
    const pageRef = target instanceof PDFArray ? target.get(0) : undefined;
    const page = pageRef instanceof PDFRef ? pageNumbers.get(pageRef.toString()) : undefined;
    if (page) result.pages.set(decodeURIComponent(name.asString().slice(1)), page);
  }
  return result;
}
