/**
 * How deep an HTML page's elements may nest. Real articles nest 20 to 60 deep; Readability's
 * time grows with the cube of the depth (0.4 s at 200, 15 s at 1,000) and the HTML-to-tree
 * step overflows the stack near 3,000. Chromium's own parser stops nesting at 512.
 */
export const MAX_NESTING = 256;

/** Elements that never have content, so never nest. */
const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/** Elements whose content is text up to their end tag, whatever it looks like. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noscript', 'iframe', 'noembed', 'noframes', 'plaintext']);

/** An open element that a new sibling of these names closes, as the HTML parser does ("<p>a<p>b"). */
const CLOSED_BY: Readonly<Record<string, readonly string[]>> = {
  p: ['p'],
  li: ['li'],
  dt: ['dt', 'dd'],
  dd: ['dt', 'dd'],
  tr: ['tr', 'td', 'th'],
  td: ['td', 'th'],
  th: ['td', 'th'],
  option: ['option'],
};

const TAG = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][\w:-]*)\b(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;

/**
 * Keep a page's elements within `MAX_NESTING`: tags nested deeper are removed (their text
 * stays, in place), which is roughly what a browser shows of such a page. A linear scan of
 * the tags, no tree: a tree of 100,000 nested elements is what must not be built.
 * Returns the page unchanged, and 0, when it is within the limit.
 */
export function limitNesting(html: string, maxDepth = MAX_NESTING): {html: string; removed: number; depth: number} {
  // `removed` counts elements; `drops` holds their start and end tags.
  const stack: Array<{name: string; dropped: boolean}> = [];
  // How many of each element are open: an end tag that matches none is skipped without
  // searching the stack, so 50,000 stray end tags stay linear.
  const open = new Map<string, number>();
  const push = (entry: {name: string; dropped: boolean}) => {
    stack.push(entry);
    open.set(entry.name, (open.get(entry.name) ?? 0) + 1);
  };
  const popTo = (length: number) => {
    while (stack.length > length) {
      const {name} = stack.pop()!;
      open.set(name, open.get(name)! - 1);
    }
  };
  const drops: Array<[number, number]> = [];
  let deepest = 0;
  let removed = 0;
  TAG.lastIndex = 0;
  for (let match = TAG.exec(html); match; match = TAG.exec(html)) {
    const [whole, closing, rawName, selfClosing] = match;
    if (rawName === undefined) continue;
    const name = rawName.toLowerCase();
    if (closing) {
      if (!open.get(name)) continue;
      const index = stack.findLastIndex((entry) => entry.name === name);
      if (stack[index]!.dropped) drops.push([match.index, whole.length]);
      popTo(index);
      continue;
    }
    if (VOID_ELEMENTS.has(name) || selfClosing) {
      if (stack.length >= maxDepth) {
        drops.push([match.index, whole.length]);
        removed++;
      }
      continue;
    }
    const closes = CLOSED_BY[name];
    if (closes && closes.includes(stack.at(-1)?.name ?? '')) popTo(stack.length - 1);
    const dropped = stack.length >= maxDepth;
    if (dropped) {
      drops.push([match.index, whole.length]);
      removed++;
    }
    push({name, dropped});
    deepest = Math.max(deepest, stack.length);
    if (RAW_TEXT.has(name)) {
      const end = new RegExp(`</${name}`, 'ig');
      end.lastIndex = TAG.lastIndex;
      TAG.lastIndex = end.exec(html)?.index ?? html.length;
    }
  }
  if (drops.length === 0) return {html, removed: 0, depth: deepest};
  let kept = '';
  let from = 0;
  for (const [at, length] of drops) {
    kept += html.slice(from, at);
    from = at + length;
  }
  return {html: kept + html.slice(from), removed, depth: deepest};
}

/**
 * Markdown's nesting comes from line prefixes: `>` markers and list-item indentation. Parsing
 * deep lists takes time with the cube of the depth (0.8 s at 300 levels, 28 s at 1,000), so
 * past `MAX_MARKDOWN_NESTING` levels the extra markers and indentation are dropped. Lines in
 * fenced code blocks are left alone.
 */
export const MAX_MARKDOWN_NESTING = 32;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const QUOTE_MARKERS = /^(?:[ \t]*>)+/;
const LIST_ITEM = /^([ \t]*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

export function limitMarkdownNesting(markdown: string, maxDepth = MAX_MARKDOWN_NESTING): {markdown: string; changed: number} {
  let fence: string | undefined;
  let changed = 0;
  // A level of list is two to four columns; four keeps every real list intact.
  const maxIndent = maxDepth * 4;
  const lines = markdown.split('\n').map((line) => {
    const opening = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      if (opening && opening[0] === fence[0] && opening.length >= fence.length) fence = undefined;
      return line;
    }
    if (opening) {
      fence = opening;
      return line;
    }
    let limited = line;
    const quotes = QUOTE_MARKERS.exec(limited)?.[0];
    if (quotes && quotes.replace(/[^>]/g, '').length > maxDepth) limited = `${'>'.repeat(maxDepth)}${limited.slice(quotes.length)}`;
    const indent = LIST_ITEM.exec(limited)?.[1];
    if (indent && indent.replace(/\t/g, '    ').length > maxIndent) limited = `${' '.repeat(maxIndent)}${limited.trimStart()}`;
    if (limited !== line) changed++;
    return limited;
  });
  return {markdown: changed > 0 ? lines.join('\n') : markdown, changed};
}
