import {createRequire} from 'node:module';
import type {Root} from 'hast';
import createHyphenator from 'hyphen';
import type {Plugin} from 'unified';
import {isHeading, textRuns} from './text-runs.js';

export interface HyphenateOptions {
  /** BCP 47 language of the text; picks the TeX patterns. */
  lang?: string;
}

const require = createRequire(import.meta.url);
type Hyphenator = (text: string) => string;

/** Words under 6 letters are not worth a break; TeX's own default minimum is similar. */
const MIN_WORD_LENGTH = 6;

/**
 * Tokens remembered per language. Hyphen reads every token a character at a time through its
 * own chain of checks, even a word it has seen (it caches only the breaking), and an article
 * repeats most of its words. With short tokens skipped and the rest remembered, typesetting
 * the 60 corpus pages for print took 7.3 ms a page in a fresh process instead of 8.6-9.7. When
 * full, the memory starts again, so a long batch holds no more than this.
 */
const REMEMBERED_TOKENS = 20_000;

/** Patterns are large: load each language once per process. */
const hyphenators = new Map<string, Hyphenator | undefined>();

/** Pattern files are named by language ("en-gb", "de-1996"); "en" alone means US English. */
function patternName(lang: string): string[] {
  const tag = lang.toLowerCase();
  const primary = tag.split('-')[0] ?? tag;
  const special: Record<string, string> = {en: 'en-us', de: 'de-1996', el: 'el-monoton', mn: 'mn-cyrl', sr: 'sr-cyrl', la: 'la'};
  return [tag, special[primary] ?? primary];
}

/**
 * The hyphenator of a language: a token (no white space) with soft hyphens inserted, or
 * undefined when no patterns are found for it.
 */
export function hyphenatorFor(lang: string): Hyphenator | undefined {
  if (hyphenators.has(lang)) return hyphenators.get(lang);
  let hyphenator: Hyphenator | undefined;
  for (const name of patternName(lang)) {
    try {
      const patterns = require(`hyphen/patterns/${name}.js`) as createHyphenator.PatternsDefinition;
      hyphenator = remembering(createHyphenator(patterns, {minWordLength: MIN_WORD_LENGTH}) as Hyphenator);
      break;
    } catch {
      continue;
    }
  }
  hyphenators.set(lang, hyphenator);
  return hyphenator;
}

/**
 * `hyphenate` for single tokens, remembering what it gave. A token shorter than the shortest
 * word hyphen breaks is returned as it is without asking: it can hold no such word.
 */
function remembering(hyphenate: Hyphenator): Hyphenator {
  const remembered = new Map<string, string>();
  return (token) => {
    if (token.length < MIN_WORD_LENGTH) return token;
    let result = remembered.get(token);
    if (result === undefined) {
      if (remembered.size >= REMEMBERED_TOKENS) remembered.clear();
      result = hyphenate(token);
      remembered.set(token, result);
    }
    return result;
  };
}

/** A token that must not be broken: URLs, e-mail addresses, numbers, words in capitals. */
const UNBREAKABLE = /^(?:\S*[/@:]\S*|\S*\d\S*|[\p{Lu}]{2,}\S*)$/u;

/**
 * Insert soft hyphens (U+00AD) from TeX patterns, for print only: Chromium has no hyphenation
 * dictionaries on Linux, so `hyphens: auto` does nothing there. Headings are left whole.
 */
export const rehypeHyphenate: Plugin<[HyphenateOptions?], Root> = function (options = {}) {
  const hyphenate = hyphenatorFor(options.lang ?? 'en');
  return (tree: Root) => {
    if (!hyphenate) return;
    for (const run of textRuns(tree)) {
      if (isHeading(run.block)) continue;
      for (const node of run.nodes) {
        node.value = node.value.replace(/\S+/g, (token) => (UNBREAKABLE.test(token) ? token : hyphenate(token)));
      }
    }
  };
};
