import {readFile} from 'node:fs/promises';
import {PDFArray, PDFDict, PDFDocument, PDFName, PDFStream, PDFString, PDFHexString, type PDFContext, type PDFObject} from 'pdf-lib';
import {PamphletError, firstLine} from '../errors.js';
import {boxHeight, boxWidth, getBox, hasBox, mmToPt, type Box, type TrimSize} from './page-boxes.js';
import {isRgb, scanPage, type PageContent} from './page-content.js';
import {loadPdf} from './metadata.js';

/** What the PDF was meant to be; every field is optional, and a rule with nothing to check passes on what it finds. */
export interface PreflightExpectations {
  /** The ordered trim size of every page. */
  trim?: TrimSize;
  /** Bleed on every side, in mm; 0 means BleedBox equals TrimBox. */
  bleedMm?: number;
  /** Pages to be folded into a saddle-stitched booklet: the count must be a multiple of 4. */
  booklet?: boolean;
  /** Claimed PDF/X: output intent GTS_PDFX and CMYK only. Also checked when the file claims it. */
  pdfx?: boolean;
}

export type RuleStatus = 'pass' | 'warn' | 'fail';

export interface PreflightRule {
  id: PreflightRuleId;
  status: RuleStatus;
  /** One line; for warn and fail it says what was found and what was expected. */
  message: string;
}

export type PreflightRuleId = 'trim-size' | 'page-boxes' | 'bleed' | 'page-count' | 'fonts-embedded' | 'no-type3-fonts' | 'image-resolution' | 'pdfx-output-intent' | 'colour' | 'text-layer';

export interface PreflightReport {
  /** False when any rule failed; warnings do not make a PDF unprintable. */
  ok: boolean;
  pages: number;
  rules: PreflightRule[];
}

/** The trim may differ from the order by this much: a tenth of a millimetre (the issue's tolerance). */
const TRIM_TOLERANCE_PT = mmToPt(0.1);
/**
 * Print resolution: 300 ppi is what offset and laser printing resolve at reading distance;
 * under 150 ppi pixels show. Between them a press prints it, soft.
 */
export const GOOD_PPI = 300;
export const MINIMUM_PPI = 150;

/** Runs every preflight rule on a PDF. Never throws on a readable PDF; an unreadable one rejects. */
export async function preflight(pdf: Uint8Array, expect: PreflightExpectations = {}): Promise<PreflightReport> {
  return preflightDocument(await loadPdf(pdf, {ignoreEncryption: true}), expect);
}

/**
 * Runs every preflight rule on a document pdf-lib holds: one it has just saved reads the same
 * as its saved bytes parsed again, without the second parse.
 */
export function preflightDocument(doc: PDFDocument, expect: PreflightExpectations = {}): PreflightReport {
  const pages = doc.getPages();
  const contents = pages.map(scanPage);
  const claimsPdfx = expect.pdfx === true || pdfxVersion(doc) !== undefined || outputIntents(doc).length > 0;
  const rules: PreflightRule[] = [
    trimSize(pages.map((page) => page.node), expect),
    pageBoxes(pages.map((page) => page.node)),
    bleed(pages.map((page) => page.node), expect),
    pageCount(pages.length, expect),
    fontsEmbedded(doc.context, contents),
    noType3(doc.context, contents),
    imageResolution(contents),
    ...(claimsPdfx ? [pdfxIntent(doc), colour(contents)] : []),
    textLayer(contents),
  ];
  return {ok: rules.every((rule) => rule.status !== 'fail'), pages: pages.length, rules};
}

/** `pamphlet check FILE.pdf`: preflight a file on disk; a missing or unreadable file is a user error. */
export async function preflightFile(path: string, expect: PreflightExpectations = {}): Promise<PreflightReport> {
  const bytes = await readFile(path).catch((error: unknown) => {
    throw new PamphletError('E_INPUT_MISSING', `${path}: cannot read the file; check the path`, {input: path, cause: error});
  });
  if (Buffer.from(bytes.subarray(0, 1024)).indexOf('%PDF-') < 0) {
    throw new PamphletError('E_INPUT_BINARY', `${path}: not a PDF (no %PDF- header); check expects a PDF file`, {input: path});
  }
  return preflight(bytes, expect).catch((error: unknown) => {
    const reason = firstLine(error);
    throw new PamphletError('E_INPUT_BINARY', `${path}: the PDF cannot be read (${reason})`, {input: path, cause: error});
  });
}

/** The report as the CLI prints it: one line a rule, `fail  fonts-embedded  …`. */
export function formatPreflight(report: PreflightReport): string {
  return report.rules.map((rule) => `${rule.status.padEnd(4)}  ${rule.id.padEnd(18)}  ${rule.message}`).join('\n');
}

const pass = (id: PreflightRuleId, message: string): PreflightRule => ({id, status: 'pass', message});
const warn = (id: PreflightRuleId, message: string): PreflightRule => ({id, status: 'warn', message});
const fail = (id: PreflightRuleId, message: string): PreflightRule => ({id, status: 'fail', message});

const mm = (points: number): string => `${((points * 25.4) / 72).toFixed(1).replace(/\.0$/, '')}`;
const size = (box: Box): string => `${mm(boxWidth(box))} × ${mm(boxHeight(box))} mm`;
/** "pages 1, 3–5" for a list of 1-based page numbers. */
function pageList(numbers: number[]): string {
  const shown = numbers.slice(0, 6).join(', ');
  return `${numbers.length === 1 ? 'page' : 'pages'} ${shown}${numbers.length > 6 ? ', …' : ''}`;
}

type Node = ReturnType<PDFDocument['getPages']>[number]['node'];

function trimSize(nodes: Node[], expect: PreflightExpectations): PreflightRule {
  const missing = nodes.flatMap((node, index) => (hasBox(node, 'TrimBox') ? [] : [index + 1]));
  if (missing.length > 0) return fail('trim-size', `Unexpected missing TrimBox on ${pageList(missing)}, expected one on every page`);
  const trims = nodes.map((node) => getBox(node, 'TrimBox'));
  const first = trims[0];
  if (first === undefined) return fail('trim-size', 'Unexpected PDF without pages');
  const different = trims.flatMap((box, index) => (sameSize(box, first) ? [] : [index + 1]));
  if (different.length > 0) return fail('trim-size', `Unexpected trim ${size(trims[different[0]! - 1]!)} on ${pageList(different)}, expected ${size(first)} like page 1`);
  if (expect.trim !== undefined) {
    const wanted: Box = [0, 0, mmToPt(expect.trim.widthMm), mmToPt(expect.trim.heightMm)];
    if (!sameSize(first, wanted)) {
      return fail('trim-size', `Unexpected trim ${boxWidth(first).toFixed(2)} × ${boxHeight(first).toFixed(2)} pt (${size(first)}), expected ${boxWidth(wanted).toFixed(2)} × ${boxHeight(wanted).toFixed(2)} pt (${size(wanted)})`);
    }
  }
  return pass('trim-size', `${size(first)} (${boxWidth(first).toFixed(2)} × ${boxHeight(first).toFixed(2)} pt) on every page`);
}

function sameSize(a: Box, b: Box): boolean {
  return Math.abs(boxWidth(a) - boxWidth(b)) <= TRIM_TOLERANCE_PT && Math.abs(boxHeight(a) - boxHeight(b)) <= TRIM_TOLERANCE_PT;
}

/** `inner` inside `outer`, with a thousandth of a point for rounding. */
function contains(outer: Box, inner: Box): boolean {
  const e = 0.001;
  return inner[0] >= outer[0] - e && inner[1] >= outer[1] - e && inner[2] <= outer[2] + e && inner[3] <= outer[3] + e;
}

function pageBoxes(nodes: Node[]): PreflightRule {
  for (const [index, node] of nodes.entries()) {
    const [media, crop, bleedBox, trim] = (['MediaBox', 'CropBox', 'BleedBox', 'TrimBox'] as const).map((name) => getBox(node, name)) as [Box, Box, Box, Box];
    if (!contains(media, crop)) return fail('page-boxes', `Unexpected CropBox outside the MediaBox on page ${index + 1}, expected it inside`);
    if (!contains(bleedBox, trim)) return fail('page-boxes', `Unexpected TrimBox outside the BleedBox on page ${index + 1}, expected Trim ⊆ Bleed ⊆ Media`);
    if (!contains(media, bleedBox)) return fail('page-boxes', `Unexpected BleedBox outside the MediaBox on page ${index + 1}, expected Trim ⊆ Bleed ⊆ Media`);
  }
  return pass('page-boxes', 'TrimBox inside BleedBox inside MediaBox on every page');
}

function bleed(nodes: Node[], expect: PreflightExpectations): PreflightRule {
  const bleeds = nodes.map((node) => {
    const [b, t] = [getBox(node, 'BleedBox'), getBox(node, 'TrimBox')];
    return [t[0] - b[0], t[1] - b[1], b[2] - t[2], b[3] - t[3]];
  });
  const smallest = Math.min(...bleeds.flat());
  const largest = Math.max(...bleeds.flat());
  const wanted = expect.bleedMm === undefined ? undefined : mmToPt(expect.bleedMm);
  if (wanted !== undefined && (Math.abs(smallest - wanted) > TRIM_TOLERANCE_PT || Math.abs(largest - wanted) > TRIM_TOLERANCE_PT)) {
    const page = bleeds.findIndex((sides) => sides.some((side) => Math.abs(side - wanted) > TRIM_TOLERANCE_PT)) + 1;
    const found = largest - smallest > TRIM_TOLERANCE_PT ? `${mm(smallest)} to ${mm(largest)} mm` : `${mm(smallest)} mm`;
    return fail('bleed', `Unexpected bleed of ${found} (first on page ${page}), expected ${mm(wanted)} mm on every side of every page`);
  }
  if (largest - smallest > TRIM_TOLERANCE_PT) return warn('bleed', `Unexpected uneven bleed of ${mm(smallest)} to ${mm(largest)} mm, expected the same on every side`);
  return pass('bleed', smallest < TRIM_TOLERANCE_PT ? 'no bleed: BleedBox equals TrimBox' : `${mm(smallest)} mm on every side of every page`);
}

function pageCount(pages: number, expect: PreflightExpectations): PreflightRule {
  if (expect.booklet && pages % 4 !== 0) {
    return fail('page-count', `Unexpected ${pages} pages for a booklet, expected a multiple of 4 (${Math.ceil(pages / 4) * 4})`);
  }
  return pass('page-count', `${pages} page${pages === 1 ? '' : 's'}${expect.booklet ? ', a multiple of 4' : ''}`);
}

/** The font a text-showing `Tf` selects, or for a composite (Type 0) font its descendant. */
function describedFont(context: PDFContext, font: PDFDict): PDFDict {
  if (font.get(PDFName.of('Subtype')) !== PDFName.of('Type0')) return font;
  const descendants = context.lookup(font.get(PDFName.of('DescendantFonts')));
  const first = descendants instanceof PDFArray ? context.lookup(descendants.get(0)) : undefined;
  return first instanceof PDFDict ? first : font;
}

function baseFont(context: PDFContext, font: PDFDict): string {
  const name = context.lookup(font.get(PDFName.of('BaseFont'))) ?? context.lookup(font.get(PDFName.of('Name')));
  return name instanceof PDFName ? name.decodeText() : 'unnamed font';
}

function fontsOf(contents: PageContent[]): Array<{font: PDFDict; pages: number[]}> {
  const fonts = new Map<PDFDict, number[]>();
  for (const [index, content] of contents.entries()) {
    for (const font of content.fonts) fonts.set(font, [...(fonts.get(font) ?? []), index + 1]);
  }
  return [...fonts].map(([font, pages]) => ({font, pages}));
}

function fontsEmbedded(context: PDFContext, contents: PageContent[]): PreflightRule {
  const fonts = fontsOf(contents);
  const unembedded = fonts.filter(({font}) => {
    if (font.get(PDFName.of('Subtype')) === PDFName.of('Type3')) return false; // glyphs are in the file
    const descriptor = context.lookup(describedFont(context, font).get(PDFName.of('FontDescriptor')));
    return !(descriptor instanceof PDFDict) || !['FontFile', 'FontFile2', 'FontFile3'].some((key) => descriptor.get(PDFName.of(key)) !== undefined);
  });
  if (unembedded.length > 0) {
    const names = [...new Set(unembedded.map(({font}) => baseFont(context, font)))].join(', ');
    return fail('fonts-embedded', `Unexpected font${unembedded.length > 1 ? 's' : ''} not embedded: ${names} (first on ${pageList(unembedded[0]!.pages)}), expected every font embedded`);
  }
  return pass('fonts-embedded', `${fonts.length} font${fonts.length === 1 ? '' : 's'} used, all embedded`);
}

function noType3(context: PDFContext, contents: PageContent[]): PreflightRule {
  const type3 = fontsOf(contents).filter(({font}) => font.get(PDFName.of('Subtype')) === PDFName.of('Type3'));
  if (type3.length > 0) {
    return fail('no-type3-fonts', `Unexpected Type 3 font (${type3.map(({font}) => baseFont(context, font)).join(', ')}, first on ${pageList(type3[0]!.pages)}), expected TrueType, Type 1 or CFF: RIPs rasterise Type 3 badly`);
  }
  return pass('no-type3-fonts', 'no Type 3 fonts');
}

function imageResolution(contents: PageContent[]): PreflightRule {
  const draws = contents.flatMap((content, index) => content.images.map((image) => ({...image, page: index + 1})));
  if (draws.length === 0) return pass('image-resolution', 'no images');
  const lowest = draws.reduce((low, draw) => (draw.ppi < low.ppi ? draw : low));
  const found = `${Math.round(lowest.ppi)} ppi (a ${lowest.widthPx} × ${lowest.heightPx} px image at ${mm(lowest.widthPt)} × ${mm(lowest.heightPt)} mm on page ${lowest.page})`;
  if (lowest.ppi < MINIMUM_PPI) return fail('image-resolution', `Unexpected image resolution of ${found}, expected at least ${MINIMUM_PPI} ppi (${GOOD_PPI} for a sharp print)`);
  if (lowest.ppi < GOOD_PPI) return warn('image-resolution', `Unexpected image resolution of ${found}, expected ${GOOD_PPI} ppi for a sharp print`);
  return pass('image-resolution', `${draws.length} image${draws.length === 1 ? '' : 's'}, the lowest at ${Math.round(lowest.ppi)} ppi`);
}

function infoString(doc: PDFDocument, key: string): string | undefined {
  const info = doc.context.lookup(doc.context.trailerInfo.Info);
  const value = info instanceof PDFDict ? doc.context.lookup(info.get(PDFName.of(key))) : undefined;
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
}

function pdfxVersion(doc: PDFDocument): string | undefined {
  return infoString(doc, 'GTS_PDFXVersion');
}

function outputIntents(doc: PDFDocument): PDFDict[] {
  const intents = doc.context.lookup(doc.catalog.get(PDFName.of('OutputIntents')));
  if (!(intents instanceof PDFArray)) return [];
  return intents.asArray().map((intent) => doc.context.lookup(intent)).filter((intent): intent is PDFDict => intent instanceof PDFDict);
}

function pdfxIntent(doc: PDFDocument): PreflightRule {
  const intent = outputIntents(doc).find((each) => each.get(PDFName.of('S')) === PDFName.of('GTS_PDFX'));
  if (intent === undefined) return fail('pdfx-output-intent', 'Unexpected PDF/X without a GTS_PDFX output intent, expected one with the press profile');
  const profile: PDFObject | undefined = doc.context.lookup(intent.get(PDFName.of('DestOutputProfile')));
  const condition = intent.get(PDFName.of('OutputConditionIdentifier'));
  const conditionText = condition instanceof PDFString || condition instanceof PDFHexString ? condition.decodeText() : undefined;
  if (!(profile instanceof PDFStream) && conditionText === undefined) {
    return fail('pdfx-output-intent', 'Unexpected GTS_PDFX output intent with neither a profile nor a registered condition, expected one of them');
  }
  const version = pdfxVersion(doc);
  if (version === undefined) return fail('pdfx-output-intent', 'Unexpected PDF/X output intent without GTS_PDFXVersion in the document info, expected e.g. PDF/X-3:2002');
  return pass('pdfx-output-intent', `${version}, output intent GTS_PDFX${conditionText ? ` "${conditionText}"` : ''}${profile instanceof PDFStream ? ' with its ICC profile' : ''}`);
}

function colour(contents: PageContent[]): PreflightRule {
  const rgbPages = contents.flatMap((content, index) => ([...content.colourSpaces].some(isRgb) ? [index + 1] : []));
  if (rgbPages.length > 0) return fail('colour', `Unexpected RGB colour on ${pageList(rgbPages)}, expected CMYK (and grey) only in PDF/X for press`);
  const spaces = [...new Set(contents.flatMap((content) => [...content.colourSpaces]))].sort();
  return pass('colour', `no RGB: ${spaces.join(', ') || 'no colour at all'}`);
}

function textLayer(contents: PageContent[]): PreflightRule {
  const withText = contents.filter((content) => content.textShows > 0).length;
  if (withText === 0) return fail('text-layer', 'Unexpected PDF without text, expected a text layer: the pages are pictures (a rasterising conversion?)');
  return pass('text-layer', `text on ${withText} of ${contents.length} pages`);
}
