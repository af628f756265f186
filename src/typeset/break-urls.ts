import type {Element, ElementContent, Root, Text} from 'hast';
import {h} from 'hastscript';
import type {Plugin} from 'unified';
import {SKIP, visit} from 'unist-util-visit';

/** A web address or an e-mail address in running text. */
const URL_TOKEN = /(?:https?:\/\/|www\.)[^\s<>"“”‘’]+[^\s<>"“”‘’.,;:!?)\]]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gi;

/**
 * Where an address may break, after the Chicago Manual of Style (14.18): after a colon or
 * a double slash; before a single slash, a full stop, a comma, a hyphen, an underscore, a
 * tilde, a question mark, a number sign or a percent sign; before or after = and &.
 * No hyphen is added at the break, so nothing is printed that is not in the address.
 */
export function urlBreakPoints(url: string): string[] {
  const pieces = url.split(/(?<=:\/\/|:(?!\/)|[=&])|(?<!\/)(?=\/(?!\/))|(?=[.,\-_~?#%=&@])/);
  return pieces.filter((piece) => piece.length > 0);
}

/** Text nodes holding an address: the address is split with <wbr> at its break points. */
function breakText(node: Text): ElementContent[] | undefined {
  const value = node.value;
  if (value.match(URL_TOKEN) === null) return undefined;
  const out: ElementContent[] = [];
  let last = 0;
  for (const match of value.matchAll(URL_TOKEN)) {
    if (match.index > last) out.push({type: 'text', value: value.slice(last, match.index)});
    // Hyphenation may have put soft hyphens into "www.example.org": a printed hyphen would read as part of the address.
    urlBreakPoints(match[0].replaceAll('\u00ad', '')).forEach((piece, index) => {
      if (index > 0) out.push(h('wbr'));
      out.push({type: 'text', value: piece});
    });
    last = match.index + match[0].length;
  }
  if (last < value.length) out.push({type: 'text', value: value.slice(last)});
  return out;
}

/**
 * Long addresses are one "word" to the line breaker and overflow the measure, or force a
 * justified line into wide gaps. This marks sensible break points in every address in the
 * text (`<wbr>`), so that they wrap where a reader expects and nowhere else.
 */
export const rehypeBreakUrls: Plugin<[], Root> = function () {
  return (tree: Root) => {
    visit(tree, 'text', (node: Text, index, parent: Root | Element | undefined) => {
      if (parent === undefined || index === undefined) return;
      if (parent.type === 'element' && ['code', 'pre', 'kbd', 'samp', 'script', 'style'].includes(parent.tagName)) return;
      const replacement = breakText(node);
      if (replacement === undefined) return;
      parent.children.splice(index, 1, ...replacement);
      return [SKIP, index + replacement.length];
    });
  };
};
