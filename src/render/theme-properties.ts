/**
 * The theme's custom properties (`--accent: #b3141b;`) as print.css declares them on `:root`.
 * EPUB readers ignore custom properties, so epub.css may use `var(--name)` and gets the
 * values written in: one line of print.css restyles both outputs.
 */
export function rootCustomProperties(css: string): Map<string, string> {
  const properties = new Map<string, string>();
  for (const block of css.matchAll(/:root\s*{([^}]*)}/g)) {
    for (const [, name, value] of (block[1] ?? '').matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) {
      if (name && value) properties.set(name, value.trim());
    }
  }
  return properties;
}

/** Replace `var(--name)` and `var(--name, fallback)` with the theme's values (nested once). */
export function inlineCustomProperties(css: string, properties: ReadonlyMap<string, string>): string {
  const substitute = (text: string) =>
    text.replace(/var\(\s*(--[\w-]+)\s*(?:,\s*([^()]*))?\)/g, (whole, name: string, fallback?: string) => properties.get(name) ?? fallback?.trim() ?? whole);
  return substitute(substitute(css));
}
