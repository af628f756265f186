// Title, byline and date against readability-dev's expected metadata. That file is
// Readability's own output, not checked by hand, so a mismatch is a lead, not a verdict.
import {existsSync, readFileSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {READABILITY_DEV} from './paths.mjs';

const normalise = (text) =>
  (text ?? '')
    .normalize('NFKC')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

function names(byline) {
  return normalise(byline)
    .replace(/^by\s+/, '')
    .split(/\s*(?:,|&|\band\b)\s*/)
    .filter(Boolean)
    .sort();
}

/** The same instant, or the same calendar day when either side gives only a day. */
function sameDate(ours, expected) {
  if (!ours) return false;
  const a = new Date(ours);
  const b = new Date(expected.replace(' ', 'T').replace(/\.\d+$/, ''));
  if (Number.isNaN(a.getTime()) || Number.isNaN(b.getTime())) return false;
  const dayOnly = /^\d{4}-\d{2}-\d{2}$/.test(ours) || /^\d{4}-\d{2}-\d{2}$/.test(expected);
  return dayOnly ? ours.slice(0, 10) === expected.slice(0, 10) : a.getTime() === b.getTime();
}

export function metadataPages() {
  return readdirSync(READABILITY_DEV)
    .filter((name) => existsSync(path.join(READABILITY_DEV, name, 'expected-metadata.json')))
    .sort()
    .map((name) => ({
      name,
      file: path.join(READABILITY_DEV, name, 'source.html'),
      expected: JSON.parse(readFileSync(path.join(READABILITY_DEV, name, 'expected-metadata.json'), 'utf8')),
    }));
}

/**
 * Compares each field the expected file gives (a null field is not scored).
 * Returns per-field {matched, scored} and the mismatches as lines to print.
 */
export function compareMetadata(pages, articleOf) {
  const fields = {title: {matched: 0, scored: 0}, byline: {matched: 0, scored: 0}, date: {matched: 0, scored: 0}};
  const mismatches = [];
  const check = (page, field, ok, ours, expected) => {
    fields[field].scored++;
    if (ok) fields[field].matched++;
    else mismatches.push(`${page.name} ${field}: ours ${JSON.stringify(ours)}, expected ${JSON.stringify(expected)}`);
  };
  for (const page of pages) {
    const article = articleOf(page);
    const {title, byline, publishedTime} = page.expected;
    if (title) check(page, 'title', normalise(article?.title) === normalise(title), article?.title, title);
    if (byline) check(page, 'byline', names(byline).join('|') === (article?.authors ?? []).map(normalise).sort().join('|'), article?.authors, byline);
    if (publishedTime) check(page, 'date', sameDate(article?.date, publishedTime), article?.date, publishedTime);
  }
  return {fields, mismatches};
}
