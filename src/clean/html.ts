import {Readability} from '@mozilla/readability';
import type {Root} from 'hast';
import {fromHtml} from 'hast-util-from-html';
import {toString} from 'hast-util-to-string';
import {parseHTML} from 'linkedom';
import rehypeMinifyWhitespace from 'rehype-minify-whitespace';
import rehypeSanitize from 'rehype-sanitize';
import {unified} from 'unified';
import {removePosition} from 'unist-util-remove-position';
import type {VFile} from 'vfile';
import type {Article, ArticleSource} from '../article.js';
import {PamphletError} from '../errors.js';
import {takeLeadImage} from './lead-image.js';
import {readMetadata, splitAuthors, isoDate, stripSiteName} from './metadata.js';
import {rehypeRemoveCallsToAction} from './rules/call-to-action.js';
import {rehypeRemoveChromeBlocks} from './rules/chrome-blocks.js';
import {rehypeRemoveRepeatedHeader} from './rules/repeated-header.js';
import {rehypeUnwrapContainers} from './rules/unwrap-containers.js';
import {articleSchema} from './sanitize.js';

/** Fewer words than this is a teaser, a login wall or a home page, not an article. */
const MIN_ARTICLE_WORDS = 40;

/**
 * A saved web page → Article: metadata first (Readability mutates the DOM), then Readability
 * finds the article, then our rules remove what it keeps.
 */
export function cleanHtml(html: string, source: ArticleSource, file: VFile): Article {
  const {document} = parseHTML(html);
  const metadata = readMetadata(document as unknown as Document);
  const result = new Readability(document as unknown as Document, {keepClasses: true, charThreshold: 200}).parse();
  const wordCount = (result?.textContent ?? '').split(/\s+/).filter(Boolean).length;
  if (!result?.content || wordCount < MIN_ARTICLE_WORDS) {
    throw new PamphletError(
      'E_NO_ARTICLE',
      `${source.path}: no article found in the page (${wordCount} words of text); give the article's own page, not a home page or login wall`,
      {input: source.path},
    );
  }

  const title = metadata.title ?? (result.title ? stripSiteName(result.title, metadata.siteName) : undefined);
  const authors = metadata.authors.length > 0 ? metadata.authors : result.byline ? splitAuthors(result.byline) : [];
  // Readability's excerpt is not a standfirst: without a description it is the first paragraph.
  const subtitle = metadata.subtitle;

  // Order matters: chrome blocks are found by the class names of their containers, so they
  // go before the containers are unwrapped; the header and CTA rules read the flat body.
  const processor = unified()
    .use(rehypeRemoveChromeBlocks)
    .use(rehypeUnwrapContainers)
    .use(rehypeRemoveCallsToAction)
    .use(rehypeRemoveRepeatedHeader, {title, subtitle, authors})
    .use(rehypeSanitize, articleSchema)
    .use(rehypeMinifyWhitespace);
  // Readability re-serialises the page, so positions in its output would point at the wrong
  // lines of the input: messages about the body carry none rather than wrong ones.
  const tree = fromHtml(result.content, {fragment: true});
  removePosition(tree, {force: true});
  const body = processor.runSync(tree, file) as Root;

  if (!title) {
    file.message('Expected a title in the page (JSON-LD, og:title or <title>), found none', {ruleId: 'no-title', source: 'pamphlet-clean'});
  }
  const date = metadata.date ?? isoDate(result.publishedTime ?? undefined);
  return {
    title: title ?? toString(body).slice(0, 60),
    subtitle: subtitle && subtitle !== title ? subtitle : undefined,
    authors,
    date,
    siteName: metadata.siteName ?? result.siteName ?? undefined,
    lang: metadata.lang ?? result.lang ?? 'en',
    sourceUrl: metadata.canonicalUrl,
    leadImage: takeLeadImage(body),
    body,
    warnings: file.messages,
    source,
  };
}
