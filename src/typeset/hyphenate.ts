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

/** Patterns are large: load each language once per process. */
const hyphenators = new Map<string, Hyphenator | undefined>();

/** Pattern files are named by language ("en-gb", "de-1996"); "en" alone means US English. */
function patternName(lang: string): string[] {
  const tag = lang.toLowerCase();
  const primary = tag.split('-')[0] ?? tag;
  const special: Record<string, string> = {en: 'en-us', de: 'de-1996', el: 'el-monoton', mn: 'mn-cyrl', sr: 'sr-cyrl', la: 'la'};
  return [tag, special[primary] ?? primary];
}

export function hyphenatorFor(lang: string): Hyphenator | undefined {
  if (hyphenators.has(lang)) return hyphenators.get(lang);
  let hyphenator: Hyphenator | undefined;
  for (const name of patternName(lang)) {
    try {
      const patterns = require(`hyphen/patterns/${name}.js`) as createHyphenator.PatternsDefinition;
      // Words under 6 letters are not worth a break; TeX's own default minimum is similar.
      hyphenator = createHyphenator(patterns, {minWordLength: 6}) as Hyphenator;
      break;
    } catch {
      continue;
    }
  }
  hyphenators.set(lang, hyphenator);
  return hyphenator;
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
