import {inflateSync} from 'node:zlib';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFStream,
  type PDFContext,
  type PDFObject,
  type PDFPage,
} from 'pdf-lib';

/** An image as drawn on the page: its pixels and the size the page shows it at. */
export interface ImageDraw {
  widthPx: number;
  heightPx: number;
  widthPt: number;
  heightPt: number;
  /** Pixels per inch at print size, the lower of the two directions. */
  ppi: number;
  colourSpace: string;
}

/** What a page draws, found by interpreting its content streams (and the forms they draw). */
export interface PageContent {
  images: ImageDraw[];
  /** Font dictionaries the page selects with `Tf` and then shows text in. */
  fonts: PDFDict[];
  /** Text-showing operators (`Tj`, `TJ`, `'`, `"`). */
  textShows: number;
  /** Colour spaces used for fills, strokes, images and shadings ("DeviceRGB", "ICCBased/3", …). */
  colourSpaces: Set<string>;
}

type Matrix = [number, number, number, number, number, number];

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

/** Forms nested deeper than this are a loop in a broken file, not a page. */
const MAX_FORM_DEPTH = 12;

export function scanPage(page: PDFPage): PageContent {
  const context = page.doc.context;
  const found: PageContent = {images: [], fonts: [], textShows: 0, colourSpaces: new Set()};
  const contents = context.lookup(page.node.get(PDFName.of('Contents')));
  const streams = contents instanceof PDFArray ? contents.asArray().map((item) => context.lookup(item)) : [contents];
  const bytes = concat(streams.map((stream) => (stream instanceof PDFStream ? streamBytes(stream) : new Uint8Array())));
  const resources = context.lookup(page.node.getInheritableAttribute(PDFName.of('Resources')));
  run(context, bytes, resources instanceof PDFDict ? resources : undefined, IDENTITY, found, 0);
  return found;
}

function streamBytes(stream: PDFStream): Uint8Array {
  if (!(stream instanceof PDFRawStream)) return stream.getContents();
  // Chromium's content streams are plain Flate: Node's zlib inflates them many times faster
  // than pdf-lib's decoder in JavaScript, which stays for every other filter and for a stream
  // zlib refuses (pdf-lib reads what it can of a truncated one).
  if (stream.dict.get(PDFName.of('Filter')) === PDFName.of('FlateDecode') && stream.dict.get(PDFName.of('DecodeParms')) === undefined) {
    try {
      return inflateSync(stream.getContents());
    } catch {
      // Fall through to pdf-lib.
    }
  }
  return decodePDFRawStream(stream).decode();
}

function concat(parts: Uint8Array[]): Uint8Array {
  // Content streams of one page are one stream split anywhere but inside a token (§7.8.2).
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length + 1, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    out[offset + part.length] = 0x0a;
    offset += part.length + 1;
  }
  return out;
}

function run(context: PDFContext, bytes: Uint8Array, resources: PDFDict | undefined, start: Matrix, found: PageContent, depth: number): void {
  // Chromium selects a font for every run of text, so each resource is looked up once.
  const looked = new Map<string, Map<string, PDFObject | undefined>>();
  const lookupIn = (category: string, name: string): PDFObject | undefined => {
    let names = looked.get(category);
    if (names === undefined) {
      names = new Map();
      looked.set(category, names);
    }
    if (names.has(name)) return names.get(name);
    const dict = context.lookup(resources?.get(PDFName.of(category)));
    const found = dict instanceof PDFDict ? context.lookup(dict.get(PDFName.of(name))) : undefined;
    if (names.size < MAX_CACHED) names.set(name, found);
    return found;
  };
  const stack: Matrix[] = [];
  let ctm = start;
  let font: PDFDict | undefined;
  scanOperators(bytes, (op, operands) => {
    switch (op) {
      case 'q':
        stack.push(ctm);
        break;
      case 'Q':
        ctm = stack.pop() ?? start;
        break;
      case 'cm':
        ctm = multiply([operands.number(0), operands.number(1), operands.number(2), operands.number(3), operands.number(4), operands.number(5)], ctm);
        break;
      case 'Tf': {
        const name = operands.name(0);
        const dict = name === undefined ? undefined : lookupIn('Font', name);
        font = dict instanceof PDFDict ? dict : undefined;
        break;
      }
      case 'Tj':
      case 'TJ':
      case "'":
      case '"':
        found.textShows += 1;
        if (font !== undefined && !found.fonts.includes(font)) found.fonts.push(font);
        break;
      case 'rg':
      case 'RG':
        found.colourSpaces.add('DeviceRGB');
        break;
      case 'k':
      case 'K':
        found.colourSpaces.add('DeviceCMYK');
        break;
      case 'g':
      case 'G':
        found.colourSpaces.add('DeviceGray');
        break;
      case 'cs':
      case 'CS': {
        const name = operands.name(0);
        if (name !== undefined) found.colourSpaces.add(colourSpaceName(context, /^Device|^Pattern$/.test(name) ? PDFName.of(name) : lookupIn('ColorSpace', name)));
        break;
      }
      case 'sh': {
        const name = operands.name(0);
        const shading = name === undefined ? undefined : lookupIn('Shading', name);
        const dict = shading instanceof PDFStream ? shading.dict : shading;
        if (dict instanceof PDFDict) found.colourSpaces.add(colourSpaceName(context, dict.get(PDFName.of('ColorSpace'))));
        break;
      }
      case 'Do': {
        const name = operands.name(0);
        const xobject = name === undefined ? undefined : lookupIn('XObject', name);
        if (xobject instanceof PDFStream) drawXObject(context, xobject, ctm, resources, found, depth);
        break;
      }
      case 'EI':
        // Inline images: only tiny ones are allowed inline (§8.9.7), and Chromium writes none.
        break;
    }
  });
}

function drawXObject(context: PDFContext, xobject: PDFStream, ctm: Matrix, resources: PDFDict | undefined, found: PageContent, depth: number): void {
  const dict = xobject.dict;
  const subtype = dict.get(PDFName.of('Subtype'));
  if (subtype === PDFName.of('Image')) {
    const widthPx = numberIn(context, dict, 'Width');
    const heightPx = numberIn(context, dict, 'Height');
    // The image fills the unit square; the CTM maps it onto the page.
    const widthPt = Math.hypot(ctm[0], ctm[1]);
    const heightPt = Math.hypot(ctm[2], ctm[3]);
    const ppi = Math.min(widthPt > 0 ? (widthPx * 72) / widthPt : Infinity, heightPt > 0 ? (heightPx * 72) / heightPt : Infinity);
    const isMask = dict.get(PDFName.of('ImageMask'));
    const colourSpace = isMask ? 'ImageMask' : colourSpaceName(context, dict.get(PDFName.of('ColorSpace')));
    found.images.push({widthPx, heightPx, widthPt, heightPt, ppi, colourSpace});
    if (!isMask) found.colourSpaces.add(colourSpace);
  } else if (subtype === PDFName.of('Form') && depth < MAX_FORM_DEPTH) {
    const matrix = context.lookup(dict.get(PDFName.of('Matrix')));
    const formMatrix = matrix instanceof PDFArray && matrix.size() === 6 ? (matrix.asArray().map((item) => (item instanceof PDFNumber ? item.asNumber() : 0)) as Matrix) : IDENTITY;
    const own = context.lookup(dict.get(PDFName.of('Resources')));
    run(context, streamBytes(xobject), own instanceof PDFDict ? own : resources, multiply(formMatrix, ctm), found, depth + 1);
  }
}

function numberIn(context: PDFContext, dict: PDFDict, key: string): number {
  const value = context.lookup(dict.get(PDFName.of(key)));
  return value instanceof PDFNumber ? value.asNumber() : 0;
}

/** "DeviceRGB", "DeviceCMYK", "ICCBased/3" (components), "Indexed/DeviceRGB", "Separation", … */
export function colourSpaceName(context: PDFContext, value: PDFObject | undefined): string {
  const space = context.lookup(value);
  if (space instanceof PDFName) return space.decodeText();
  if (space instanceof PDFArray) {
    const family = context.lookup(space.get(0));
    const kind = family instanceof PDFName ? family.decodeText() : 'Unknown';
    if (kind === 'ICCBased') {
      const profile = context.lookup(space.get(1));
      const components = profile instanceof PDFStream ? numberIn(context, profile.dict, 'N') : 0;
      return `ICCBased/${components}`;
    }
    if (kind === 'Indexed') return `Indexed/${colourSpaceName(context, space.get(1))}`;
    return kind;
  }
  return 'Unknown';
}

/** Components of the colour spaces that mean RGB, whatever they are called. */
export function isRgb(space: string): boolean {
  return /(^|\/)(DeviceRGB|CalRGB|ICCBased\/3)$/.test(space);
}

/** Byte classes of PDF syntax (§7.2.3): 1 white space, 2 delimiter, 0 regular. */
const CLASS = new Uint8Array(256);
for (const byte of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[byte] = 1;
for (const character of '()<>[]{}/%') CLASS[character.charCodeAt(0)] = 2;

const isRegular = (bytes: Uint8Array, index: number) => index < bytes.length && CLASS[bytes[index]!] === 0;

/**
 * A token's text. Operators and resource names are short and few (a page repeats a few dozen),
 * so those of up to 4 ASCII bytes are made once and looked up by their bytes, packed 7 bits a
 * byte (no token holds a 0 byte, which is white space, so the packing is unambiguous).
 */
const SHORT_TOKENS = new Map<number, string>();
/** A bound on what a hostile stream can make the caches hold. */
const MAX_CACHED = 4096;

function tokenText(bytes: Uint8Array, start: number, end: number): string {
  if (end - start > 4) return latin1(bytes, start, end);
  let key = 0;
  for (let index = start; index < end; index++) {
    const byte = bytes[index]!;
    if (byte >= 0x80) return latin1(bytes, start, end);
    key = (key << 7) | byte;
  }
  let text = SHORT_TOKENS.get(key);
  if (text === undefined) {
    text = latin1(bytes, start, end);
    if (SHORT_TOKENS.size < MAX_CACHED) SHORT_TOKENS.set(key, text);
  }
  return text;
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let index = start; index < end; index++) text += String.fromCharCode(bytes[index]!);
  return text;
}

/** A PDF number (`12`, `-3.5`, `.5`, `+4.`) in `bytes[start, end)`, or undefined when the word is not one. */
function parseNumber(bytes: Uint8Array, start: number, end: number): number | undefined {
  let index = start;
  let sign = 1;
  if (bytes[index] === 0x2b || bytes[index] === 0x2d) {
    if (bytes[index] === 0x2d) sign = -1;
    index += 1;
  }
  let value = 0;
  let digits = 0;
  let scale = 0;
  for (; index < end; index++) {
    const byte = bytes[index]!;
    if (byte >= 0x30 && byte <= 0x39) {
      value = value * 10 + (byte - 0x30);
      digits += 1;
      if (scale > 0) scale *= 10;
    } else if (byte === 0x2e && scale === 0) {
      scale = 1;
    } else {
      return undefined;
    }
  }
  if (digits === 0) return undefined;
  return (sign * value) / (scale || 1);
}

/** Operands an operator is given, as far as the page scan reads them. */
interface Operands {
  /** The operand at `index` as a number (0 when it is missing or not a number). */
  number(index: number): number;
  /** The name operand at `index` (`/F1` → "F1"), or undefined for any other operand. */
  name(index: number): string | undefined;
}

const NUMBER = 1;
const NAME = 2;
/** A string, array, dictionary, boolean or null: the page scan reads none of them. */
const OTHER = 3;
/** Operands kept for one operator: the most any takes is 6 (`cm`), or a few dozen (`scn`). */
const MAX_OPERANDS = 64;

/**
 * Reads a content stream (§7.2, §7.8.2, §8.9.7) and calls `onOperator` with each operator and
 * its operands. The page scan reads only numbers and names among the operands, so the scanner
 * records where each operand lies rather than making it: a string, an array or a dictionary is
 * passed over whole, and a name is decoded only when asked for. Preflight scans every page of
 * every PDF, and Chromium's pages are mostly text-showing arrays and marked-content dictionaries:
 * making them all took 4 MB of short-lived objects an article. `operands` is valid only during
 * the call.
 */
function scanOperators(bytes: Uint8Array, onOperator: (op: string, operands: Operands) => void): void {
  const kinds = new Uint8Array(MAX_OPERANDS);
  const numbers = new Float64Array(MAX_OPERANDS);
  const starts = new Int32Array(MAX_OPERANDS);
  const ends = new Int32Array(MAX_OPERANDS);
  let count = 0;
  const operands: Operands = {
    number: (index) => (index < count && kinds[index] === NUMBER ? numbers[index]! : 0),
    name: (index) => (index < count && kinds[index] === NAME ? decodeName(tokenText(bytes, starts[index]!, ends[index]!)) : undefined),
  };
  const record = (kind: number, start: number, end: number, value: number) => {
    if (count < MAX_OPERANDS) {
      kinds[count] = kind;
      starts[count] = start;
      ends[count] = end;
      numbers[count] = value;
    }
    count += 1;
  };
  const call = (op: string) => {
    count = Math.min(count, MAX_OPERANDS);
    onOperator(op, operands);
    count = 0;
  };
  // Open arrays and dictionaries: only how deep the scanner is matters, not in what.
  let depth = 0;

  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i]!;
    if (CLASS[byte] === 1) {
      i += 1;
    } else if (byte === 0x25 /* % */) {
      while (i < bytes.length && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i += 1;
    } else if (byte === 0x2f /* / */) {
      let end = i + 1;
      while (isRegular(bytes, end)) end += 1;
      if (depth === 0) record(NAME, i + 1, end, 0);
      i = end;
    } else if (byte === 0x28 /* ( */) {
      let nesting = 0;
      let end = i;
      for (; end < bytes.length; end += 1) {
        const c = bytes[end];
        if (c === 0x5c /* \ */) end += 1;
        else if (c === 0x28) nesting += 1;
        else if (c === 0x29 && --nesting === 0) break;
      }
      if (depth === 0) record(OTHER, i, end, 0);
      i = end + 1;
    } else if (byte === 0x3c /* < */ && bytes[i + 1] === 0x3c) {
      depth += 1;
      i += 2;
    } else if ((byte === 0x3e /* > */ && bytes[i + 1] === 0x3e) || byte === 0x5d /* ] */) {
      // A dictionary or array closes; one closed at the top, or never opened, is an operand.
      if (depth > 0) depth -= 1;
      if (depth === 0) record(OTHER, i, i, 0);
      i += byte === 0x5d ? 1 : 2;
    } else if (byte === 0x3c) {
      const end = bytes.indexOf(0x3e, i);
      if (depth === 0) record(OTHER, i, end, 0);
      i = end < 0 ? bytes.length : end + 1;
    } else if (byte === 0x5b /* [ */) {
      depth += 1;
      i += 1;
    } else {
      let end = i + 1;
      while (isRegular(bytes, end)) end += 1;
      const number = parseNumber(bytes, i, end);
      if (number !== undefined) {
        if (depth === 0) record(NUMBER, i, end, number);
        i = end;
        continue;
      }
      const word = tokenText(bytes, i, end);
      i = end;
      if (word === 'true' || word === 'false' || word === 'null') {
        if (depth === 0) record(OTHER, i, end, 0);
      } else if (depth > 0) {
        // An operator inside an array is a broken stream; drop the partial array.
        depth = 0;
      } else if (word === 'ID') {
        // Inline image data is binary: skip to the EI that follows white space (§8.9.7).
        let end = i + 1;
        while (end < bytes.length && !(CLASS[bytes[end - 1]!] === 1 && bytes[end] === 0x45 && bytes[end + 1] === 0x49 && (end + 2 >= bytes.length || !isRegular(bytes, end + 2)))) end += 1;
        i = end + 2;
        call('EI');
      } else {
        call(word);
      }
    }
  }
}

/** A name as written (`F1`, `A#20B`) → the name (`F1`, `A B`): `#` and two hex digits stand for a byte. */
function decodeName(raw: string): string {
  return raw.includes('#') ? raw.replace(/#([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : raw;
}
