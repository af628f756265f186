import {escapeXml} from './xml.js';

export interface ChapterDocument {
  title: string;
  lang: string;
  stylesheet: string;
  /** Sanitised XHTML fragment for the body. */
  body: string;
}

/** A chapter's XHTML content document; `for-epub` lets one template stylesheet serve print and EPUB. */
export function renderChapterDocument(chapter: ChapterDocument): string {
  const lang = escapeXml(chapter.lang);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE html>',
    `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="${lang}" lang="${lang}" class="for-epub">`,
    '<head>',
    '  <meta charset="UTF-8"/>',
    `  <title>${escapeXml(chapter.title)}</title>`,
    `  <link rel="stylesheet" type="text/css" href="${escapeXml(chapter.stylesheet)}"/>`,
    '</head>',
    '<body>',
    chapter.body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
