import {readFile} from 'node:fs/promises';
import {PamphletError} from '../errors.js';
import type {TemplateFont} from '../render/template.js';
import {fontMediaType} from './media-types.js';
import {isPlainHref} from './package-paths.js';

/** A template font read into memory, to be packaged at `fonts/<file>`. */
export interface EmbeddedFont extends TemplateFont {
  mediaType: string;
  bytes: Uint8Array;
}

/** Reads each distinct font file once, in the template's order. */
export async function loadFonts(fonts: readonly TemplateFont[]): Promise<EmbeddedFont[]> {
  const distinct = [...new Map(fonts.map((font) => [font.file, font])).values()];
  return Promise.all(
    distinct.map(async (font) => {
      const mediaType = fontMediaType(font.file);
      if (!isPlainHref(`fonts/${font.file}`, 'fonts') || mediaType === undefined) {
        throw new PamphletError(
          'E_TEMPLATE',
          `${font.file}: unexpected font file name, expected a plain name ending in .woff2, .woff, .ttf or .otf`,
          {input: font.path},
        );
      }
      const bytes = await readFile(font.path).catch((cause: unknown) => {
        throw new PamphletError('E_TEMPLATE', `${font.path}: cannot read font file for ${font.family}`, {
          input: font.path,
          cause,
        });
      });
      return {...font, mediaType, bytes};
    }),
  );
}

const FONT_FORMATS: Readonly<Record<string, string>> = {
  'font/otf': 'opentype',
  'font/ttf': 'truetype',
  'font/woff': 'woff',
  'font/woff2': 'woff2',
};

const URL_IN_CSS = /url\(\s*(['"]?)([^'")]+)\1\s*\)/g;

/**
 * The stylesheet the book ships: the template's CSS, plus an `@font-face` for every embedded font
 * the CSS does not already load from `fonts/<file>`. Appended, not prepended, because `@import`
 * and `@charset` must stay first.
 */
export function stylesheetWithFonts(css: string, fonts: readonly EmbeddedFont[]): string {
  const loaded = new Set(Array.from(css.matchAll(URL_IN_CSS), (match) => match[2]?.trim()));
  const embedded = new Set(fonts.map((font) => `fonts/${font.file}`));
  // A font the CSS loads but the book lacks is a broken reference: EPUBCheck's RSC-007 error.
  const unlisted = [...loaded].find((url) => url?.startsWith('fonts/') && !embedded.has(url));
  if (unlisted !== undefined) {
    throw new PamphletError(
      'E_TEMPLATE',
      `epub.css: unexpected url(${unlisted}), expected one of the template's fonts (${[...embedded].join(', ') || 'none'})`,
    );
  }
  const faces = fonts
    .filter((font) => !loaded.has(`fonts/${font.file}`))
    .map(
      (font) =>
        `@font-face {\n  font-family: ${JSON.stringify(font.family)};\n  font-style: ${font.style};\n` +
        `  font-weight: ${font.weight};\n  src: url(fonts/${font.file}) format("${FONT_FORMATS[font.mediaType]}");\n}`,
    );
  if (faces.length === 0) return css;
  return `${[css.trimEnd(), ...faces].filter((part) => part !== '').join('\n\n')}\n`;
}
