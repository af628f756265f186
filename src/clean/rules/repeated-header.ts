import type {Root} from 'hast';
import {toString} from 'hast-util-to-string';
import type {Plugin} from 'unified';
import type {VFile} from 'vfile';
import {normaliseText as normalise} from '../normalise.js';

export interface RepeatedHeaderOptions {
  title?: string;
  subtitle?: string;
  authors?: readonly string[];
}

/** The first few blocks of a body are where pages repeat their own header. */
const HEADER_ZONE = 4;

/** A byline is a line; a longer block that names the author is prose about them. */
const MAX_BYLINE_LENGTH = 120;


/**
 * Remove the title, standfirst, byline and dateline when the body repeats them at its top: the template
 * prints them from the Article's fields, so they would appear twice.
 */
export const rehypeRemoveRepeatedHeader: Plugin<[RepeatedHeaderOptions?], Root> = function (options = {}) {
  const title = options.title ? normalise(options.title) : undefined;
  const subtitle = options.subtitle ? normalise(options.subtitle) : undefined;
  const authors = (options.authors ?? []).map(normalise);
  // "Jane Doe", "JANE DOE, AGENCY", "Jane Doe | Staff writer": a byline without "By".
  const namesAuthor = (text: string) =>
    authors.some((author) => text === author || (text.startsWith(author) && /^\s*[,|–—-]/.test(text.slice(author.length))));
  const isHeaderLine = (text: string) =>
    text === title ||
    text === subtitle ||
    (text.length < MAX_BYLINE_LENGTH && /^by\s/.test(text) && authors.some((author) => text.includes(author))) ||
    (text.length < MAX_BYLINE_LENGTH && namesAuthor(text));

  return (tree: Root, file: VFile) => {
    let seen = 0;
    for (let index = 0; index < tree.children.length && seen < HEADER_ZONE; ) {
      const node = tree.children[index];
      if (node?.type !== 'element') {
        index++;
        continue;
      }
      seen++;
      const text = normalise(toString(node));
      const onlyDate = node.children.every((child) => child.type !== 'element' || child.tagName === 'time') && node.children.some((child) => child.type === 'element');
      if (node.tagName === 'h1' || isHeaderLine(text) || onlyDate) {
        const shown = toString(node).replace(/\s+/g, ' ').trim().slice(0, 60);
        file.message(`Unexpected repeat of the article header “${shown}” in the body, removed`, {
          place: node.position,
          ruleId: 'repeated-header',
          source: 'pamphlet-clean',
        });
        tree.children.splice(index, 1);
      } else {
        index++;
      }
    }
  };
};

/** Blocks at the top of a body that a page's description may repeat. */
const OPENING_BLOCKS = 3;
/** A shorter shared start is a common opening phrase, not the same text. */
const MIN_PREFIX = 40;

/**
 * True when one of the first blocks of `body` says what `text` says: then `text` (a page's
 * description) is the opening paragraph, not a standfirst. A description may be cut short
 * with "…".
 */
export function opensWith(body: Root, text: string): boolean {
  const clip = (value: string) => normalise(value).replace(/(?:…|\.\.\.)$/, '');
  const wanted = clip(text);
  return body.children
    .filter((node) => node.type === 'element')
    .slice(0, OPENING_BLOCKS)
    .some((node) => {
      const block = clip(toString(node));
      return block === wanted || (Math.min(block.length, wanted.length) >= MIN_PREFIX && (block.startsWith(wanted) || wanted.startsWith(block)));
    });
}
