import type {Element, Root} from 'hast';
import {toString} from 'hast-util-to-string';
import type {Plugin} from 'unified';
import {SKIP, visit} from 'unist-util-visit';
import type {VFile} from 'vfile';
import {normaliseText as normalise} from '../normalise.js';

export interface DuplicateBlocksOptions {
  /** The article's title: the template prints it once, so the body never needs it again. */
  title?: string;
}

/** Shorter repeats ("Photo", "Reuters") are ordinary words, not a block printed twice. */
const MIN_REPEAT_LENGTH = 20;
/**
 * A caption this long that is already printed under an earlier photo is a CMS default (the
 * post's title under every photo). Shorter ones are credits, which every photo carries.
 */
const MIN_REPEATED_CAPTION_LENGTH = 40;

const BLOCKS = new Set(['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'figcaption', 'blockquote', 'dd', 'dt']);


/**
 * Remove a block that says again what the title said, or what the block just before it said
 * (a caption printed twice, a standfirst repeated by a sticky header), and a long caption that
 * an earlier photo already has. Other repeats further apart are kept: an interview asks each
 * guest the same question, a photographer credits each photo.
 */
export const rehypeRemoveDuplicateBlocks: Plugin<[DuplicateBlocksOptions?], Root> = function (options = {}) {
  const title = options.title ? normalise(options.title) : undefined;
  return (tree: Root, file: VFile) => {
    const captions = new Set<string>();
    visit(tree, 'element', (element: Element, index, parent) => {
      if (!parent || index === undefined || !BLOCKS.has(element.tagName)) return;
      const text = normalise(toString(element));
      const repeatsTitle = text === title;
      const previous = parent.children.slice(0, index).findLast((node) => node.type === 'element');
      const repeatsPrevious = previous?.type === 'element' && normalise(toString(previous)) === text;
      const repeatsCaption = element.tagName === 'figcaption' && text.length >= MIN_REPEATED_CAPTION_LENGTH && captions.has(text);
      if (element.tagName === 'figcaption') captions.add(text);
      if (!repeatsTitle && !repeatsCaption && (text.length < MIN_REPEAT_LENGTH || !repeatsPrevious)) return;
      const shown = toString(element).replace(/\s+/g, ' ').trim().slice(0, 60);
      file.message(`Unexpected repeat of ${repeatsTitle ? 'the title' : repeatsCaption ? 'an earlier caption' : 'the block before'} “${shown}”, removed`, {
        place: element.position,
        ruleId: 'duplicate-block',
        source: 'pamphlet-clean',
      });
      parent.children.splice(index, 1);
      return [SKIP, index];
    });
  };
};
