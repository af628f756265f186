import type {ArticleSource} from '../article.js';
import {PamphletError} from '../errors.js';
import {decode} from './decode.js';
import {detectFormat} from './detect-format.js';
import type {FetchLimits} from './fetch-url.js';
import {readInput} from './read-input.js';

/** One input read, recognised and decoded: what `clean` starts from. */
export interface IngestedInput {
  source: ArticleSource;
  text: string;
  encoding: string;
}

/** Read an input (file, "-" or URL), refuse what is not an article file, decode its text. */
export async function ingest(input: string, cwd?: string, limits?: FetchLimits): Promise<IngestedInput> {
  const raw = await readInput(input, cwd, limits);
  if (raw.bytes.length === 0) {
    throw new PamphletError('E_INPUT_EMPTY', `${raw.path}: the file is empty; nothing to build`, {input: raw.path});
  }
  const format = detectFormat(raw.path, raw.bytes, () => decode(raw.bytes, undefined, raw.charset).text, raw.mediaType);
  const {text, encoding} = decode(raw.bytes, format, raw.charset);
  if (text.trim() === '') {
    throw new PamphletError('E_INPUT_EMPTY', `${raw.path}: the file holds only whitespace; nothing to build`, {input: raw.path});
  }
  return {source: {path: raw.path, baseDir: raw.baseDir, format}, text, encoding};
}

export {decode, declaredCharset} from './decode.js';
export {detectFormat} from './detect-format.js';
export {fetchUrl, isUrl, type FetchLimits} from './fetch-url.js';
export {readInput} from './read-input.js';
