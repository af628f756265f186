import type {TrimSize} from './page-boxes.js';

/** The paper Chromium prints on: the trim plus the bleed on every side. */
export function mediaSize(trim: TrimSize, bleedMm = 0): TrimSize {
  return {widthMm: trim.widthMm + 2 * bleedMm, heightMm: trim.heightMm + 2 * bleedMm};
}
