import type {Element, ElementContent, Root} from 'hast';
import {select, selectAll} from 'hast-util-select';
import {toString} from 'hast-util-to-string';
import type {Plugin} from 'unified';
import {SKIP, visit} from 'unist-util-visit';
import type {VFile} from 'vfile';
import {classWords} from './class-words.js';

/** Class words of the boxes that CMSs put around a photo and its caption instead of <figure>. */
const PHOTO_BOX_WORDS = new Set(['caption', 'image', 'img', 'photo', 'media', 'figure', 'picture', 'attachment', 'thumbnail', 'inlineimage', 'storyimage']);

/** A photo box's text is a caption; longer text means the box holds prose too. */
const MAX_CAPTION_LENGTH = 400;

/** Class words of the part of a photo box that holds its caption or credit. */
const CAPTION_WORDS = new Set(['caption', 'credit', 'credits']);

/**
 * A box is known by its own class, or by a captioned part inside it: Readability turns a
 * `div.photo` holding only an image and a span into a bare <p>, but keeps the span's class.
 */
function isPhotoBox(element: Element): boolean {
  if (!['div', 'span', 'p', 'section'].includes(element.tagName)) return false;
  const named =
    classWords(element).some((word) => PHOTO_BOX_WORDS.has(word)) ||
    selectAll('*', element).some((part) => classWords(part).some((word) => CAPTION_WORDS.has(word)));
  if (!named) return false;
  if (selectAll('img', element).length !== 1 || select('figure, p p, table, ul, ol, blockquote', element)) return false;
  return toString(element).replace(/\s+/g, ' ').trim().length <= MAX_CAPTION_LENGTH;
}

function figcaption(caption: string): Element {
  return {type: 'element', tagName: 'figcaption', properties: {}, children: [{type: 'text', value: caption}]};
}

function figure(img: Element, caption: string): Element {
  const children: ElementContent[] = caption ? [img, figcaption(caption)] : [img];
  return {type: 'element', tagName: 'figure', properties: {}, children};
}

/** A block that holds one image and no words: a photo set as a paragraph. */
function isLoneImage(element: Element): boolean {
  return selectAll('img', element).length === 1 && toString(element).trim() === '';
}

function isUncaptionedFigure(element: Element): boolean {
  return element.tagName === 'figure' && !select('figcaption', element);
}

/** A caption printed beside its photo's box rather than inside it: no image, a caption class, a caption's length. */
function isCaptionBox(element: Element): boolean {
  // The class test first: the rule asks this of every element, and few have a caption class.
  if (!classWords(element).some((word) => CAPTION_WORDS.has(word)) || select('img', element)) return false;
  return toString(element).replace(/\s+/g, ' ').trim().length <= MAX_CAPTION_LENGTH;
}

/**
 * The box's text, each distinct part once: galleries print a caption in full and again cut
 * short ("caption-full", "caption-truncated") for a script to toggle between.
 */
function captionText(box: Element): string {
  const parts: string[] = [];
  const leaves = selectAll('*', box).filter((element) => element.children.some((child) => child.type === 'text' && child.value.trim()));
  for (const leaf of leaves.length > 0 ? leaves : [box]) {
    const text = toString(leaf).replace(/\s+/g, ' ').trim().replace(/(?:…|\.\.\.)$/, '');
    if (text && !parts.some((part) => part.startsWith(text))) parts.push(text);
  }
  return parts.join(' ');
}

/**
 * Turn a CMS's photo box (WordPress's `wp-caption`, a `div.photo` with a caption span, …) into
 * a <figure> with its image and a <figcaption>, and give a caption box that follows a figure
 * or a lone image to it, so that the caption stays with its photo instead of becoming a
 * paragraph of the body. A caption whose photo is gone is removed. Runs before the containers
 * are unwrapped.
 */
export const rehypeCaptionFigures: Plugin<[], Root> = function () {
  return (tree: Root, file: VFile) => {
    visit(tree, 'element', (element, index, parent) => {
      if (element.tagName === 'figure') return SKIP;
      if (!parent || index === undefined) return;
      if (isCaptionBox(element)) {
        const before = parent.children.slice(0, index).findLast((node) => node.type === 'element');
        const caption = captionText(element);
        if (before?.type === 'element' && isUncaptionedFigure(before)) {
          if (caption) before.children.push(figcaption(caption));
        } else if (before?.type === 'element' && isLoneImage(before)) {
          parent.children.splice(parent.children.indexOf(before), 1, figure(select('img', before)!, caption));
        } else {
          // Its photo was a script's to load, and Readability dropped the empty placeholder.
          file.message(`Unexpected caption without its photo “${caption.slice(0, 60)}”, removed`, {
            place: element.position,
            ruleId: 'caption-figure',
            source: 'pamphlet-clean',
          });
        }
        const at = parent.children.indexOf(element);
        parent.children.splice(at, 1);
        return [SKIP, at];
      }
      if (!isPhotoBox(element)) return;
      parent.children.splice(index, 1, figure(select('img', element)!, captionText(element)));
      file.message('Unexpected photo box without <figure>, read as a figure with its caption', {
        place: element.position,
        ruleId: 'caption-figure',
        source: 'pamphlet-clean',
      });
      return SKIP;
    });
  };
};
