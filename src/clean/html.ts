import {Readability} from '@mozilla/readability';
import type {Root} from 'hast';
import {toString} from 'hast-util-to-string';
import {parseHTML} from 'linkedom';
import {unified} from 'unified';
import type {VFile} from 'vfile';
import type {Article, ArticleSource} from '../article.js';
import {PamphletError} from '../errors.js';
import {htmlRules} from './html-rules.js';
import {takeLeadImage} from './lead-image.js';
import {readMetadata, splitAuthors, isoDate, stripSiteName} from './metadata.js';
import {carryEmbeddedPosts} from './rules/embedded-posts.js';
import {carryPullQuotes} from './rules/pull-quotes.js';
import {opensWith} from './rules/repeated-header.js';
import {parseHtmlFragment} from '../html-fragment.js';
import {isUrl} from '../ingest/fetch-url.js';
import {normaliseText} from './normalise.js';

/** Fewer words than this is a teaser, a login wall or a home page, not an article. */
const MIN_ARTICLE_WORDS = 40;
/** Fewer words than this is an article, but likely the part of it a paywall lets through. */
const FULL_ARTICLE_WORDS = 100;

const WORDS = new Intl.Segmenter(undefined, {granularity: 'word'});

/**
 * Words as the language counts them (Japanese or Chinese text has no spaces between words),
 * up to `enough`. `Intl.Segmenter` copies all of the text it is given, however early the loop
 * stops (6 ms for an 80 kB page), so it is given the text a part at a time, each large enough
 * for `enough` words of any script and ending after a space where there is one.
 */
export function countWords(text: string, enough = MIN_ARTICLE_WORDS): number {
  let count = 0;
  for (let start = 0; start < text.length; ) {
    let end = Math.min(text.length, start + enough * 24);
    const space = text.lastIndexOf(' ', end - 1);
    if (end < text.length && space > start) end = space + 1;
    for (const segment of WORDS.segment(text.slice(start, end))) if (segment.isWordLike && ++count >= enough) return count;
    start = end;
  }
  return count;
}

function noArticle(source: ArticleSource, why: string): PamphletError {
  return new PamphletError(
    'E_NO_ARTICLE',
    `${source.path}: no article found in the page (${why}); give the article's own page, not a home page or login wall`,
    {input: source.path},
  );
}

/**
 * A saved web page → Article: metadata first (Readability mutates the DOM), then Readability
 * finds the article, then our rules remove what it keeps.
 */
export function cleanHtml(html: string, source: ArticleSource, file: VFile): Article {
  // linkedom builds no <body> for a bare fragment ("<p>…</p><p>…</p>", a saved selection).
  const {document} = parseHTML(/<(?:html|body)[\s>]/i.test(html) ? html : `<!doctype html><html><body>${html}</body></html>`);
  const metadata = readMetadata(document as unknown as Document);
  // Readability deletes asides and "social" boxes: pull quotes and quoted posts are carried
  // past it as plain blockquotes.
  carryPullQuotes(document as unknown as Document);
  carryEmbeddedPosts(document as unknown as Document);
  const result = new Readability(document as unknown as Document, {keepClasses: true}).parse();
  const found = countWords(result?.textContent ?? '');
  if (!result?.content || found < MIN_ARTICLE_WORDS) throw noArticle(source, `${found} words of text`);

  const title = metadata.title ?? (result.title ? stripSiteName(result.title, metadata.siteName) : undefined);
  const authors = metadata.authors.length > 0 ? metadata.authors : result.byline ? splitAuthors(result.byline) : [];
  const lang = metadata.lang ?? result.lang ?? 'en';

  // A declared standfirst is printed as the subtitle, so the body's copy of it goes. Some pages
  // declare their headline again as the standfirst: that is no subtitle.
  const standfirst = metadata.standfirst !== undefined && !sameText(metadata.standfirst, title) ? metadata.standfirst : undefined;
  const processor = unified().use(htmlRules({title, standfirst, authors, lang}));
  // Readability re-serialises the page, so positions in its output would point at the wrong
  // lines of the input: messages about the body carry none rather than wrong ones.
  const tree = parseHtmlFragment(result.content);
  const body = processor.runSync(tree, file) as Root;
  const kept = countWords(toString(body), FULL_ARTICLE_WORDS);
  if (kept < MIN_ARTICLE_WORDS) throw noArticle(source, `${kept} words of text are left once links, menus and prompts are removed`);
  if (kept < FULL_ARTICLE_WORDS) {
    file.message(`Expected a full article, found ${kept} words: the page may show only a teaser (a login wall or a paywall)`, {
      ruleId: 'short-article',
      source: 'pamphlet-clean',
    });
  }

  // A page's description is often its first paragraph: then it is body text, not a standfirst.
  // (Readability's excerpt is never used: without a description it is the first paragraph.)
  const {description} = metadata;
  const subtitle = standfirst ?? (description && !sameText(description, title) && !opensWith(body, description) ? description : undefined);
  if (!title) {
    file.message('Expected a title in the page (JSON-LD, og:title or <title>), found none', {ruleId: 'no-title', source: 'pamphlet-clean'});
  }
  const date = metadata.date ?? isoDate(result.publishedTime ?? undefined);
  return {
    title: title ?? toString(body.children.find((node) => node.type === 'element') ?? body).trim().slice(0, 60),
    subtitle,
    authors,
    date,
    siteName: metadata.siteName ?? result.siteName ?? undefined,
    lang,
    // A page fetched from a URL without a canonical link is known by the URL it came from.
    sourceUrl: metadata.canonicalUrl ?? (isUrl(source.path) ? source.path : undefined),
    leadImage: takeLeadImage(body),
    body,
    warnings: file.messages,
    source,
  };
}

/** The same words, whatever the spacing and case. */
function sameText(a: string, b: string | undefined): boolean {
  return b !== undefined && normaliseText(a) === normaliseText(b);
}
