import type {Root} from 'hast';
import {retext} from 'retext';
import retextSmartypants from 'retext-smartypants';
import type {Options as SmartypantsOptions} from 'retext-smartypants';
import type {Plugin} from 'unified';
import {textRuns} from './text-runs.js';

export interface SmartQuotesOptions {
  /** BCP 47 language of the text; picks the quotation marks. */
  lang?: string;
}

type QuotePair = Pick<SmartypantsOptions, 'openingQuotes' | 'closingQuotes'>;

/** Primary and secondary quotation marks by language (CLDR delimiters). */
const QUOTES: Record<string, QuotePair> = {
  de: {openingQuotes: {double: '„', single: '‚'}, closingQuotes: {double: '“', single: '‘'}},
  fr: {openingQuotes: {double: '«\u202f', single: '‹\u202f'}, closingQuotes: {double: '\u202f»', single: '\u202f›'}},
  es: {openingQuotes: {double: '«', single: '“'}, closingQuotes: {double: '»', single: '”'}},
  it: {openingQuotes: {double: '«', single: '“'}, closingQuotes: {double: '»', single: '”'}},
  nl: {openingQuotes: {double: '“', single: '‘'}, closingQuotes: {double: '”', single: '’'}},
  pl: {openingQuotes: {double: '„', single: '«'}, closingQuotes: {double: '”', single: '»'}},
  sv: {openingQuotes: {double: '”', single: '’'}, closingQuotes: {double: '”', single: '’'}},
};

/**
 * Curly quotes, dashes and ellipses (retext-smartypants), language-aware. Quotes are decided
 * on the whole block's text so an <em> inside a quotation does not confuse them; text that
 * is already typographic passes through unchanged.
 */
export const rehypeSmartQuotes: Plugin<[SmartQuotesOptions?], Root> = function (options = {}) {
  const primary = options.lang?.toLowerCase().split('-')[0] ?? 'en';
  const marks = QUOTES[primary] ?? {};
  // Quote characters only: for French the marks carry a narrow space, so lengths may change.
  const quotes = retext().use(retextSmartypants, {...marks, dashes: false, ellipses: false, backticks: false});
  const punctuation = retext().use(retextSmartypants, {quotes: false, backticks: false, dashes: true, ellipses: true});

  return (tree: Root) => {
    for (const run of textRuns(tree)) {
      // An apostrophe inside a word is always ’, whatever the language's quotation marks are
      // (smartypants would take it for a closing single quote: German „weren‘t“).
      for (const node of run.nodes) node.value = node.value.replace(/(?<=\p{L})'(?=\p{L})/gu, '’');
      const joined = run.nodes.map((node) => node.value).join('');
      if (/["']/.test(joined)) {
        const quoted = String(quotes.processSync(joined));
        const oneToOne = quoted.length === joined.length;
        let offset = 0;
        for (const node of run.nodes) {
          const length = node.value.length;
          node.value = oneToOne ? quoted.slice(offset, offset + length) : String(quotes.processSync(node.value));
          offset += length;
        }
      }
      for (const node of run.nodes) {
        if (/--|\.\.\./.test(node.value)) node.value = String(punctuation.processSync(node.value));
      }
    }
  };
};
