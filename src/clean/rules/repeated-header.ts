import type {Root} from 'hast';
import {toString} from 'hast-util-to-string';
import type {Plugin} from 'unified';
import type {VFile} from 'vfile';

export interface RepeatedHeaderOptions {
  title?: string;
  subtitle?: string;
  authors?: readonly string[];
}

/** The first few blocks of a body are where pages repeat their own header. */
const HEADER_ZONE = 4;

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Remove the title, standfirst, byline and dateline when the body repeats them at its top: the template
 * prints them from the Article's fields, so they would appear twice.
 */
export const rehypeRemoveRepeatedHeader: Plugin<[RepeatedHeaderOptions?], Root> = function (options = {}) {
  const title = options.title ? normalise(options.title) : undefined;
  const subtitle = options.subtitle ? normalise(options.subtitle) : undefined;
  const authors = (options.authors ?? []).map(normalise);
  const isHeaderLine = (text: string) =>
    text === title ||
    text === subtitle ||
    (text.length < 120 && /^by\s/.test(text) && authors.some((author) => text.includes(author))) ||
    (authors.length > 0 && authors.includes(text));

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
        file.message('Unexpected repeat of the article header in the body, removed', {
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
