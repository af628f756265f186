import type {Root} from 'hast';
import type {VFileMessage} from 'vfile-message';

/** The forms of input Pamphlet reads; `detectFormat` picks one per input. */
export type InputFormat = 'html' | 'markdown' | 'text';

/** An image the article shows, as the source named it. */
export interface ArticleImage {
  /** URL or path relative to the input's folder; absent when the source only gave alt text (text dumps). */
  src?: string;
  /** The image's own alt text, never invented. */
  alt: string;
  caption?: string;
  /** Photographer or agency, e.g. from "(Pic: Jane Doe)". */
  credit?: string;
}

/** Where an article came from. */
export interface ArticleSource {
  /** Path of the input file, or "-" for stdin. */
  path: string;
  /** Folder that local assets are resolved against; nothing outside it is read. */
  baseDir: string;
  format: InputFormat;
}

/**
 * The contract between stages: `clean` makes one, `typeset` rewrites its body,
 * `render`, `pdf` and `epub` only read it.
 */
export interface Article {
  title: string;
  /** Standfirst or subtitle. */
  subtitle?: string;
  authors: string[];
  /** Publication date, ISO 8601 (`YYYY-MM-DD` or a full timestamp). */
  date?: string;
  /** Issue or edition, as the publication numbers it ("2621"). */
  issue?: string;
  siteName?: string;
  /** BCP 47 language tag. */
  lang: string;
  /** Canonical URL of the original article. */
  sourceUrl?: string;
  leadImage?: ArticleImage;
  /** The article body as a hast tree of flow content (no title, no byline). */
  body: Root;
  /** Positioned problems found while reading and cleaning (vfile messages). */
  warnings: VFileMessage[];
  source: ArticleSource;
}
