/**
 * The schema.org accessibility metadata of a book (EPUB Accessibility 1.1 §2, "Discovery
 * metadata"), stated from what the book contains, so every claim is true of it.
 */
export interface AccessibilityFacts {
  /** Images the book shows, the cover included. */
  images: number;
  /** Images without an `alt` attribute (an empty `alt` marks a decorative image and counts as having one). */
  imagesWithoutAlt: number;
  /** Whether every chapter has headings. */
  headings: boolean;
}

export interface AccessibilityMetadata {
  accessModes: string[];
  accessModesSufficient: string[];
  features: string[];
  hazards: string[];
  summary: string;
}

export function describeAccessibility(facts: AccessibilityFacts): AccessibilityMetadata {
  const visual = facts.images > 0;
  const allDescribed = facts.imagesWithoutAlt === 0;
  const features = [
    // Reflowable text in real characters with CSS a reader may override; no text set in fixed layout.
    'displayTransformability',
    'readingOrder',
    ...(facts.headings ? ['structuralNavigation'] : []),
    'tableOfContents',
    ...(visual && allDescribed ? ['alternativeText'] : []),
  ].sort();
  const sentences = [
    'A reflowable book in one reading order, with a table of contents' + (facts.headings ? ' and headings to navigate by.' : '.'),
    visual
      ? allDescribed
        ? 'Every image has a text alternative, or is marked as decorative.'
        : `${facts.imagesWithoutAlt} of ${facts.images} images have no text alternative.`
      : 'It has no images.',
    'No flashing, motion or sound.',
  ];
  return {
    accessModes: visual ? ['textual', 'visual'] : ['textual'],
    accessModesSufficient: [...(allDescribed ? ['textual'] : []), ...(visual ? ['textual,visual'] : [])],
    features,
    hazards: ['none'],
    summary: sentences.join(' '),
  };
}
