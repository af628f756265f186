import {describe, expect, it} from 'vitest';
import {formatDate} from '../../src/render/context.js';

describe('formatDate', () => {
  it('writes the date in the article\'s language, each language its own way however they alternate', () => {
    const langs = ['en-GB', 'de', 'en-US', 'fr', 'en-GB', 'de'];
    expect(langs.map((lang) => formatDate('2018-09-04', lang))).toEqual([
      '4 September 2018',
      '4. September 2018',
      'September 4, 2018',
      '4 septembre 2018',
      '4 September 2018',
      '4. September 2018',
    ]);
  });

  it('keeps the day of a date given with a time, in UTC', () => {
    expect(formatDate('2018-09-04T23:30:00-05:00', 'en-GB')).toBe('5 September 2018');
  });

  it('falls back to English for a language tag Intl refuses, and leaves what is not a date as written', () => {
    expect(formatDate('2018-09-04', 'not a tag!')).toBe('September 4, 2018');
    expect(formatDate('no date given', 'en-GB')).toBe('no date given');
    expect(formatDate(undefined, 'en-GB')).toBeUndefined();
  });
});
