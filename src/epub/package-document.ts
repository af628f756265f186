import type {AccessibilityMetadata} from './accessibility.js';
import {escapeXml} from './xml.js';
import {textDirection} from '../render/context.js';

/** What the OPF says about the book. */
export interface PackageMetadata {
  /** `urn:uuid:…`, also the NCX `dtb:uid`. */
  identifier: string;
  title: string;
  subtitle?: string;
  authors: readonly string[];
  editor?: string;
  lang: string;
  /** Publication date, ISO 8601; left out unless it is a W3C date-time EPUBCheck accepts. */
  date?: string;
  modified: Date;
  description?: string;
  publisher?: string;
  /** `dc:source`, one per article. */
  sources: readonly string[];
  subjects: readonly string[];
  accessibility: AccessibilityMetadata;
  /** Manifest id of the cover image, for the EPUB 2 `<meta name="cover">` that Kindle reads. */
  coverImageId?: string;
}

/** A reference of the EPUB 2 `<guide>`, which Kindle still reads for the cover and where to start. */
export interface GuideReference {
  type: 'cover' | 'toc' | 'text';
  title: string;
  href: string;
}

export interface SpineItem {
  idref: string;
  /** False for a document readers may skip when paging through (`linear="no"`). */
  linear?: boolean;
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
  // MARC relator codes: `edt` editor, `aut` author.
  const creators: Array<[string, 'edt' | 'aut']> = [
    ...(metadata.editor?.trim() ? [[metadata.editor.trim(), 'edt'] as [string, 'edt']] : []),
    ...authors.map((author): [string, 'aut'] => [author, 'aut']),
  ];
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
    ...creators.flatMap(([name, role], index) => [
      ...element('dc:creator', name, ` id="creator-${index + 1}"`),
      `    <meta refines="#creator-${index + 1}" property="role" scheme="marc:relators">${role}</meta>`,
    ]),
    ...element('dc:language', metadata.lang),
    ...(metadata.date !== undefined && W3C_DATE.test(metadata.date) ? element('dc:date', metadata.date) : []),
    ...element('dc:publisher', metadata.publisher),
    ...element('dc:description', metadata.description),
    ...metadata.sources.flatMap((source) => element('dc:source', source)),
    ...metadata.subjects.flatMap((subject) => element('dc:subject', subject)),
    `    <meta property="dcterms:modified">${formatModified(metadata.modified)}</meta>`,
    ...accessibilityLines(metadata.accessibility),
    ...(metadata.coverImageId ? [`    <meta name="cover" content="${escapeXml(metadata.coverImageId)}"/>`] : []),
  ];
}

function accessibilityLines(accessibility: AccessibilityMetadata): string[] {
  const schema = (property: string, values: readonly string[]) =>
    values.map((value) => `    <meta property="schema:${property}">${escapeXml(value)}</meta>`);
  return [
    ...schema('accessMode', accessibility.accessModes),
    ...schema('accessModeSufficient', accessibility.accessModesSufficient),
    ...schema('accessibilityFeature', accessibility.features),
    ...schema('accessibilityHazard', accessibility.hazards),
    ...schema('accessibilitySummary', [accessibility.summary]),
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
  spine: readonly SpineItem[],
  guide: readonly GuideReference[] = [],
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
    // Right-to-left books turn their pages the other way.
    `  <spine toc="ncx"${textDirection(metadata.lang) === 'rtl' ? ' page-progression-direction="rtl"' : ''}>`,
    ...spine.map((item) => `    <itemref idref="${escapeXml(item.idref)}"${item.linear === false ? ' linear="no"' : ''}/>`),
    '  </spine>',
    ...(guide.length > 0
      ? [
          '  <guide>',
          ...guide.map((reference) => `    <reference type="${reference.type}" title="${escapeXml(reference.title)}" href="${escapeXml(reference.href)}"/>`),
          '  </guide>',
        ]
      : []),
    '</package>',
    '',
  ].join('\n');
}
