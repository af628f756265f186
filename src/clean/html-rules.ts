import rehypeMinifyWhitespace from 'rehype-minify-whitespace';
import rehypeSanitize from 'rehype-sanitize';
import type {Preset} from 'unified';
import {rehypeRemoveAuthorBio} from './rules/author-bio.js';
import {rehypeRemoveCallsToAction} from './rules/call-to-action.js';
import {rehypeCaptionFigures} from './rules/caption-figures.js';
import {rehypeRemoveChromeBlocks} from './rules/chrome-blocks.js';
import {rehypeRemoveDatelines} from './rules/dateline.js';
import {rehypeRemoveDuplicateBlocks} from './rules/duplicate-blocks.js';
import {rehypeRemoveEmptyBlocks} from './rules/empty-blocks.js';
import {rehypeRemoveLinkLists} from './rules/link-lists.js';
import {rehypePullQuotes} from './rules/pull-quotes.js';
import {rehypeRemoveRepeatedHeader} from './rules/repeated-header.js';
import {rehypeRemoveScreenReaderText} from './rules/screen-reader-text.js';
import {rehypeRemoveUiLabels} from './rules/ui-labels.js';
import {rehypeUnwrapContainers} from './rules/unwrap-containers.js';
import {articleSchema} from './sanitize.js';

export interface HtmlRulesOptions {
  title?: string;
  /** A standfirst the page declares: its copy at the top of the body is removed. */
  standfirst?: string;
  authors: readonly string[];
  /** The page's language, for the month names of its datelines. */
  lang: string;
}

/**
 * What runs on Readability's output, in order. Readability keeps the page's class names, so
 * the rules that read them come first, while the containers they name still exist; the
 * containers are then unwrapped, and the rules that read lines see the body as a reader does:
 * a flat run of paragraphs, headings and figures.
 */
export function htmlRules(options: HtmlRulesOptions): Preset {
  return {
    plugins: [
      // Class-reading rules. Pull quotes and photo boxes are settled first, so that the
      // chrome rule (which spares figures) never takes them for furniture.
      rehypePullQuotes,
      rehypeRemoveScreenReaderText,
      rehypeCaptionFigures,
      rehypeRemoveChromeBlocks,
      rehypeUnwrapContainers,
      // Line-reading rules, on the flat body.
      [rehypeRemoveDatelines, {lang: options.lang}],
      rehypeRemoveCallsToAction,
      rehypeRemoveUiLabels,
      rehypeRemoveLinkLists,
      [rehypeRemoveRepeatedHeader, {title: options.title, subtitle: options.standfirst, authors: options.authors}],
      [rehypeRemoveAuthorBio, {authors: options.authors}],
      // Last, when only article blocks are left to compare.
      [rehypeRemoveDuplicateBlocks, {title: options.title}],
      [rehypeSanitize, articleSchema],
      // Sanitizing unwraps elements it does not allow, which can leave empty shells.
      rehypeRemoveEmptyBlocks,
      rehypeMinifyWhitespace,
    ],
  };
}
