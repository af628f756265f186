import {DOMParser} from 'linkedom';
import type {AssetMap} from '../render/asset.js';
import {CORE_IMAGE_TYPES} from './media-types.js';
import {isPlainHref} from './package-paths.js';

/** A chapter body made safe to package, and what its manifest item must declare. */
export interface SanitizedChapter {
  /** The XHTML fragment, re-serialised. */
  body: string;
  /** `href`s of the assets its images show, in document order, each once. */
  images: string[];
  /** OPF manifest `properties` the content calls for (`svg` for inline SVG, `mathml`). */
  properties: string[];
}

/**
 * Elements that run code, embed other documents, submit data, or pull in resources that are not
 * in the package. The caller sanitises already; this is the writer's own guarantee.
 */
const REMOVED_ELEMENTS: ReadonlySet<string> = new Set([
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
  'object',
  'script',
  'source',
  'style',
  'track',
  'video',
]);

/** Attributes that point at responsive variants we do not package. */
const REMOVED_ATTRIBUTES: ReadonlySet<string> = new Set(['srcset', 'sizes']);

const SCRIPT_URL = /^\s*(?:javascript|vbscript):/i;

/**
 * Strips what must never reach a reading system and drops every image whose source is not a
 * packaged core-type asset (the caller has warned about those), so nothing in the book is fetched.
 */
export function sanitizeChapter(content: string, assets: AssetMap): SanitizedChapter {
  // XML wants one root; the fragment has many. The root declares what the fragment may use.
  const document = new DOMParser().parseFromString(
    `<body xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">${content}</body>`,
    'text/xml',
  );
  // linkedom's node types are its own; they implement the DOM's.
  const body = document.documentElement as unknown as Element;
  const images = new Set<string>();
  const properties = new Set<string>();

  const isPackaged = (src: string | null): src is string => {
    if (src === null) return false;
    const asset = assets.get(src);
    return (
      asset?.href === src && CORE_IMAGE_TYPES.has(asset.mediaType) && isPlainHref(asset.href, 'assets')
    );
  };

  // Depth-first, so nothing inside a removed element is visited (or its image packaged).
  const visit = (parent: Element): void => {
    for (const element of Array.from(parent.children)) {
      const name = element.localName.toLowerCase();
      if (REMOVED_ELEMENTS.has(name)) {
        element.remove();
        continue;
      }
      for (const attribute of Array.from(element.attributes)) {
        const attributeName = attribute.name.toLowerCase();
        const unsafe =
          attributeName.startsWith('on') ||
          REMOVED_ATTRIBUTES.has(attributeName) ||
          (attributeName.endsWith('href') && SCRIPT_URL.test(attribute.value)) ||
          (attributeName === 'style' && /url\s*\(/i.test(attribute.value));
        if (unsafe) element.removeAttribute(attribute.name);
      }
      if (name === 'svg') properties.add('svg');
      if (name === 'math') properties.add('mathml');
      // SVG's <image> loads a resource just as <img> does.
      const src =
        name === 'img'
          ? element.getAttribute('src')
          : name === 'image'
            ? (element.getAttribute('href') ?? element.getAttribute('xlink:href'))
            : undefined;
      if (src !== undefined) {
        if (!isPackaged(src)) {
          element.remove();
          continue;
        }
        images.add(src);
      }
      visit(element);
    }
  };
  visit(body);

  return {body: body.innerHTML, images: [...images], properties: [...properties].sort()};
}
