import {escapeXml} from './xml.js';
import {textDirection} from '../render/context.js';

export interface ChapterDocument {
  title: string;
  lang: string;
  stylesheet: string;
  /** Sanitised XHTML fragment for the body. */
  body: string;
}

/**
 * `xml:lang` and `lang` together: EPUB 3 reading systems read the first, HTML tooling (Ace)
 * the second; and `dir="rtl"` for a right-to-left language.
 */
function langAttributes(lang: string): string {
  const direction = textDirection(lang) === 'rtl' ? ' dir="rtl"' : '';
  return `xml:lang="${escapeXml(lang)}" lang="${escapeXml(lang)}"${direction}`;
}

function documentHead(title: string, lang: string, stylesheet: string, htmlClass: string): string[] {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE html>',
    `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" ${langAttributes(lang)} class="${htmlClass}">`,
    '<head>',
    '  <meta charset="UTF-8"/>',
    `  <title>${escapeXml(title)}</title>`,
    `  <link rel="stylesheet" type="text/css" href="${escapeXml(stylesheet)}"/>`,
    '</head>',
  ];
}

/**
 * A chapter's XHTML content document; `for-epub` lets one template stylesheet serve print and
 * EPUB. The body is body matter, and the chapter a DPUB-ARIA `doc-chapter` section, so reading
 * systems and assistive technology both know where each article starts.
 */
export function renderChapterDocument(chapter: ChapterDocument): string {
  return [
    ...documentHead(chapter.title, chapter.lang, chapter.stylesheet, 'for-epub'),
    '<body epub:type="bodymatter">',
    `<section epub:type="chapter" role="doc-chapter" aria-label="${escapeXml(chapter.title)}">`,
    chapter.body,
    '</section>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export interface CoverDocument {
  title: string;
  lang: string;
  stylesheet: string;
  image: {href: string; alt: string};
}

/** The cover page: the cover image alone, before the contents. */
export function renderCoverDocument(cover: CoverDocument): string {
  return [
    ...documentHead(cover.title, cover.lang, cover.stylesheet, 'for-epub cover-page'),
    '<body epub:type="frontmatter">',
    '<section epub:type="cover" class="cover">',
    `  <img src="${escapeXml(cover.image.href)}" alt="${escapeXml(cover.image.alt)}" role="doc-cover"/>`,
    '</section>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
