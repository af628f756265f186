import {Liquid} from 'liquidjs';

/**
 * One Liquid engine per process. Every output is HTML-escaped unless a template says
 * `| raw`, so article text can never inject markup into a template.
 */
export const liquid = new Liquid({
  outputEscape: 'escape',
  strictFilters: true,
  ownPropertyOnly: true,
  cache: true,
});

/** Text as the inside of a CSS string ("…"): for `content:` in @page margin boxes. */
liquid.registerFilter('css_string', (value: unknown) =>
  String(value ?? '')
    .replace(/[\\"]/g, (character) => `\\${character}`)
    .replace(/[\n\r\f]+/g, ' ')
    .replace(/</g, '\\3C '),
);
