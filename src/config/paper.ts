import {PamphletError} from '../errors.js';

/** Trim size of the printed page, in millimetres. */
export interface PaperSize {
  widthMm: number;
  heightMm: number;
}

/** Named sizes: ISO 216 A-series and the North American letter sizes (8.5 × 11 in, 5.5 × 8.5 in). */
export const PAPER_SIZES: Readonly<Record<string, PaperSize>> = {
  a4: {widthMm: 210, heightMm: 297},
  a5: {widthMm: 148, heightMm: 210},
  a6: {widthMm: 105, heightMm: 148},
  letter: {widthMm: 215.9, heightMm: 279.4},
  'half-letter': {widthMm: 139.7, heightMm: 215.9},
};

/** Smaller than a playing card or larger than A3 is not a pamphlet page. */
const MIN_MM = 50;
const MAX_MM = 420;

/** "a5", "Letter", "110x178mm", "110 × 178 mm" → a size in mm. */
export function parsePaper(value: string): PaperSize {
  const key = value.trim().toLowerCase();
  const named = PAPER_SIZES[key];
  if (named) return named;
  const match = /^(\d+(?:\.\d+)?)\s*[x×]\s*(\d+(?:\.\d+)?)\s*mm$/.exec(key);
  if (!match) {
    throw new PamphletError('E_USAGE', `paper "${value}" is not a size; use a4, a5, a6, letter, half-letter or WxHmm such as 110x178mm`);
  }
  const size = {widthMm: Number(match[1]), heightMm: Number(match[2])};
  for (const side of [size.widthMm, size.heightMm]) {
    if (side < MIN_MM || side > MAX_MM) {
      throw new PamphletError('E_USAGE', `paper "${value}": each side must be between ${MIN_MM} and ${MAX_MM} mm`);
    }
  }
  return size;
}

/** Print shops ask for 3 mm; up to 10 mm covers every guillotine and every shop's request. */
const MAX_BLEED_MM = 10;

/** `--bleed`: "3mm", "3 mm", "3" (mm), "0.125in" or "9pt" → millimetres. */
export function parseBleed(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(mm|in|pt)?$/.exec(value.trim().toLowerCase());
  if (!match) throw new PamphletError('E_USAGE', `--bleed: unexpected "${value}", expected a length such as 3mm or 0.125in`);
  const amount = Number(match[1]);
  const mm = match[2] === 'in' ? amount * 25.4 : match[2] === 'pt' ? (amount * 25.4) / 72 : amount;
  if (mm > MAX_BLEED_MM) throw new PamphletError('E_USAGE', `--bleed ${value}: unexpected bleed of ${mm.toFixed(1)} mm, expected at most ${MAX_BLEED_MM} mm`);
  return mm;
}
