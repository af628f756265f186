import type {Root} from 'hast';
import {toHtml} from 'hast-util-to-html';
import type {Article} from '../article.js';

/** Scripts written right to left, for `dir="rtl"`. */
const RTL_LANGUAGES = new Set(['ar', 'arc', 'dv', 'fa', 'ha', 'he', 'khw', 'ks', 'ku', 'ps', 'sd', 'ur', 'yi']);

export function textDirection(lang: string): 'ltr' | 'rtl' {
  return RTL_LANGUAGES.has(lang.toLowerCase().split('-')[0] ?? '') ? 'rtl' : 'ltr';
}

/** "2018-09-04" → "4 September 2018" in the article's own language; UTC so the day never shifts. */
export function formatDate(iso: string | undefined, lang: string): string | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormat(lang).format(date);
}

/**
 * Date formats made so far, by language: making one takes 0.1-1 ms, formatting with it a
 * microsecond, and every article formats its date several times. Bounded against a batch of
 * pages that each declare another language.
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const MAX_DATE_FORMATS = 64;

function dateFormat(lang: string): Intl.DateTimeFormat {
  let format = dateFormats.get(lang);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat(lang, {dateStyle: 'long', timeZone: 'UTC'});
    } catch {
      format = new Intl.DateTimeFormat('en', {dateStyle: 'long', timeZone: 'UTC'});
    }
    if (dateFormats.size < MAX_DATE_FORMATS) dateFormats.set(lang, format);
  }
  return format;
}

/** "Ann", "Ann and Bo", "Ann, Bo and Cy" in the article's language. */
export function formatAuthors(authors: readonly string[], lang: string): string {
  try {
    return new Intl.ListFormat(lang, {style: 'long', type: 'conjunction'}).format(authors);
  } catch {
    return authors.join(', ');
  }
}

/** The variables a template sees: documented in templates/README.md. */
export interface TemplateContext {
  format: 'print' | 'epub';
  lang: string;
  dir: 'ltr' | 'rtl';
  title: string;
  subtitle?: string;
  authors: readonly string[];
  byline?: string;
  date?: string;
  dateText?: string;
  issue?: string;
  siteName?: string;
  sourceUrl?: string;
  leadImage?: Article['leadImage'];
  /** The typeset body as markup; output it with `{{ body | raw }}`. */
  body: string;
}

export function templateContext(article: Article, format: TemplateContext['format'], body: string): TemplateContext {
  return {
    format,
    lang: article.lang,
    dir: textDirection(article.lang),
    title: article.title,
    subtitle: article.subtitle,
    authors: article.authors,
    byline: article.authors.length > 0 ? formatAuthors(article.authors, article.lang) : undefined,
    date: article.date,
    dateText: formatDate(article.date, article.lang),
    issue: article.issue,
    siteName: article.siteName,
    sourceUrl: article.sourceUrl,
    // A caption without its picture (text dumps lose the image) describes nothing on the page.
    leadImage: article.leadImage?.src ? article.leadImage : undefined,
    body,
  };
}

/** The body's markup with one top-level block a line: the same page, and a diff a person can read. */
export function blocksToHtml(body: Root): string {
  return body.children.map((node) => toHtml(node)).join('\n');
}
