/**
 * A caption's trailing credit: "(Pic: Jo Bloggs)", "Photo: Jo Bloggs", "Photograph: Agency".
 * Returns the caption without it and the credit's name.
 */
const TRAILING_CREDIT =
  /\s*(?:\(\s*(?:pic|picture|photo|photograph|image|credit|illustration)s?\s*:\s*([^)]+?)\s*\)|(?<=^|[\s.,;])(?:pic|picture|photo|photograph|image|credit|illustration)s?\s*:\s*([^.]+?))\.?\s*$/i;

export function splitCredit(caption: string): {caption: string; credit?: string} {
  const match = TRAILING_CREDIT.exec(caption);
  if (!match || match.index === 0) return {caption: caption.trim()};
  return {caption: caption.slice(0, match.index).trim(), credit: (match[1] ?? match[2])?.trim()};
}
