import {createRequire} from 'node:module';
import type {Element, Root, Text} from 'hast';
import {h} from 'hastscript';
import createHyphenator from 'hyphen';
import {unified} from 'unified';
import {describe, expect, it} from 'vitest';
import {hyphenatorFor, rehypeHyphenate} from '../../src/typeset/hyphenate.js';

const require = createRequire(import.meta.url);
const SHY = '\u00ad';

/** Hyphen itself, asked about each token, as the plugin once did for every token. */
function plainHyphenator(patternFile: string): (token: string) => string {
  return createHyphenator(require(`hyphen/patterns/${patternFile}.js`) as createHyphenator.PatternsDefinition, {minWordLength: 6}) as (token: string) => string;
}

function hyphenated(text: string, lang: string): string {
  const tree = unified().use(rehypeHyphenate, {lang}).runSync({type: 'root', children: [h('p', text)]} as Root);
  return ((tree.children[0] as Element).children[0] as Text).value;
}

const PROSE =
  'The neighbourhood association negotiated an extraordinary settlement; its representatives ' +
  'negotiated again (extraordinary!) with "representatives" of https://example.org/organisation ' +
  'about 2024-05-01, NEIGHBOURHOOD meetings and the association\u2019s neighbourhood.';

describe('rehypeHyphenate', () => {
  it('breaks each token as hyphen does, leaving URLs, numbers and capitals whole', () => {
    const plain = plainHyphenator('en-us');
    const expected = PROSE.replace(/\S+/g, (token) => (/[/@:\d]|^\p{Lu}{2,}/u.test(token) ? token : plain(token)));
    const first = hyphenated(PROSE, 'en');
    expect(first).toBe(expected);
    expect(first).toContain(`neigh${SHY}bour${SHY}hood`);
    expect(first).toContain('https://example.org/organisation');
    expect(first).toContain('NEIGHBOURHOOD');
    // The second time the tokens come from what was remembered, and must read the same.
    expect(hyphenated(PROSE, 'en')).toBe(first);
  });

  it('remembers per language: the same word breaks by its own patterns', () => {
    const english = hyphenatorFor('en')!;
    const german = hyphenatorFor('de')!;
    const word = 'Zusammenarbeit';
    expect(english(word)).toBe(plainHyphenator('en-us')(word));
    expect(german(word)).toBe(plainHyphenator('de-1996')(word));
    expect(german(word)).not.toBe(english(word));
  });

  it('returns short tokens as they are, and still breaks long words among punctuation', () => {
    const english = hyphenatorFor('en')!;
    expect(english('about')).toBe('about');
    // Six letters is the shortest word hyphen breaks.
    expect(english('action')).toBe(`ac${SHY}tion`);
    expect(english('(association),')).toBe(plainHyphenator('en-us')('(association),'));
    expect(english('(association),')).toContain(SHY);
  });
});
