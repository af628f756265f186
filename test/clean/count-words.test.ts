import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {countWords} from '../../src/clean/html.js';

const SEGMENTER = new Intl.Segmenter(undefined, {granularity: 'word'});
const allWords = (text: string) => [...SEGMENTER.segment(text)].filter((segment) => segment.isWordLike).length;

// Mostly no words, so that the text runs over several of the parts countWords reads, yet
// often holds fewer words than asked for.
const token = fc.oneof(
  {weight: 1, arbitrary: fc.constantFrom('vote', 'Ünïcödé', '2024', '図書館の開館時間', 'x', '¿qué?', 'e-mail')},
  {weight: 12, arbitrary: fc.constantFrom('—', '…', '"', '', '\n', '* * *', '———————')},
);

describe('countWords', () => {
  it('counts as Intl.Segmenter does over the whole text, up to the number asked for', () => {
    fc.assert(
      fc.property(fc.array(token, {minLength: 200, maxLength: 1500}), fc.constantFrom(40, 100), (tokens, enough) => {
        const text = tokens.join(' ');
        expect(countWords(text, enough)).toBe(Math.min(enough, allWords(text)));
      }),
      {numRuns: 300},
    );
  });

  it('reads on past a long stretch without words', () => {
    const text = `${'— '.repeat(4000)}${'word '.repeat(50)}`;
    expect(countWords(text, 100)).toBe(50);
  });

  it('counts a long text in a script without spaces', () => {
    expect(countWords('市立図書館の開館時間が来月から延長されることになりました。'.repeat(300), 100)).toBe(100);
  });
});
