import {DOMParser} from 'linkedom';
import type {AssetMap} from '../render/asset.js';
import {CORE_IMAGE_TYPES} from './media-types.js';
import {isPlainHref} from './package-paths.js';

/** An image the sanitiser took out, for the writer to report. */
export interface DroppedImage {
  src: string;
  alt?: string;
}

/** A chapter body made safe to package, and what its manifest item must declare. */
export interface SanitizedChapter {
  /** The XHTML fragment, re-serialised. */
  body: string;
  /** `href`s of the assets its images show, in document order, each once. */
  images: string[];
  /** OPF manifest `properties` the content calls for (`svg` for inline SVG, `mathml`). */
  properties: string[];
  /** Images removed because their source is not a packaged core-type asset. */
  dropped: DroppedImage[];
  /** Kept images without an `alt` attribute (an empty `alt` is a decorative image, and counts as having one). */
  missingAlt: string[];
  /** Links removed because they point at nothing inside the book or the web (`file:`, relative paths, missing anchors). */
  unlinked: string[];
  /** Whether the chapter has headings to navigate by. */
  hasHeadings: boolean;
}

/**
 * Elements that run code, embed other documents, submit data, animate attributes into links,
 * or pull in resources that are not in the package. The caller sanitises already; this is the
 * writer's own guarantee.
 */
const REMOVED_ELEMENTS: ReadonlySet<string> = new Set([
  'animate',
  'animatemotion',
  'animatetransform',
  'applet',
  'audio',
  'base',
  'embed',
  'form',
  'frame',
  'frameset',
  'iframe',
  'link',
  'meta',
  'noscript',
  'object',
  'script',
  'set',
  'source',
  'style',
  'template',
  'track',
  'video',
]);

/** Elements whose source is an image resource: each must be a packaged asset. */
const IMAGE_ELEMENTS: ReadonlySet<string> = new Set(['img', 'image', 'feimage']);

/** Attributes that point at responsive variants we do not package, or load resources. */
const REMOVED_ATTRIBUTES: ReadonlySet<string> = new Set(['srcset', 'sizes', 'background', 'poster', 'longdesc', 'formaction', 'action', 'data', 'ping']);

/** Link targets that leave the book for somewhere a reader can follow: the web, mail, phone. */
const FOLLOWABLE_URL = /^(?:https?:|mailto:|tel:)/i;

/** Hyphenation's soft hyphen: EPUB text carries none, as readers hyphenate themselves and Kindle shows strays. */
const SOFT_HYPHEN = /\u00ad/g;

const LINK_ATTRIBUTES: ReadonlySet<string> = new Set(['href', 'xlink:href']);

/**
 * Strips what must never reach a reading system and drops every image whose source is not a
 * packaged core-type asset, so nothing in the book is fetched. Links to files, relative
 * pages and missing anchors lose their `href` (their text stays): EPUBCheck rejects
 * references to resources the package lacks.
 */
export function sanitizeChapter(content: string, assets: AssetMap): SanitizedChapter {
  // XML wants one root; the fragment has many. The root declares what the fragment may use.
  const document = new DOMParser().parseFromString(
    `<body xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xmlns:xlink="http://www.w3.org/1999/xlink">${content}</body>`,
    'text/xml',
  );
  // linkedom's node types are its own; they implement the DOM's.
  const body = document.documentElement as unknown as Element;
  const images = new Set<string>();
  const properties = new Set<string>();
  const dropped: DroppedImage[] = [];
  const missingAlt: string[] = [];
  const unlinked: string[] = [];
  const fragmentLinks: Array<{element: Element; attribute: string; target: string}> = [];
  let hasHeadings = false;

  const isPackaged = (src: string | null): src is string => {
    if (src === null) return false;
    const asset = assets.get(src);
    return asset?.href === src && CORE_IMAGE_TYPES.has(asset.mediaType) && isPlainHref(asset.href, 'assets');
  };

  // Depth-first, so nothing inside a removed element is visited (or its image packaged).
  const visit = (parent: Element): void => {
    for (const element of Array.from(parent.children)) {
      const name = element.localName.toLowerCase();
      if (REMOVED_ELEMENTS.has(name)) {
        element.remove();
        continue;
      }
      if (/^h[1-6]$/.test(name)) hasHeadings = true;
      if (name === 'svg') properties.add('svg');
      if (name === 'math') properties.add('mathml');
      if (IMAGE_ELEMENTS.has(name)) {
        const src = name === 'img' ? element.getAttribute('src') : (element.getAttribute('href') ?? element.getAttribute('xlink:href'));
        if (!isPackaged(src)) {
          dropped.push({src: src ?? '', ...(element.hasAttribute('alt') ? {alt: element.getAttribute('alt') ?? ''} : {})});
          element.remove();
          continue;
        }
        images.add(src);
        if (name === 'img' && !element.hasAttribute('alt')) missingAlt.push(src);
      }
      for (const attribute of Array.from(element.attributes)) {
        const attributeName = attribute.name.toLowerCase();
        const unsafe =
          attributeName.startsWith('on') ||
          REMOVED_ATTRIBUTES.has(attributeName) ||
          (attributeName === 'src' && !IMAGE_ELEMENTS.has(name)) ||
          (attributeName === 'style' && /url\s*\(|expression\s*\(/i.test(attribute.value));
        if (unsafe) {
          element.removeAttribute(attribute.name);
          continue;
        }
        if (attribute.value.includes('\u00ad')) element.setAttribute(attribute.name, attribute.value.replace(SOFT_HYPHEN, ''));
        if (LINK_ATTRIBUTES.has(attributeName) && !IMAGE_ELEMENTS.has(name)) {
          const target = attribute.value.trim();
          if (target.startsWith('#')) fragmentLinks.push({element, attribute: attribute.name, target: target.slice(1)});
          else if (!FOLLOWABLE_URL.test(target)) {
            element.removeAttribute(attribute.name);
            unlinked.push(target);
          }
        }
      }
      visit(element);
    }
  };
  visit(body);

  // An anchor must name an element in the same document (EPUBCheck RSC-012).
  const ids = new Set(Array.from(body.querySelectorAll('[id]'), (element) => element.getAttribute('id')));
  for (const {element, attribute, target} of fragmentLinks) {
    if (!ids.has(decodeFragment(target))) {
      element.removeAttribute(attribute);
      unlinked.push(`#${target}`);
    }
  }
  removeSoftHyphens(body);

  return {body: body.innerHTML, images: [...images], properties: [...properties].sort(), dropped, missingAlt, unlinked, hasHeadings};
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

const TEXT_NODE = 3;

function removeSoftHyphens(node: Node): void {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === TEXT_NODE) {
      const text = child.nodeValue ?? '';
      if (text.includes('\u00ad')) child.nodeValue = text.replace(SOFT_HYPHEN, '');
    } else {
      removeSoftHyphens(child);
    }
  }
}
