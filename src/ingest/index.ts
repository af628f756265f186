import type {ArticleSource} from '../article.js';
import {PamphletError} from '../errors.js';
import {decode} from './decode.js';
import {detectFormat} from './detect-format.js';
import type {FetchLimits} from './fetch-url.js';
import {limitMarkdownNesting, limitNesting, MAX_MARKDOWN_NESTING, MAX_NESTING} from './nesting.js';
import {readInput} from './read-input.js';

/** A problem found while reading, for the caller to put on the input's VFile. */
export interface IngestWarning {
  reason: string;
  ruleId: string;
}

/** One input read, recognised and decoded: what `clean` starts from. */
export interface IngestedInput {
  source: ArticleSource;
  text: string;
  encoding: string;
  warnings: IngestWarning[];
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
  const warnings: IngestWarning[] = [];
  let body = text;
  if (format === 'html') {
    const nesting = limitNesting(text);
    if (nesting.removed > 0) {
      body = nesting.html;
      warnings.push({
        reason: `Unexpected nesting ${nesting.depth} elements deep, expected at most ${MAX_NESTING}: the ${nesting.removed} elements below that were unwrapped, their text kept`,
        ruleId: 'nesting-limit',
      });
    }
  }
  if (format === 'markdown') {
    const nesting = limitMarkdownNesting(text);
    if (nesting.changed > 0) {
      body = nesting.markdown;
      warnings.push({
        reason: `Unexpected quotes or lists nested more than ${MAX_MARKDOWN_NESTING} deep on ${nesting.changed} lines, expected fewer: flattened to that depth`,
        ruleId: 'nesting-limit',
      });
    }
  }
  return {source: {path: raw.path, baseDir: raw.baseDir, format}, text: body, encoding, warnings};
}

export {decode, declaredCharset} from './decode.js';
export {detectFormat} from './detect-format.js';
export {fetchUrl, isUrl, type FetchLimits} from './fetch-url.js';
export {limitMarkdownNesting, limitNesting, MAX_MARKDOWN_NESTING, MAX_NESTING} from './nesting.js';
export {readInput} from './read-input.js';
