import {toHtml} from 'hast-util-to-html';
import {toText} from 'hast-util-to-text';
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

/** The body as plain text: one paragraph a block, blank lines between. */
export function articleToText(article: Article): string {
  return `${toText(article.body).replace(/\n{3,}/g, '\n\n').trim()}\n`;
}
