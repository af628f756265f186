import type {Root, RootContent} from 'hast';
import {toHtml} from 'hast-util-to-html';
import {toText} from 'hast-util-to-text';
import {filter} from 'unist-util-filter';
import type {VFileMessage} from 'vfile-message';
import type {Article} from './article.js';

/** A warning as plain data: where, what, which rule. */
export interface WarningJson {
  line?: number;
  column?: number;
  reason: string;
  ruleId?: string;
  source?: string;
}

export function warningToJson(message: VFileMessage): WarningJson {
  return {
    line: message.line ?? undefined,
    column: message.column ?? undefined,
    reason: message.reason,
    ruleId: message.ruleId ?? undefined,
    source: message.source ?? undefined,
  };
}

/**
 * The Article as JSON: the body as HTML (readable in a diff), warnings as plain records, and
 * the source without its absolute folder (a machine detail, not part of the article).
 */
export interface ArticleJson extends Omit<Article, 'body' | 'warnings' | 'source'> {
  body: string;
  warnings: WarningJson[];
  source: Omit<Article['source'], 'baseDir'>;
}

export function articleToJson(article: Article): ArticleJson {
  const {baseDir: _baseDir, ...source} = article.source;
  return {
    ...article,
    source,
    body: toHtml(article.body),
    warnings: article.warnings.map(warningToJson),
  };
}

function isFigureOrPullQuote(node: Root | RootContent): boolean {
  if (node.type !== 'element') return false;
  const classes = node.properties['className'];
  return node.tagName === 'figure' || (node.tagName === 'aside' && Array.isArray(classes) && classes.includes('pullquote'));
}

/**
 * The body as plain text: one paragraph a block, blank lines between. Figures (a caption
 * without its picture) and pull quotes (a repeat of the body's own words) are left out.
 */
export function articleToText(article: Article): string {
  const prose = filter(article.body, (node) => !isFigureOrPullQuote(node as Root | RootContent));
  return `${toText(prose ?? article.body).replace(/\n{3,}/g, '\n\n').trim()}\n`;
}
