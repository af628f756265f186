import type {Root} from 'hast';
import {toString} from 'hast-util-to-string';
import {visit, SKIP} from 'unist-util-visit';
import type {Plugin} from 'unified';
import type {VFile} from 'vfile';

/**
 * Whole short lines that ask the reader to click, sign up or pay. On paper they point nowhere.
 * A line must match from its start and be short: a paragraph that merely mentions a
 * newsletter is article text.
 */
export const CALL_TO_ACTION = new RegExp(
  String.raw`^[\[(]?\s*(?:` +
    [
      String.raw`read more|read next|read also|also read|see more|see also|more on this|continue reading|related:|related stories|related articles|related coverage|don'?t miss`,
      String.raw`leggi anche|lesen sie auch|lire aussi|veja também|ver también|lees ook|читайте также`,
      String.raw`sign up\b|subscribe\b|get our .*newsletter|get the latest\b|join our mailing list|download (?:our|the) app|.{0,80}\b(?:in|to) your inbox\b`,
      String.raw`make a donation|donate\b|support (?:our|independent) journalism|help fund`,
      String.raw`share this|share on|follow us|follow \S+(?: \S+)? on (?:twitter|facebook|instagram)|click here|listen to\b|watch:`,
      String.raw`have a tip\b|got a tip\b|reach the (?:reporter|writer|author)s?\b|contact the (?:reporter|writer|author)s?\b`,
      String.raw`latest news|most read|advertisement`,
      String.raw`.{0,60}\bmay (?:earn|receive) (?:an? )?(?:affiliate )?commission`,
    ].join('|') +
    ')',
  'i',
);

/** A line this long is article prose, whatever it starts with. */
const MAX_CALL_TO_ACTION_LENGTH = 160;

export function isCallToAction(line: string): boolean {
  const text = line.trim().replace(/\s+/g, ' ');
  return text.length > 0 && text.length <= MAX_CALL_TO_ACTION_LENGTH && CALL_TO_ACTION.test(text);
}

/** Drop paragraphs, list items and headings that are calls to action. */
export const rehypeRemoveCallsToAction: Plugin<[], Root> = function () {
  return (tree: Root, file: VFile) => {
    visit(tree, 'element', (element, index, parent) => {
      if (!parent || index === undefined) return;
      if (!['p', 'li', 'h2', 'h3', 'h4', 'div'].includes(element.tagName)) return;
      const text = toString(element);
      if (!isCallToAction(text)) return;
      file.message(`Unexpected call to action “${text.trim().slice(0, 60)}”, removed`, {
        place: element.position,
        ruleId: 'call-to-action',
        source: 'pamphlet-clean',
      });
      parent.children.splice(index, 1);
      return [SKIP, index];
    });
  };
};
