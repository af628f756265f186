import {escapeXml} from './xml.js';

/** What the OPF says about the book. */
export interface PackageMetadata {
  /** `urn:uuid:…`, also the NCX `dtb:uid`. */
  identifier: string;
  title: string;
  subtitle?: string;
  authors: readonly string[];
  lang: string;
  /** Publication date, ISO 8601; left out unless it is a W3C date-time EPUBCheck accepts. */
  date?: string;
  modified: Date;
  description?: string;
  publisher?: string;
  sourceUrl?: string;
}

export interface ManifestItem {
  id: string;
  /** Relative to the package document. */
  href: string;
  mediaType: string;
  properties?: readonly string[];
}

/** The W3C date-time profile that EPUB 3 requires of `dc:date` (YYYY, YYYY-MM, YYYY-MM-DD, or a full time). */
const W3C_DATE = /^\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?)?)?$/;

/** `dcterms:modified` must be CCYY-MM-DDThh:mm:ssZ: UTC, whole seconds. */
export function formatModified(modified: Date): string {
  return modified.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function element(name: string, text: string | undefined, attributes = ''): string[] {
  const value = text?.trim();
  return value ? [`    <${name}${attributes}>${escapeXml(value)}</${name}>`] : [];
}

function metadataLines(metadata: PackageMetadata): string[] {
  const subtitle = metadata.subtitle?.trim();
  const authors = metadata.authors.map((author) => author.trim()).filter((author) => author !== '');
  return [
    ...element('dc:identifier', metadata.identifier, ' id="pub-id"'),
    ...element('dc:title', metadata.title, ' id="title"'),
    // title-type lets reading systems tell the subtitle from the title (EPUB 3 `title-type`).
    ...(subtitle
      ? [
          '    <meta refines="#title" property="title-type">main</meta>',
          ...element('dc:title', subtitle, ' id="subtitle"'),
          '    <meta refines="#subtitle" property="title-type">subtitle</meta>',
        ]
      : []),
    ...authors.flatMap((author, index) => [
      ...element('dc:creator', author, ` id="creator-${index + 1}"`),
      `    <meta refines="#creator-${index + 1}" property="role" scheme="marc:relators">aut</meta>`,
    ]),
    ...element('dc:language', metadata.lang),
    ...(metadata.date !== undefined && W3C_DATE.test(metadata.date) ? element('dc:date', metadata.date) : []),
    ...element('dc:publisher', metadata.publisher),
    ...element('dc:description', metadata.description),
    ...element('dc:source', metadata.sourceUrl),
    `    <meta property="dcterms:modified">${formatModified(metadata.modified)}</meta>`,
  ];
}

function manifestLine(item: ManifestItem): string {
  const properties = item.properties?.length ? ` properties="${item.properties.join(' ')}"` : '';
  return `    <item id="${escapeXml(item.id)}" href="${escapeXml(item.href)}" media-type="${escapeXml(item.mediaType)}"${properties}/>`;
}

/** The EPUB 3 package document (`content.opf`), with an NCX reference in the spine for EPUB 2 readers. */
export function renderPackageDocument(
  metadata: PackageMetadata,
  manifest: readonly ManifestItem[],
  spine: readonly string[],
): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="${escapeXml(metadata.lang)}">`,
    '  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">',
    ...metadataLines(metadata),
    '  </metadata>',
    '  <manifest>',
    ...manifest.map(manifestLine),
    '  </manifest>',
    '  <spine toc="ncx">',
    ...spine.map((idref) => `    <itemref idref="${escapeXml(idref)}"/>`),
    '  </spine>',
    '</package>',
    '',
  ].join('\n');
}
