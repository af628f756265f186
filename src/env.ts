import {createHash} from 'node:crypto';

/**
 * The one place Pamphlet reads the clock. Honours SOURCE_DATE_EPOCH (seconds since
 * 1970) so that the same input gives the same bytes, as reproducible-builds.org asks.
 */
export function now(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env['SOURCE_DATE_EPOCH'];
  if (epoch !== undefined && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date();
}

/**
 * The date of a document made of articles: the newest of their own dates, so a rebuild gives
 * the same bytes; SOURCE_DATE_EPOCH or the clock only when none has a date.
 */
export function documentDate(isoDates: ReadonlyArray<string | undefined>): Date {
  const times = isoDates.map((date) => (date ? new Date(date).getTime() : Number.NaN)).filter((time) => !Number.isNaN(time));
  return times.length > 0 ? new Date(Math.max(...times)) : now();
}

/** An RFC 4122 version-5-shaped UUID derived from `seed`, for EPUB identifiers. */
export function stableUuid(seed: string): string {
  const hex = createHash('sha1').update(seed).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
