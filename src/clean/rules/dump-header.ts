import type {ArticleImage} from '../../article.js';
import {splitCredit} from '../credit.js';
import {splitAuthors} from '../metadata.js';

/*
 * The lines above a text dump's body that carry the article's metadata: byline, issue, date,
 * and the lead photo's alt text and caption. Each function takes one trimmed,
 * whitespace-collapsed line and returns what it holds, or undefined when the line is not one.
 */

export function wordCount(line: string): number {
  return line.split(' ').filter(Boolean).length;
}

/**
 * Headlines are short and, unlike prose, do not end in a full stop or a clause mark. Three
 * words at least, so that a site name or section label ("Socialist Worker", "News") is not one.
 */
export function looksLikeHeadline(line: string): boolean {
  const words = wordCount(line);
  return words >= 3 && words <= 25 && !/[.,;:]$/.test(line);
}

/** "Jane Doe", "Maria de la Cruz": a few words, capitalised at both ends, no digits. */
function looksLikeName(text: string): boolean {
  const words = text.split(' ');
  return words.length <= 5 && !/\d/.test(text) && /^\p{Lu}/u.test(words[0] ?? '') && /^\p{Lu}/u.test(words.at(-1) ?? '');
}

/**
 * "By Jane Doe and Sam Roe" → ["Jane Doe", "Sam Roe"]. Parts that are not names, such as a
 * role after a comma ("By Jane Doe, health correspondent"), are left out; a line with no
 * name, or that reads as a sentence ("By Friday, most had voted."), is not a byline.
 */
export function parseByline(line: string): string[] | undefined {
  if (!/^by /i.test(line) || /[.!?]$/.test(line) || wordCount(line) > 12) return undefined;
  const names = splitAuthors(line).filter(looksLikeName);
  return names.length > 0 ? names : undefined;
}

const ISSUE_LINE = /^(?:Issue|Edition) (?:No\.? ?)?(\d+)$/i;
const ISSUE_ANYWHERE = /\bIssue (?:No\.? ?)?(\d+)\b/i;

/** "Issue 2621" → "2621". */
export function parseIssueLine(line: string): string | undefined {
  return ISSUE_LINE.exec(line)?.[1];
}

/** The issue number inside a longer line: "Downloading PDF. Please wait... Issue 2621" → "2621". */
export function issueIn(line: string): string | undefined {
  return ISSUE_ANYWHERE.exec(line)?.[1];
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** "September", "Sep", "Sept" → 8; -1 for anything else. */
function monthIndex(name: string): number {
  const lower = name.toLowerCase();
  return MONTHS.findIndex((month) => lower === month || lower === month.slice(0, 3) || (lower === 'sept' && month === 'september'));
}

const MONTH = '([A-Za-z]{3,9})\\.?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const DATE_LINE = new RegExp(
  '^(?:(Published|Posted|First published|(?:Last )?updated|Modified)(?: on)?:? )?' +
    '(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? )?' +
    `(?:${DAY} ${MONTH},? (\\d{4})|${MONTH} ${DAY},? (\\d{4}))` +
    // An optional time of day, as pages print it: "10.30", ", 10:30 am", "at 10:30 BST".
    '(?:,? (?:at )?\\d{1,2}[.:]\\d{2}(?: ?[ap]m)?(?: [A-Z]{2,5})?)?$',
  'i',
);

function isoDay(year: string, month: string, day: string): string | undefined {
  const index = monthIndex(month);
  if (index < 0) return undefined;
  const date = new Date(Date.UTC(Number(year), index, Number(day)));
  // Date.UTC rolls 31 April over to 1 May; a day that does not exist is not a date line.
  if (date.getUTCMonth() !== index || date.getUTCDate() !== Number(day)) return undefined;
  return date.toISOString().slice(0, 10);
}

/**
 * A line that is only a date, with an optional "Published"/"Updated" label, weekday and time:
 * "Published 4 September 2018", "Tuesday 4 September 2018", "Sept 4, 2018 at 10:30 BST".
 * Returns the day in ISO 8601, and whether the line gives the last update rather than the
 * publication. Parsed by hand, not by `Date`, so that the day does not depend on the time zone.
 */
export function parseDateLine(line: string): {date: string; updated: boolean} | undefined {
  const match = DATE_LINE.exec(line);
  if (!match) return undefined;
  const [, label, day1, month1, year1, month2, day2, year2] = match;
  const date = day1 && month1 && year1 ? isoDay(year1, month1, day1) : month2 && day2 && year2 ? isoDay(year2, month2, day2) : undefined;
  if (!date) return undefined;
  return {date, updated: /updated|modified/i.test(label ?? '')};
}

/**
 * A photo as a text dump keeps it: the image's alt text on one line, then the caption, which
 * repeats the alt text, adds to it and ends in a credit ("… this week (Pic: Jane Doe)").
 * The image itself is lost, so there is no `src`.
 */
export function parsePhoto(altLine: string, captionLine: string): ArticleImage | undefined {
  if (!captionLine.startsWith(altLine)) return undefined;
  const {caption, credit} = splitCredit(captionLine);
  if (!credit) return undefined;
  return {alt: altLine, caption, credit};
}

/** A caption with a credit and no alt-text line before it. `alt` is empty: it is never invented. */
export function parseLoneCaption(line: string): ArticleImage | undefined {
  const {caption, credit} = splitCredit(line);
  return credit ? {alt: '', caption, credit} : undefined;
}
