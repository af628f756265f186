/** A template's files, loaded once: see templates/README.md for the theming contract. */
export interface TemplateFont {
  family: string;
  weight: number;
  style: 'normal' | 'italic';
  /** The name the CSS uses in `url(fonts/<file>)`. */
  file: string;
  /** Absolute path of the font file on disk (inside the template or an npm font package). */
  path: string;
}

export interface Template {
  name: string;
  /** Absolute path of the template folder. */
  dir: string;
  /** Liquid source of the print HTML document (it includes `article.liquid`). */
  html: string;
  /** Liquid source of the article itself, shared by the print document and EPUB chapters. */
  article: string;
  /** The `@font-face` rules for `fonts`, with `url(fonts/<file>)` sources. */
  fontCss: string;
  printCss: string;
  epubCss: string;
  fonts: TemplateFont[];
}

/** The template's `@font-face` rules as a page on the renderer's origin loads them. */
export function servedFontCss(template: Template): string {
  return template.fontCss.replaceAll('url(fonts/', 'url(template/fonts/');
}
