import {escapeXml} from './xml.js';

/** One line of the table of contents: a chapter document. */
export interface NavEntry {
  title: string;
  href: string;
  lang: string;
}

export interface Navigation {
  identifier: string;
  title: string;
  lang: string;
  stylesheet: string;
  entries: readonly NavEntry[];
  /** The cover page's href, when the book has one. */
  cover?: string;
  /** The navigation document's own href, for the `toc` landmark. */
  href: string;
}

/**
 * Landmark labels, which reading systems show in their own menus. English, and marked as such
 * in a book in another language, so a screen reader pronounces them right.
 */
const LANDMARK_LABELS = {cover: 'Cover', toc: 'Contents', bodymatter: 'Start of text'} as const;

function link(entry: NavEntry, bookLang: string): string {
  // A chapter in another language than the book says so, for screen readers.
  const lang = entry.lang === bookLang ? '' : ` xml:lang="${escapeXml(entry.lang)}" lang="${escapeXml(entry.lang)}"`;
  return `<a href="${escapeXml(entry.href)}"${lang}>${escapeXml(entry.title)}</a>`;
}

/**
 * The EPUB 3 navigation document: the table of contents, and landmarks that tell reading
 * systems where the text starts.
 */
export function renderNavDocument(navigation: Navigation): string {
  const lang = escapeXml(navigation.lang);
  const first = navigation.entries[0];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE html>',
    `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="${lang}" lang="${lang}" class="for-epub">`,
    '<head>',
    '  <meta charset="UTF-8"/>',
    `  <title>${escapeXml(navigation.title)}</title>`,
    `  <link rel="stylesheet" type="text/css" href="${escapeXml(navigation.stylesheet)}"/>`,
    '</head>',
    '<body>',
    '  <nav epub:type="toc" role="doc-toc" id="toc">',
    `    <h1>${escapeXml(navigation.title)}</h1>`,
    '    <ol>',
    ...navigation.entries.map((entry) => `      <li>${link(entry, navigation.lang)}</li>`),
    '    </ol>',
    '  </nav>',
    ...(first
      ? [
          '  <nav epub:type="landmarks" id="landmarks" aria-label="Landmarks" hidden="hidden">',
          '    <ol>',
          ...landmarks(navigation, first).map((line) => `      ${line}`),
          '    </ol>',
          '  </nav>',
        ]
      : []),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function landmarks(navigation: Navigation, first: NavEntry): string[] {
  const english = navigation.lang.toLowerCase().split('-')[0] === 'en';
  const label = (type: keyof typeof LANDMARK_LABELS, href: string) =>
    `<li><a epub:type="${type}" href="${escapeXml(href)}"${english ? '' : ' xml:lang="en" lang="en"'}>${LANDMARK_LABELS[type]}</a></li>`;
  return [
    ...(navigation.cover === undefined ? [] : [label('cover', navigation.cover)]),
    label('toc', `${navigation.href}#toc`),
    label('bodymatter', first.href),
  ];
}

/** The EPUB 2 NCX, for reading systems that predate the navigation document. */
export function renderNcx(navigation: Navigation): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="${escapeXml(navigation.lang)}">`,
    '  <head>',
    `    <meta name="dtb:uid" content="${escapeXml(navigation.identifier)}"/>`,
    '    <meta name="dtb:depth" content="1"/>',
    '    <meta name="dtb:totalPageCount" content="0"/>',
    '    <meta name="dtb:maxPageNumber" content="0"/>',
    '  </head>',
    `  <docTitle><text>${escapeXml(navigation.title)}</text></docTitle>`,
    '  <navMap>',
    ...navigation.entries.flatMap((entry, index) => [
      `    <navPoint id="navpoint-${index + 1}" playOrder="${index + 1}">`,
      `      <navLabel><text>${escapeXml(entry.title)}</text></navLabel>`,
      `      <content src="${escapeXml(entry.href)}"/>`,
      '    </navPoint>',
    ]),
    '  </navMap>',
    '</ncx>',
    '',
  ].join('\n');
}
