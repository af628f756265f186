import type {Element, Root} from 'hast';
import {toString} from 'hast-util-to-string';
import type {Plugin} from 'unified';
import {SKIP, visit} from 'unist-util-visit';
import type {VFile} from 'vfile';

export interface DatelineOptions {
  /** The page's language: its month and weekday names are read from Intl, beside English. */
  lang?: string;
}

/** A dateline is a line, not a paragraph: "Updated 5:27 am CST, Wednesday, November 20, 2019". */
const MAX_DATELINE_LENGTH = 100;

/** Words that introduce a date on a page, in the languages publishers most often use. */
const DATE_VERBS = [
  'published', 'updated', 'posted', 'modified', 'created', 'publicado', 'atualizado', 'actualizado', 'publié',
  'pubblicato', 'aggiornato', 'veröffentlicht', 'aktualisiert', 'gepubliceerd', 'bijgewerkt', 'opublikowano',
];

/** Small words that join the parts of a date: "22 de janeiro", "mis à jour le", "Nov. 20 at 1:35 a.m.", "07h15". */
const DATE_JOINERS = /^(?:on|at|last|first|date|mis|à|jour|am|um|de|às|a|le|du|of|the|st|nd|rd|th|h|[ap]m?|m)$/i;
/** "EST", "GMT", "PT": capitals only, so that a lower-case word is never taken for one. */
const TIME_ZONE = /^[A-Z]{2,4}$/;

/**
 * Languages whose month names are always known, whatever the page declares: pages often
 * declare "en" by template default while their dates are in the language of the text.
 */
const CALENDAR_LOCALES = ['en', 'de', 'fr', 'es', 'pt', 'it', 'nl'];

/** Blocks only: a date inside a sentence ("the meeting on <time>3 March</time>") is prose. */
const BLOCKS = new Set(['p', 'div', 'h2', 'h3', 'h4', 'h5', 'h6', 'li']);
const YEAR_OR_TIME = /\b(?:1[89]|20)\d\d\b|\b\d{1,2}[:.h]\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b/;

const calendarCache = new Map<string, string[]>();

/** Month and weekday names, long and short, of `locale`, split into lower-case words (cached: Intl is slow to ask). */
function calendarWords(locale: string): string[] {
  const cached = calendarCache.get(locale);
  if (cached) return cached;
  const words = readCalendarWords(locale);
  calendarCache.set(locale, words);
  return words;
}

function readCalendarWords(locale: string): string[] {
  let format: (options: Intl.DateTimeFormatOptions, date: Date) => string;
  try {
    const formatters = new Map<string, Intl.DateTimeFormat>();
    format = (options, date) => {
      const key = JSON.stringify(options);
      if (!formatters.has(key)) formatters.set(key, new Intl.DateTimeFormat(locale, {...options, timeZone: 'UTC'}));
      return formatters.get(key)!.format(date);
    };
  } catch {
    return [];
  }
  const names: string[] = [];
  for (let month = 0; month < 12; month++) {
    const date = new Date(Date.UTC(2021, month, 1));
    names.push(format({month: 'long'}, date), format({month: 'short'}, date), format({month: 'long', day: 'numeric'}, date));
  }
  for (let day = 0; day < 7; day++) {
    const date = new Date(Date.UTC(2021, 0, 3 + day));
    names.push(format({weekday: 'long'}, date), format({weekday: 'short'}, date));
  }
  return names.flatMap((name) => name.toLowerCase().match(/\p{L}+/gu) ?? []);
}

/** Month and weekday names (of the page's language and the common ones) and the verbs that announce a date. */
function makeIsDateAnchor(lang: string | undefined): (word: string) => boolean {
  const locales = lang ? [...CALENDAR_LOCALES, lang] : CALENDAR_LOCALES;
  const known = new Set([...DATE_VERBS, ...locales.flatMap(calendarWords)]);
  // A common short form that Intl spells "sep".
  known.add('sept');
  return (word) => known.has(word.toLowerCase());
}

/**
 * Remove blocks that only give the article's date ("Published 11:11 PM EST Nov 19, 2019",
 * "segunda-feira, 22 de janeiro de 2018 às 0:13"), with an optional "by NAME" on the end:
 * the date is in the Article's fields and the template prints it.
 */
export const rehypeRemoveDatelines: Plugin<[DatelineOptions?], Root> = function (options = {}) {
  const isDateAnchor = makeIsDateAnchor(options.lang);
  const isDateline = (text: string): boolean => {
    if (text.length === 0 || text.length > MAX_DATELINE_LENGTH || !YEAR_OR_TIME.test(text)) return false;
    const withoutByline = text.replace(/\s+by\s+[\p{L}.' -]{2,40}$/iu, '');
    const words = withoutByline.match(/\p{L}+/gu) ?? [];
    const anchored = words.some(isDateAnchor) || /\d{1,2}[./-]\d{1,2}[./-]\d{2,4}/.test(text);
    return anchored && words.every((word) => isDateAnchor(word) || DATE_JOINERS.test(word) || TIME_ZONE.test(word));
  };
  return (tree: Root, file: VFile) => {
    visit(tree, 'element', (element: Element, index, parent) => {
      if (!parent || index === undefined || !BLOCKS.has(element.tagName)) return;
      const text = toString(element).replace(/\s+/g, ' ').trim();
      if (!isDateline(text)) return;
      file.message(`Unexpected dateline “${text}” in the body, removed: the date is printed from the article's metadata`, {
        place: element.position,
        ruleId: 'dateline',
        source: 'pamphlet-clean',
      });
      parent.children.splice(index, 1);
      return [SKIP, index];
    });
  };
};
