import type {VFile} from 'vfile';
import type {Article} from '../article.js';
import type {IngestedInput} from '../ingest/index.js';
import {cleanHtml} from './html.js';
import {cleanMarkdown} from './markdown.js';
import {cleanTextDump} from './text-dump.js';

/** One cleaner per input form, each producing the same Article; problems go to `file`. */
export function cleanInput(input: IngestedInput, file: VFile): Article {
  switch (input.source.format) {
    case 'html':
      return cleanHtml(input.text, input.source, file);
    case 'markdown':
      return cleanMarkdown(input.text, input.source, file);
    case 'text':
      return cleanTextDump(input.text, input.source, file);
  }
}
