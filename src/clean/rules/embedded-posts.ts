/**
 * Embedded social posts as publishers paste them: the platform's own <blockquote>, with the
 * post's text and its author, which a script would turn into a card.
 */
const EMBEDDED_POSTS = ['blockquote.twitter-tweet', 'blockquote.instagram-media', 'blockquote.tiktok-embed', 'blockquote.mastodon-embed', 'blockquote.bluesky-embed'];

/** Wrappers around an embed hold little else: a script, an empty placeholder. */
const MAX_WRAPPER_DEPTH = 3;

/** Text a reader would see: the loader script beside an embed does not count. */
function visibleText(element: Element): string {
  const hidden = [...element.querySelectorAll('script, style, noscript')].map((node) => node.textContent ?? '');
  return hidden.reduce((text, part) => (part ? text.replace(part, '') : text), element.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * The post as a plain blockquote: its paragraphs, then the loose "— Name (@handle) date" line
 * that platforms put after them, as a paragraph of its own.
 */
function asQuote(document: Document, post: Element): Element {
  const quote = document.createElement('blockquote');
  let attribution: Element | undefined;
  for (const node of [...post.childNodes]) {
    if (node.nodeType === node.ELEMENT_NODE && (node as Element).tagName.toLowerCase() === 'p') {
      quote.append(node);
      continue;
    }
    if (!attribution) {
      if (!node.textContent?.trim()) continue;
      attribution = document.createElement('p');
      quote.append(attribution);
    }
    attribution.append(node);
  }
  return quote;
}

/**
 * Before Readability: lift each embedded post out of its wrapper ("social-media-embed",
 * which Readability deletes as a share bar) and keep it as a plain <blockquote>. A quoted
 * post is part of the story: it is what the article reports on. Works on the page's DOM,
 * the only place this can happen in time.
 */
export function carryEmbeddedPosts(document: Document): void {
  for (const post of document.querySelectorAll(EMBEDDED_POSTS.join(', '))) {
    const text = visibleText(post);
    if (!text) continue;
    let outer: Element = post;
    for (let depth = 0; depth < MAX_WRAPPER_DEPTH; depth++) {
      const parent = outer.parentElement;
      if (!parent || parent === document.body || visibleText(parent) !== text) break;
      outer = parent;
    }
    outer.replaceWith(asQuote(document, post));
  }
}
