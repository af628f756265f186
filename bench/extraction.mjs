// Article-body extraction on aeb-dev: our cleaner and plain Readability write <id>.txt
// predictions, the benchmark's own scorer compares them with the hand-made truth.
import {execFileSync} from 'node:child_process';
import {readFileSync, readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {Readability} from '@mozilla/readability';
import {parseHTML} from 'linkedom';
import {AEB_HTML, AEB_TRUTH, SCORER} from './paths.mjs';

export function aebPages() {
  return readdirSync(AEB_HTML)
    .filter((name) => name.endsWith('.html'))
    .sort()
    .map((name) => ({id: name.slice(0, -'.html'.length), file: path.join(AEB_HTML, name)}));
}

/** Plain Readability on linkedom, as Percollate uses it: the article's textContent. */
export function readabilityText(html) {
  const {document} = parseHTML(html);
  return new Readability(document).parse()?.textContent ?? '';
}

/**
 * Writes one prediction a page; `extract(page)` returns the text, or throws a PamphletError
 * (E_NO_ARTICLE), which is scored as an empty prediction and counted.
 */
export async function predict(pages, dir, extract) {
  const failures = [];
  const started = performance.now();
  for (const page of pages) {
    let text = '';
    try {
      text = await extract(page);
    } catch (error) {
      if (!error?.code) throw error;
      failures.push(`${page.id.slice(0, 12)}: ${error.code}`);
    }
    writeFileSync(path.join(dir, `${page.id}.txt`), text);
  }
  return {failures, ms: performance.now() - started};
}

/** Runs the scorer; returns {f1, precision, recall, accuracy} and writes the per-page TSV. */
export function score(dir, perDocFile) {
  const summary = path.join(dir, 'summary.json');
  execFileSync('python3', [SCORER, dir, AEB_TRUTH, '--only-present', '--n-bootstrap', '0', '--per-doc', perDocFile, '--json', summary], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return JSON.parse(readFileSync(summary, 'utf8'));
}

/** The pages with the lowest F1, for finding the chrome a rule still misses. */
export function worstPages(perDocFile, count) {
  const [, ...rows] = readFileSync(perDocFile, 'utf8').trim().split('\n');
  return rows
    .map((row) => row.split('\t'))
    .map(([id, , , , precision, recall, f1]) => ({id, precision: Number(precision), recall: Number(recall), f1: Number(f1)}))
    .sort((a, b) => a.f1 - b.f1)
    .slice(0, count);
}
