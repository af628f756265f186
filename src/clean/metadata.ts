/**
 * Page metadata, read before Readability touches the DOM: JSON-LD (`NewsArticle` and kin),
 * then OpenGraph and `meta` tags, then the page itself. Earlier sources win.
 */
export interface PageMetadata {
  title?: string;
  /** A standfirst the page declares as one (JSON-LD `alternativeHeadline`). */
  standfirst?: string;
  /** The page's summary for search and sharing: a standfirst, or often just its first paragraph. */
  description?: string;
  authors: string[];
  date?: string;
  siteName?: string;
  lang?: string;
  canonicalUrl?: string;
  image?: string;
}

const ARTICLE_TYPES = new Set([
  'Article',
  'NewsArticle',
  'ReportageNewsArticle',
  'AnalysisNewsArticle',
  'OpinionNewsArticle',
  'BlogPosting',
  'Report',
  'ScholarlyArticle',
]);

type Json = unknown;

function asArray(value: Json): Json[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function text(value: Json): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (value && typeof value === 'object' && 'name' in value) return text((value as {name: Json}).name);
  return undefined;
}

function isArticleNode(node: Json): node is Record<string, Json> {
  if (!node || typeof node !== 'object') return false;
  return asArray((node as Record<string, Json>)['@type']).some((type) => typeof type === 'string' && ARTICLE_TYPES.has(type));
}

function findArticleNode(data: Json): Record<string, Json> | undefined {
  for (const node of asArray(data)) {
    if (isArticleNode(node)) return node;
    if (node && typeof node === 'object' && '@graph' in node) {
      const found = findArticleNode((node as {'@graph': Json})['@graph']);
      if (found) return found;
    }
  }
  return undefined;
}

function imageUrl(value: Json): string | undefined {
  const first = asArray(value)[0];
  if (typeof first === 'string') return first;
  if (first && typeof first === 'object' && 'url' in first) return text((first as {url: Json}).url);
  return undefined;
}

function fromJsonLd(document: Document): Partial<PageMetadata> {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let data: Json;
    try {
      // Some CMSs wrap the JSON in a CDATA section, as if the page were XHTML.
      data = JSON.parse((script.textContent ?? '').replace(/^\s*(?:\/\/\s*)?<!\[CDATA\[|(?:\/\/\s*)?\]\]>\s*$/g, ''));
    } catch {
      continue;
    }
    const node = findArticleNode(data);
    if (!node) continue;
    const mainEntity = node['mainEntityOfPage'];
    return {
      title: text(node['headline']) ?? text(node['name']),
      standfirst: text(node['alternativeHeadline']),
      description: text(node['description']),
      authors: asArray(node['author']).map(text).filter((name): name is string => Boolean(name)),
      date: text(node['datePublished']),
      siteName: text(node['publisher']),
      lang: text(node['inLanguage']),
      canonicalUrl: text(node['url']) ?? (typeof mainEntity === 'string' ? mainEntity : text((mainEntity as {'@id'?: Json})?.['@id'])),
      image: imageUrl(node['image']),
    };
  }
  return {authors: []};
}

/**
 * Each `<meta>` key (its `property` or its `name`) → the first element, in document order, that
 * has it, as `querySelector('meta[property="key"], meta[name="key"]')` would find it. Made in
 * one pass: a selector query walks the whole page, and a page's metadata asks for 20 keys.
 */
function metaElements(document: Document): Map<string, Element> {
  const byKey = new Map<string, Element>();
  for (const element of document.querySelectorAll('meta')) {
    for (const attribute of ['property', 'name']) {
      const key = element.getAttribute(attribute);
      if (key !== null && !byKey.has(key)) byKey.set(key, element);
    }
  }
  return byKey;
}

/** The content of the first of `keys` whose first element has some. */
function meta(elements: Map<string, Element>, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const content = elements.get(key)?.getAttribute('content')?.trim();
    if (content) return content;
  }
  return undefined;
}

/** Degrees and suffixes that follow a name after a comma: "Jane Doe, MD" is one author. */
const NAME_SUFFIX = /^(?:MA|MD|PhD|RN|MS|MSc|BSc|MPH|MBA|DO|DDS|FRCP|Jr\.?|Sr\.?|II|III|IV|Esq\.?)$/i;

/** A byline string as people write it: "By Jane Doe and Sam Roe" → ["Jane Doe", "Sam Roe"]. */
export function splitAuthors(byline: string): string[] {
  return byline
    .replace(/^\s*by\s+/i, '')
    .split(/\s*(?:,|&|\band\b)\s*/i)
    .map((name) => name.trim())
    .filter((name) => name.length > 0 && !/^https?:/.test(name) && !NAME_SUFFIX.test(name));
}

/** Normalise a date to ISO 8601: keep a full timestamp, or `YYYY-MM-DD` when only a day is known. */
export function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return trimmed;
  const parsed = new Date(trimmed);
  if (Number.isNaN(parsed.getTime())) return undefined;
  if (/T\d{2}:\d{2}/.test(trimmed)) return parsed.toISOString().replace('.000Z', 'Z');
  // A day without a time ("4 September 2018") parses as local midnight: keep its calendar
  // day, which toISOString would shift back a day east of UTC.
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${parsed.getFullYear()}-${pad(parsed.getMonth() + 1)}-${pad(parsed.getDate())}`;
}

const TITLE_SEPARATORS = /\s+[|\-–—:•·»]\s+/;

/** "Headline | Site Name" → "Headline", only when one side of the separator is the site's name. */
export function stripSiteName(title: string, siteName: string | undefined): string {
  const parts = title.split(TITLE_SEPARATORS);
  if (parts.length < 2) return title.trim();
  const last = parts.at(-1)?.trim() ?? '';
  const first = parts[0]?.trim() ?? '';
  const site = siteName?.toLowerCase();
  if (site && last.toLowerCase() === site) return parts.slice(0, -1).join(' | ').trim();
  if (site && first.toLowerCase() === site) return parts.slice(1).join(' | ').trim();
  // Without a known site name, a short trailing part after " | " is almost always the site.
  if (!site && / \| /.test(title) && last.split(/\s+/).length <= 4) return title.slice(0, title.lastIndexOf(' | ')).trim();
  return title.trim();
}

/** Short enough to be a name, not a bio. */
const MAX_AUTHOR_LENGTH = 60;

/** Authors the page marks up in its byline: `rel="author"` links, microdata `itemprop="author"`. */
function pageAuthors(document: Document): string[] {
  const marked = document.querySelectorAll('a[rel~="author"], [itemprop="author"] [itemprop="name"], [itemprop="author"]:not(:has([itemprop="name"]))');
  const names = [...marked].map((element) => element.textContent?.replace(/\s+/g, ' ').trim() ?? '').filter((name) => name && name.length <= MAX_AUTHOR_LENGTH);
  return [...new Set(names.flatMap(splitAuthors))];
}

export function readMetadata(document: Document): PageMetadata {
  const ld = fromJsonLd(document);
  const metas = metaElements(document);
  const siteName = ld.siteName ?? meta(metas, 'og:site_name', 'application-name');
  // A saved fragment has no <title>: its first top-level heading is the next best thing.
  const rawTitle =
    ld.title ??
    meta(metas, 'og:title', 'twitter:title') ??
    (document.querySelector('title')?.textContent?.trim() || document.querySelector('h1')?.textContent?.trim() || undefined);
  const metaAuthor = meta(metas, 'author', 'article:author', 'parsely-author', 'sailthru.author');
  const authors = ld.authors?.length
    ? ld.authors
    : metaAuthor && !/^https?:/.test(metaAuthor)
      ? splitAuthors(metaAuthor)
      : pageAuthors(document);
  return {
    title: rawTitle ? stripSiteName(rawTitle.replace(/\s+/g, ' '), siteName) : undefined,
    standfirst: ld.standfirst,
    description: ld.description ?? meta(metas, 'og:description', 'description', 'twitter:description'),
    authors,
    date: isoDate(ld.date ?? meta(metas, 'article:published_time', 'datePublished', 'date', 'pubdate', 'dc.date')),
    siteName,
    lang: ld.lang ?? document.documentElement?.getAttribute('lang') ?? meta(metas, 'og:locale')?.replace('_', '-') ?? undefined,
    canonicalUrl: document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? meta(metas, 'og:url') ?? ld.canonicalUrl,
    image: ld.image ?? meta(metas, 'og:image', 'twitter:image'),
  };
}
