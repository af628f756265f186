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
type Operand = number | string | {name: string} | Operand[] | Map<string, Operand>;

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
  if (stream instanceof PDFRawStream) return decodePDFRawStream(stream).decode();
  return stream.getContents();
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
  const lookupIn = (category: string, name: string): PDFObject | undefined => {
    const dict = context.lookup(resources?.get(PDFName.of(category)));
    return dict instanceof PDFDict ? context.lookup(dict.get(PDFName.of(name))) : undefined;
  };
  const stack: Matrix[] = [];
  let ctm = start;
  let font: PDFDict | undefined;
  let operands: Operand[] = [];
  const number = (index: number): number => {
    const value = operands[index];
    return typeof value === 'number' ? value : 0;
  };
  const nameAt = (index: number): string | undefined => {
    const value = operands[index];
    return typeof value === 'object' && value !== null && 'name' in value ? value.name : undefined;
  };

  for (const token of tokenize(bytes)) {
    if (token.kind === 'operand') {
      operands.push(token.value);
      continue;
    }
    switch (token.op) {
      case 'q':
        stack.push(ctm);
        break;
      case 'Q':
        ctm = stack.pop() ?? start;
        break;
      case 'cm':
        ctm = multiply([number(0), number(1), number(2), number(3), number(4), number(5)], ctm);
        break;
      case 'Tf': {
        const name = nameAt(0);
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
        const name = nameAt(0);
        if (name !== undefined) found.colourSpaces.add(colourSpaceName(context, /^Device|^Pattern$/.test(name) ? PDFName.of(name) : lookupIn('ColorSpace', name)));
        break;
      }
      case 'sh': {
        const name = nameAt(0);
        const shading = name === undefined ? undefined : lookupIn('Shading', name);
        const dict = shading instanceof PDFStream ? shading.dict : shading;
        if (dict instanceof PDFDict) found.colourSpaces.add(colourSpaceName(context, dict.get(PDFName.of('ColorSpace'))));
        break;
      }
      case 'Do': {
        const name = nameAt(0);
        const xobject = name === undefined ? undefined : lookupIn('XObject', name);
        if (xobject instanceof PDFStream) drawXObject(context, xobject, ctm, resources, found, depth);
        break;
      }
      case 'EI':
        // Inline images: only tiny ones are allowed inline (§8.9.7), and Chromium writes none.
        break;
    }
    operands = [];
  }
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

type Token = {kind: 'operand'; value: Operand} | {kind: 'operator'; op: string};

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([...'()<>[]{}/%'].map((character) => character.charCodeAt(0)));

/** PDF content-stream tokens (§7.2, §8.9.7): numbers, names, strings, arrays, dicts, operators. */
export function* tokenize(bytes: Uint8Array): Generator<Token> {
  let i = 0;
  const containers: Array<Operand[]> = [];
  const emit = function* (value: Operand): Generator<Token> {
    const open = containers.at(-1);
    if (open !== undefined) open.push(value);
    else yield {kind: 'operand', value};
  };
  const regular = (byte: number | undefined) => byte !== undefined && !WHITESPACE.has(byte) && !DELIMITERS.has(byte);

  while (i < bytes.length) {
    const byte = bytes[i]!;
    if (WHITESPACE.has(byte)) {
      i += 1;
    } else if (byte === 0x25 /* % */) {
      while (i < bytes.length && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i += 1;
    } else if (byte === 0x2f /* / */) {
      let end = i + 1;
      while (regular(bytes[end])) end += 1;
      const raw = Buffer.from(bytes.subarray(i + 1, end)).toString('latin1');
      yield* emit({name: raw.replace(/#([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))});
      i = end;
    } else if (byte === 0x28 /* ( */) {
      let depth = 0;
      let end = i;
      for (; end < bytes.length; end += 1) {
        const c = bytes[end];
        if (c === 0x5c /* \ */) end += 1;
        else if (c === 0x28) depth += 1;
        else if (c === 0x29 && --depth === 0) break;
      }
      yield* emit(Buffer.from(bytes.subarray(i + 1, end)).toString('latin1'));
      i = end + 1;
    } else if (byte === 0x3c /* < */ && bytes[i + 1] === 0x3c) {
      containers.push([]);
      i += 2;
    } else if (byte === 0x3e /* > */ && bytes[i + 1] === 0x3e) {
      const items = containers.pop() ?? [];
      const dict = new Map<string, Operand>();
      for (let k = 0; k + 1 < items.length; k += 2) {
        const key = items[k];
        if (typeof key === 'object' && key !== null && 'name' in key) dict.set(key.name, items[k + 1]!);
      }
      yield* emit(dict);
      i += 2;
    } else if (byte === 0x3c) {
      const end = bytes.indexOf(0x3e, i);
      yield* emit(Buffer.from(bytes.subarray(i + 1, end < 0 ? bytes.length : end)).toString('latin1'));
      i = end < 0 ? bytes.length : end + 1;
    } else if (byte === 0x5b /* [ */) {
      containers.push([]);
      i += 1;
    } else if (byte === 0x5d /* ] */) {
      yield* emit(containers.pop() ?? []);
      i += 1;
    } else {
      let end = i + 1;
      while (regular(bytes[end])) end += 1;
      const word = Buffer.from(bytes.subarray(i, end)).toString('latin1');
      i = end;
      if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) {
        yield* emit(Number(word));
      } else if (word === 'true' || word === 'false' || word === 'null') {
        yield* emit(word);
      } else if (containers.length > 0) {
        // An operator inside an array is a broken stream; drop the partial array.
        containers.length = 0;
      } else if (word === 'ID') {
        // Inline image data is binary: skip to the EI that follows white space (§8.9.7).
        let end = i + 1;
        while (end < bytes.length && !(WHITESPACE.has(bytes[end - 1]!) && bytes[end] === 0x45 && bytes[end + 1] === 0x49 && (end + 2 >= bytes.length || !regular(bytes[end + 2])))) end += 1;
        i = end + 2;
        yield {kind: 'operator', op: 'EI'};
      } else {
        yield {kind: 'operator', op: word};
      }
    }
  }
}
