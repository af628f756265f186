import type {Element, ElementContent, Parent, Root, RootContent} from 'hast';
import {toText} from 'hast-util-to-text';
import type {Plugin} from 'unified';
import {SKIP, visit} from 'unist-util-visit';
import type {VFile} from 'vfile';

/**
 * Whole lines that are a page's interface, not its prose: box titles ("Trending", "You may
 * also like"), gallery controls ("Image 1 of 9", "Caption", "Close", a lone "6"), loading
 * and advertising labels, credits left without their photo, an author's bare e-mail address
 * or social handle, and the copyright, syndication and comment-policy lines of a page footer.
 */
const UI_LABEL_ALTERNATIVES = [
  String.raw`(?:trending|latest|popular|most popular|most read|highlights|recent articles|popular this week|top stories|more stories|you may also like|you might also like|recommended(?: for you)?|related(?: articles| stories| posts| content)?|don'?t miss|editor'?s picks|in other news|from around the web)(?: now)?`,
  String.raw`(?:image|photo|slide|picture)?\s*\d+\s*(?:of|/)\s*/?\s*\d+`,
  String.raw`\d[\d.,:/ ]*`,
  String.raw`caption|close|open|expand|collapse|next|previous|prev|back to top|skip to (?:main )?content|show more|load more|view more|see more|loading(?: content)?(?:\s*\.\.\.|…)?`,
  String.raw`advertisement|advertising|sponsored(?: content)?|ad|ads|iklan|anzeige|publicidade|publicidad|pubblicità|publicité|реклама`,
  String.raw`tags?|topics|filed under|categories|category|share(?: this)?(?: article| story)?|comments?|\d+ comments?|print|email|sign in|log in|breaking news|by`,
  String.raw`(?:tags?|topics|filed under|categories|category)\s*:.*`,
  String.raw`(?:©|\(c\)|copyright\s+(?:[©@]\s*)?\d{4}).{0,80}`,
  String.raw`(?:image|photo|picture|pic|credit|foto|фото)s?\s*:\s*.{0,60}`,
  String.raw`[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?:\/\/)?(?:www\.)?(?:twitter|x|facebook|instagram)\.com\/\S+|@\w{2,}`,
  String.raw`via\s+\S+\.\w{2,}`,
];
/** The whole line, give or take the separators a page puts around a label ("| Trending:"). */
const UI_LABEL = new RegExp(`^[\\s|:•·-]*(?:${UI_LABEL_ALTERNATIVES.join('|')})[\\s|:•·.-]*$`, 'iu');

/** A note on how comments are moderated, in any of the languages it is commonly written in. */
const COMMENT_WORD = String.raw`(?:comments?|comentários|comentarios|commentaires|kommentare|commenti)\b`;
const COMMENT_POLICY = new RegExp(String.raw`${COMMENT_WORD}.{0,120}\bmodera|\bmodera\w*\s+(?:\w+\s+){0,2}${COMMENT_WORD}`, 'iu');

/** A label that announces a list of keywords on the next line: "Tags", "Topics". */
const KEYWORDS_LABEL = /^(?:tags?|topics|keywords|tagged|palavras-chave|schlagwörter|etiquetas|mots-clés)\s*:?$/iu;
/** "stock car 2018, stock car brasil, interlagos": three or more short phrases and no sentence. */
const KEYWORD_LIST = /^(?:[^,.;!?]{1,40},\s*){2,}[^,.;!?]{1,40},?$/u;

/** A line longer than this is prose, whatever words it starts with. */
const MAX_LABEL_LENGTH = 120;
/** A comment policy is a sentence or two. */
const MAX_NOTE_LENGTH = 200;

/** Blocks only: a span or a label sits inside a sentence, where ":" or "2019" is prose. */
const BLOCKS = new Set(['p', 'li', 'h2', 'h3', 'h4', 'h5', 'h6', 'div', 'dt', 'dd']);

export function isUiLabel(line: string): boolean {
  const text = line.replace(/\s+/g, ' ').trim();
  if (text.length === 0) return false;
  return (text.length <= MAX_LABEL_LENGTH && UI_LABEL.test(text)) || (text.length <= MAX_NOTE_LENGTH && COMMENT_POLICY.test(text));
}

/** The block's text as it reads, one space where the page breaks a line. */
const lineOf = (node: ElementContent | RootContent) => toText(node).replace(/\s+/g, ' ').trim();

/** Drop blocks whose whole text is an interface label or a page-footer line, and the keyword list under a "Tags" label. */
export const rehypeRemoveUiLabels: Plugin<[], Root> = function () {
  return (tree: Root, file: VFile) => {
    const remove = (parent: Parent, node: Element, what: string) => {
      file.message(`Unexpected ${what} “${lineOf(node).slice(0, 60)}” in the body, removed`, {
        place: node.position,
        ruleId: 'ui-label',
        source: 'pamphlet-clean',
      });
      parent.children.splice(parent.children.indexOf(node), 1);
    };
    visit(tree, 'element', (element, index, parent) => {
      // A figure's caption may well be "Photo: Jane Doe": that is its credit, not furniture.
      if (element.tagName === 'figure') return SKIP;
      if (!parent || index === undefined || !BLOCKS.has(element.tagName)) return;
      const text = lineOf(element);
      if (!isUiLabel(text)) return;
      const next = parent.children.slice(index + 1).find((node): node is Element => node.type === 'element');
      if (KEYWORDS_LABEL.test(text) && next && KEYWORD_LIST.test(lineOf(next))) remove(parent, next, 'keyword list');
      remove(parent, element, 'interface label');
      return [SKIP, index];
    });
  };
};
