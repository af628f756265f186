// linkedom against jsdom for the DOM half of cleaning: parse the page, read its metadata,
// run Readability. jsdom is not a dependency; when it is absent the comparison is skipped.
import {Readability} from '@mozilla/readability';
import {parseHTML} from 'linkedom';

export const DOMS = {
  linkedom: async () => (html) => parseHTML(html).document,
  jsdom: async () => {
    const {JSDOM, VirtualConsole} = await import('jsdom');
    // A bare virtual console drops the page's CSS parse complaints instead of printing them.
    return (html) => new JSDOM(html, {virtualConsole: new VirtualConsole()}).window.document;
  },
};

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * Times `readMetadata` + Readability on each page with one DOM; returns null when the DOM
 * library is not installed. A warm-up pass over a few pages comes first, so that the JIT
 * and module loading are not charged to the first page.
 */
export async function timeDom(name, htmlPages, readMetadata) {
  let parse;
  try {
    parse = await DOMS[name]();
  } catch {
    return null;
  }
  const stage = (html) => {
    const document = parse(html);
    readMetadata(document);
    return new Readability(document).parse()?.textContent ?? '';
  };
  for (const html of htmlPages.slice(0, 5)) {
    try {
      stage(html);
    } catch {
      // Counted in the measured pass.
    }
  }
  const times = [];
  const texts = [];
  const errors = [];
  for (const [index, html] of htmlPages.entries()) {
    const started = performance.now();
    try {
      texts.push(stage(html));
    } catch (error) {
      // A page the library cannot parse is scored as empty and named, not a crash of the bench.
      texts.push('');
      errors.push(`page ${index + 1}: ${String(error?.message ?? error).split('\n')[0].slice(0, 80)}`);
    }
    times.push(performance.now() - started);
  }
  return {total: times.reduce((sum, ms) => sum + ms, 0), median: median(times), max: Math.max(...times), texts, errors};
}
