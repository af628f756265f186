/**
 * Image types every EPUB 3.2 reading system must render (EPUB 3.2 §3.2, "Core Media Types").
 * WebP only became a core type in EPUB 3.3, which EPUBCheck 4.2 does not know.
 */
export const CORE_IMAGE_TYPES: ReadonlySet<string> = new Set([
  'image/gif',
  'image/jpeg',
  'image/png',
  'image/svg+xml',
]);

/** Font types by file extension, from the same core list (`font/*` names, as EPUB 3.2 prefers). */
const FONT_TYPES: Readonly<Record<string, string>> = {
  otf: 'font/otf',
  ttf: 'font/ttf',
  woff: 'font/woff',
  woff2: 'font/woff2',
};

export function fontMediaType(file: string): string | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase();
  return extension === undefined ? undefined : FONT_TYPES[extension];
}

/** Formats that are compressed already: deflating them again costs time and saves nothing. */
const PRECOMPRESSED_TYPES: ReadonlySet<string> = new Set([
  'image/gif',
  'image/jpeg',
  'image/png',
  'font/woff',
  'font/woff2',
]);

export function isPrecompressed(mediaType: string): boolean {
  return PRECOMPRESSED_TYPES.has(mediaType);
}
