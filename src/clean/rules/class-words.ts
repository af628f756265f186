import type {Element} from 'hast';

/**
 * The words of an element's class and id, lower-cased: "subMenuLink article__header share-bar"
 * → sub, menu, link, article, header, share, bar. Publishers join words with dashes,
 * underscores or camelCase; rules match whole words so that "unrelated" is not "related".
 */
export function classWords(element: Element): string[] {
  const className = element.properties['className'];
  const classes = Array.isArray(className) ? className.join(' ') : typeof className === 'string' ? className : '';
  const id = typeof element.properties['id'] === 'string' ? element.properties['id'] : '';
  return wordsOfNames(`${classes} ${id}`);
}

/** The words of a string of class names and ids, split as `classWords` splits them (for DOM elements). */
export function wordsOfNames(names: string): string[] {
  return names
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** True when `words` holds `phrase` ("sr only") as consecutive words. */
export function hasPhrase(words: readonly string[], phrase: string): boolean {
  const parts = phrase.split(' ');
  return words.some((_, start) => parts.every((part, offset) => words[start + offset] === part));
}
