import type {Root} from 'hast';
import {unified} from 'unified';
import type {VFile} from 'vfile';
import type {Article} from '../article.js';
import {rehypeBreakUrls} from './break-urls.js';
import {rehypeEndnotes} from './endnotes.js';
import {rehypeHyphenate} from './hyphenate.js';
import {rehypeSmartQuotes} from './smart-quotes.js';

export type TypesetTarget = 'print' | 'epub';

/**
 * The typesetting preset for a target. Smart quotes run before hyphenation because soft
 * hyphens inside words would hide apostrophes' neighbours from smartypants. EPUB gets no
 * soft hyphens: readers hyphenate (or not) themselves, and Kindle shows stray ones; and it
 * keeps its links, which paper cannot. Endnotes run after hyphenation so the addresses
 * they print carry no soft hyphens, and URL breaking runs last so it sees those addresses.
 */
function preset(article: Article, target: TypesetTarget) {
  const processor = unified().use(rehypeSmartQuotes, {lang: article.lang});
  if (target === 'print') {
    processor.use(rehypeHyphenate, {lang: article.lang}).use(rehypeEndnotes, {lang: article.lang}).use(rehypeBreakUrls);
  }
  return processor;
}

/** Typeset a copy of the article's body (and its title-block text) for one target. */
export function typeset(article: Article, target: TypesetTarget, file: VFile): Article {
  const body = preset(article, target).runSync(structuredClone(article.body), file) as Root;
  return {...article, body};
}

export {rehypeBreakUrls, urlBreakPoints} from './break-urls.js';
export {rehypeEndnotes} from './endnotes.js';
export {rehypeHyphenate} from './hyphenate.js';
export {rehypeSmartQuotes} from './smart-quotes.js';
