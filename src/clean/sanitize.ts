import type {Options as SanitizeSchema} from 'rehype-sanitize';

/**
 * What a pamphlet needs, nothing more: text structure, figures, tables and links.
 * No scripts, styles, forms, frames, objects, SVG or event handlers; `href` only to the web
 * or mail, `src` only relative paths, web URLs and data: images (the asset stage decides
 * which of those are ever loaded).
 */
export const articleSchema: SanitizeSchema = {
  strip: ['script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math', 'form', 'button', 'select', 'textarea'],
  clobberPrefix: '',
  clobber: [],
  tagNames: [
    'p', 'br', 'hr', 'h2', 'h3', 'h4', 'h5', 'h6',
    'a', 'em', 'strong', 'i', 'b', 'u', 's', 'del', 'ins', 'mark', 'small', 'sub', 'sup', 'abbr', 'cite', 'q', 'code', 'kbd', 'samp', 'var', 'time', 'span', 'bdi', 'bdo', 'wbr',
    'blockquote', 'pre', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
    'figure', 'figcaption', 'img', 'picture', 'aside', 'section', 'div',
    'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'colgroup', 'col',
  ],
  attributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'width', 'height'],
    blockquote: ['cite'],
    q: ['cite'],
    time: ['dateTime'],
    ol: ['start', 'reversed', 'type'],
    td: ['colSpan', 'rowSpan'],
    th: ['colSpan', 'rowSpan', 'scope'],
    abbr: ['title'],
    aside: [['className', 'pullquote']],
    '*': ['lang', ['dir', 'ltr', 'rtl', 'auto']],
  },
  protocols: {
    href: ['http', 'https', 'mailto'],
    src: ['http', 'https', 'data'],
    cite: ['http', 'https'],
  },
  required: {},
  ancestors: {
    tbody: ['table'], thead: ['table'], tfoot: ['table'], tr: ['table'], td: ['table'], th: ['table'],
    li: ['ul', 'ol'], dt: ['dl'], dd: ['dl'], figcaption: ['figure'],
  },
};

