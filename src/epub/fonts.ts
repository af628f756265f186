import {readFile} from 'node:fs/promises';
import {PamphletError} from '../errors.js';
import type {TemplateFont} from '../render/template.js';
import {fontMediaType} from './media-types.js';
import {isPlainHref} from './package-paths.js';
import {sfntKind, woffToSfnt, WoffError} from './woff-to-sfnt.js';

/** A template font read into memory, to be packaged at `fonts/<file>`. */
export interface EmbeddedFont extends TemplateFont {
  /** The template's name for it, which its CSS may use in `url(fonts/<templateFile>)`. */
  templateFile: string;
  mediaType: string;
  bytes: Uint8Array;
}

export interface LoadedFonts {
  fonts: EmbeddedFont[];
  /** Reasons, one per font that could only be embedded as WOFF2. */
  warnings: string[];
}

const WEB_FONT = /\.woff2?$/i;

/**
 * Reads each distinct template font once, in the template's order, as TrueType or OpenType:
 * Kindle embeds nothing else, and Kobo's RMSDK reader predates WOFF2. A `.woff2` is replaced
 * by the `.woff` with the same name beside it (fontsource ships both), unwrapped to its sfnt.
 * A WOFF2 with no WOFF beside it is embedded as it is, with a warning.
 */
export function loadFonts(fonts: readonly TemplateFont[]): Promise<LoadedFonts> {
  // The same template's fonts are converted once per process, not once per book.
  const key = fonts.map((font) => font.path).join('\u0000');
  let loaded = fontCache.get(key);
  if (!loaded) {
    loaded = readFonts(fonts);
    fontCache.set(key, loaded);
    loaded.catch(() => fontCache.delete(key));
  }
  return loaded;
}

const fontCache = new Map<string, Promise<LoadedFonts>>();

async function readFonts(fonts: readonly TemplateFont[]): Promise<LoadedFonts> {
  const distinct = [...new Map(fonts.map((font) => [font.file, font])).values()];
  const warnings: string[] = [];
  const loaded = await Promise.all(
    distinct.map(async (font): Promise<EmbeddedFont> => {
      if (!isPlainHref(`fonts/${font.file}`, 'fonts') || fontMediaType(font.file) === undefined) {
        throw new PamphletError(
          'E_TEMPLATE',
          `${font.file}: unexpected font file name, expected a plain name ending in .woff2, .woff, .ttf or .otf`,
          {input: font.path},
        );
      }
      const woffPath = font.path.replace(WEB_FONT, '.woff');
      const woff = WEB_FONT.test(font.file) ? await readFile(woffPath).catch(() => undefined) : undefined;
      if (woff === undefined) {
        const bytes = await readFont(font, font.path);
        if (/\.woff2$/i.test(font.file)) {
          warnings.push(`Unexpected WOFF2-only font ${font.file}, expected a .woff or .ttf beside it; Kindle will not show ${font.family}`);
        }
        const sfnt = /\.woff$/i.test(font.file) ? unwrap(font, font.path, bytes) : undefined;
        return sfnt ?? {...font, templateFile: font.file, mediaType: fontMediaType(font.file) ?? '', bytes};
      }
      return unwrap(font, woffPath, woff);
    }),
  );
  return {fonts: loaded, warnings};
}

async function readFont(font: TemplateFont, fontPath: string): Promise<Uint8Array> {
  return readFile(fontPath).catch((cause: unknown) => {
    throw new PamphletError('E_TEMPLATE', `${fontPath}: cannot read font file for ${font.family}`, {input: fontPath, cause});
  });
}

function unwrap(font: TemplateFont, woffPath: string, woff: Uint8Array): EmbeddedFont {
  let sfnt: Uint8Array;
  try {
    sfnt = woffToSfnt(woff);
  } catch (error) {
    if (!(error instanceof WoffError)) throw error;
    throw new PamphletError('E_TEMPLATE', `${woffPath}: unexpected font data, expected WOFF 1.0: ${error.message}`, {input: woffPath, cause: error});
  }
  const kind = sfntKind(sfnt);
  return {
    ...font,
    templateFile: font.file,
    file: font.file.replace(WEB_FONT, `.${kind}`),
    mediaType: kind === 'otf' ? 'font/otf' : 'font/ttf',
    bytes: sfnt,
  };
}

const FONT_FORMATS: Readonly<Record<string, string>> = {
  'font/otf': 'opentype',
  'font/ttf': 'truetype',
  'font/woff': 'woff',
  'font/woff2': 'woff2',
};

/** `url(fonts/<file>)`, quoted or not, with the `format(…)` hint that may follow it. */
const FONT_URL_IN_CSS = /url\(\s*(['"]?)fonts\/([^'")]+)\1\s*\)(\s*format\(\s*(['"]?)[^'")]*\4\s*\))?/g;
const URL_IN_CSS = /url\(\s*(['"]?)([^'")]+)\1\s*\)/g;

function fontFace(font: EmbeddedFont): string {
  return (
    `@font-face {\n  font-family: ${JSON.stringify(font.family)};\n  font-style: ${font.style};\n` +
    `  font-weight: ${font.weight};\n  src: url(fonts/${font.file}) format("${FONT_FORMATS[font.mediaType]}");\n}`
  );
}

/**
 * The stylesheet the book ships: the template's CSS with its font URLs pointed at the embedded
 * files, plus an `@font-face` for every embedded font the CSS does not load. Appended, not
 * prepended, because `@import` and `@charset` must stay first.
 */
export function stylesheetWithFonts(css: string, fonts: readonly EmbeddedFont[]): string {
  const byTemplateFile = new Map(fonts.map((font) => [font.templateFile, font]));
  const loaded = new Set<string>();
  const rewritten = css.replace(FONT_URL_IN_CSS, (whole, _quote: string, file: string) => {
    const font = byTemplateFile.get(file.trim()) ?? fonts.find((candidate) => candidate.file === file.trim());
    // A font the CSS loads but the book lacks is a broken reference: EPUBCheck's RSC-007 error.
    if (font === undefined) {
      const embedded = fonts.map((candidate) => `fonts/${candidate.templateFile}`);
      throw new PamphletError(
        'E_TEMPLATE',
        `epub.css: unexpected url(fonts/${file}), expected one of the template's fonts (${embedded.join(', ') || 'none'})`,
      );
    }
    loaded.add(font.file);
    return `url(fonts/${font.file}) format("${FONT_FORMATS[font.mediaType]}")`;
  });
  const other = Array.from(rewritten.matchAll(URL_IN_CSS), (match) => match[2]?.trim() ?? '').find(
    (url) => !url.startsWith('fonts/') && !url.startsWith('#') && !url.startsWith('data:'),
  );
  if (other !== undefined) {
    throw new PamphletError('E_TEMPLATE', `epub.css: unexpected url(${other}), expected only the template's fonts`);
  }
  // Readers without `unicode-range` (Kindle, Kobo's RMSDK) use the last declared face of a
  // family, weight and style; declaring a group's first-listed file (the template's main
  // subset, e.g. "latin" before "latin-ext") last keeps the common letters in the book's face.
  const groups = new Map<string, EmbeddedFont[]>();
  for (const font of fonts.filter((candidate) => !loaded.has(candidate.file))) {
    const key = `${font.family}\u0000${font.weight}\u0000${font.style}`;
    groups.set(key, [...(groups.get(key) ?? []), font]);
  }
  const faces = [...groups.values()].flatMap((group) => [...group].reverse().map(fontFace));
  if (faces.length === 0) return rewritten;
  return `${[rewritten.trimEnd(), ...faces].filter((part) => part !== '').join('\n\n')}\n`;
}
