#!/usr/bin/env node
// npm run bench:clean — a benchmark, not a test: it scores the compiled cleaner (dist/) on the
// shared corpus and prints numbers next to plain Readability's. Nothing here fails a build.
// Usage: node bench/clean.mjs [--out DIR] [--worst N] [--no-timing]
import {existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {VFile} from 'vfile';
import {timeDom} from './dom-timing.mjs';
import {aebPages, predict, readabilityText, score, worstPages} from './extraction.mjs';
import {compareMetadata, metadataPages} from './metadata.mjs';
import {AEB_HTML, DIST, READABILITY_DEV, SCORER, SEED} from './paths.mjs';
import {seedReport} from './seed.mjs';

const {values} = parseArgs({options: {out: {type: 'string'}, worst: {type: 'string', default: '8'}, 'no-timing': {type: 'boolean'}}});
const say = (line = '') => process.stdout.write(`${line}\n`);
const pct = (share) => `${(share * 100).toFixed(0)}%`;
const fixed = (number) => number.toFixed(3);

if (!existsSync(path.join(DIST, 'clean', 'index.js'))) {
  process.stderr.write('bench: dist/ is missing; run "npm run build" first (npm run bench:clean does)\n');
  process.exit(1);
}
const {ingest} = await import(path.join(DIST, 'ingest', 'index.js'));
const {cleanInput} = await import(path.join(DIST, 'clean', 'index.js'));
const {articleToText} = await import(path.join(DIST, 'article-json.js'));
const {readMetadata} = await import(path.join(DIST, 'clean', 'metadata.js'));

/** The whole cleaning path a user's file takes: read, detect, decode, clean. */
async function cleanFile(file) {
  const input = await ingest(file);
  return cleanInput(input, new VFile({path: input.source.path, value: input.text}));
}

/** The article with its figures and pull quotes left out: prose only. */
function withoutFigures(article) {
  const prune = (node) => ({
    ...node,
    children: node.children
      ?.filter((child) => !(child.type === 'element' && (child.tagName === 'figure' || (child.tagName === 'aside' && String(child.properties.className).includes('pullquote')))))
      .map((child) => (child.children ? prune(child) : child)),
  });
  return {...article, body: prune(article.body)};
}

const out = values.out ?? mkdtempSync(path.join(os.tmpdir(), 'pamphlet-bench-'));

// 1. Extraction on aeb-dev.
if (!existsSync(AEB_HTML) || !existsSync(SCORER)) {
  say(`extraction: skipped, no corpus at ${AEB_HTML} (the shared folder sits beside the repository)`);
} else {
  const pages = aebPages();
  const runs = [
    ['pamphlet', async (page) => articleToText(await cleanFile(page.file))],
    // The benchmark's truth leaves captions out; this line shows what they cost (see bench/README.md).
    ['  no captions', async (page) => articleToText(withoutFigures(await cleanFile(page.file)))],
    ['readability', async (page) => readabilityText(readFileSync(page.file, 'utf8'))],
  ];
  say(`extraction on aeb-dev (${pages.length} pages), predictions in ${out}`);
  say('               F1     P      R      exact  time');
  const perDoc = {};
  for (const [label, extract] of runs) {
    const name = label.trim().replace(/\s+/g, '-');
    const dir = path.join(out, name);
    mkdirSync(dir, {recursive: true});
    const {failures, ms} = await predict(pages, dir, extract);
    perDoc[name] = path.join(out, `${name}.per-doc.tsv`);
    const result = score(dir, perDoc[name]);
    say(
      `${label.padEnd(14)} ${fixed(result.f1)}  ${fixed(result.precision)}  ${fixed(result.recall)}  ${fixed(result.accuracy)}  ${(ms / 1000).toFixed(1)} s`,
    );
    for (const failure of failures) say(`  no article: ${failure}`);
  }
  say(`worst pages (ours), per page in ${perDoc.pamphlet}:`);
  for (const page of worstPages(perDoc.pamphlet, Number(values.worst))) {
    say(`  ${page.id.slice(0, 16)}  F1 ${fixed(page.f1)}  P ${fixed(page.precision)}  R ${fixed(page.recall)}`);
  }
}
say();

// 2. Metadata on readability-dev.
if (!existsSync(READABILITY_DEV)) {
  say(`metadata: skipped, no corpus at ${READABILITY_DEV}`);
} else {
  const pages = metadataPages();
  const articles = new Map();
  for (const page of pages) articles.set(page.name, await cleanFile(page.file).catch(() => undefined));
  const {fields, mismatches} = compareMetadata(pages, (page) => articles.get(page.name));
  say(`metadata on readability-dev (${pages.length} pages; expected = Readability's own output, a few bylines are wrong)`);
  const totals = Object.values(fields).reduce((sum, field) => ({matched: sum.matched + field.matched, scored: sum.scored + field.scored}), {matched: 0, scored: 0});
  for (const [field, {matched, scored}] of Object.entries(fields)) say(`  ${field.padEnd(7)} ${matched}/${scored}  ${pct(matched / scored)}`);
  say(`  all     ${totals.matched}/${totals.scored}  ${pct(totals.matched / totals.scored)}`);
  for (const line of mismatches) say(`  differs: ${line}`);
}
say();

// 3. The seed text dump.
if (!existsSync(SEED)) {
  say(`seed: skipped, no file at ${SEED}`);
} else {
  const checks = seedReport(await cleanFile(SEED));
  say(`seed (${path.basename(SEED)}): ${checks.filter((check) => check.ok).length}/${checks.length} as issue 3 says`);
  for (const {name, ok, value} of checks) say(`  ${ok ? 'ok  ' : 'FAIL'} ${name.padEnd(19)} ${value}`);
}
say();

// 4. linkedom against jsdom for the DOM stage of cleaning.
if (!values['no-timing'] && existsSync(AEB_HTML)) {
  const pages = aebPages();
  const htmlPages = pages.map((page) => readFileSync(page.file, 'utf8'));
  say(`DOM stage (parse + metadata + Readability) on ${htmlPages.length} pages`);
  for (const name of ['linkedom', 'jsdom']) {
    const timing = await timeDom(name, htmlPages, readMetadata);
    if (!timing) {
      say(`  ${name.padEnd(9)} not installed (npm i --no-save jsdom@27 to compare; jsdom 28+ needs Node 22)`);
      continue;
    }
    const dir = path.join(out, `readability-${name}`);
    mkdirSync(dir, {recursive: true});
    pages.forEach((page, index) => writeFileSync(path.join(dir, `${page.id}.txt`), timing.texts[index]));
    const result = score(dir, path.join(out, `readability-${name}.per-doc.tsv`));
    say(
      `  ${name.padEnd(9)} total ${(timing.total / 1000).toFixed(2)} s, median ${timing.median.toFixed(0)} ms, max ${timing.max.toFixed(0)} ms a page; Readability F1 ${fixed(result.f1)} (P ${fixed(result.precision)}, R ${fixed(result.recall)})`,
    );
    for (const error of timing.errors) say(`    threw on ${error}`);
  }
}
