import type {Root} from 'hast';
import {toString} from 'hast-util-to-string';
import type {Plugin} from 'unified';
import type {VFile} from 'vfile';

export interface AuthorBioOptions {
  authors?: readonly string[];
}

/** Bios sit at the foot of an article. */
const FOOT_ZONE = 3;
/** A bio is a sentence or two; a longer block is the article's own closing. */
const MAX_BIO_LENGTH = 400;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Remove the author's bio from the foot of the body ("Jane Doe covers transport for the
 * Herald.", "About the author: …"): the byline already names the author, and the bio is the
 * publication's page furniture, not the article.
 */
export const rehypeRemoveAuthorBio: Plugin<[AuthorBioOptions?], Root> = function (options = {}) {
  const names = (options.authors ?? []).filter((name) => name.trim().length > 0).map(escape);
  const bio = new RegExp(
    `^(?:about the author\\b|(?:${names.length > 0 ? names.join('|') : '(?!)'})(?:\\s*\\([^)]*\\))?\\s+(?:is|was|covers|writes|reports|has|joined|edits|leads)\\b)`,
    'i',
  );
  return (tree: Root, file: VFile) => {
    const blocks = tree.children.flatMap((node, index) => (node.type === 'element' ? [{node, index}] : []));
    for (const {node, index} of blocks.slice(-FOOT_ZONE).reverse()) {
      const text = toString(node).replace(/\s+/g, ' ').trim();
      if (text.length > MAX_BIO_LENGTH || !bio.test(text)) continue;
      file.message(`Unexpected author bio “${text.slice(0, 60)}” at the foot of the article, removed`, {
        place: node.position,
        ruleId: 'author-bio',
        source: 'pamphlet-clean',
      });
      tree.children.splice(index, 1);
    }
  };
};
