import {Liquid, type Template as LiquidTemplate} from 'liquidjs';

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

/** Parsed templates by source text: each template is parsed once per process, not per article. */
const parsed = new Map<string, LiquidTemplate[]>();

/** Render Liquid `source` with `context`. */
export function renderLiquid(source: string, context: object): Promise<string> {
  let template = parsed.get(source);
  if (!template) {
    template = liquid.parse(source);
    parsed.set(source, template);
  }
  return liquid.render(template, context);
}
