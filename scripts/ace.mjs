#!/usr/bin/env node
// Checks EPUBs with DAISY Ace (accessibility: axe-core on every content document, plus the
// package's accessibility metadata) and prints each violation. Exits 1 if any book has one.
//
//   node scripts/ace.mjs [book.epub …]        (default: every .epub in output/)
//
// Ace drives Chromium through puppeteer; it uses the system Chromium, as Pamphlet does
// (PAMPHLET_CHROMIUM, then PUPPETEER_EXECUTABLE_PATH, then the paths findChromium knows).
import {execFile} from 'node:child_process';
import {existsSync} from 'node:fs';
import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const ACE_CLI = path.join(root, 'node_modules', '.bin', 'ace-cli');

// Pamphlet's own lookup (src/pdf/chromium.ts), from the built dist/: undefined before a build.
const findChromium = await import('../dist/pdf/chromium.js').then(
  (module) => module.findChromium,
  () => undefined,
);

function chromiumPath() {
  try {
    return findChromium?.();
  } catch {
    return undefined; // no Chromium, or a variable naming a missing file
  }
}

/** Whether `runAce` can run here: ace-cli is installed, Pamphlet is built and a Chromium exists. */
export function isAceAvailable() {
  return existsSync(ACE_CLI) && chromiumPath() !== undefined;
}

/**
 * Runs Ace on one EPUB. Resolves to its violations, `{document, rule, impact, message}` each,
 * an empty list when Ace's outcome is "pass".
 */
export async function runAce(epubPath, {timeout = 120_000} = {}) {
  const folder = await mkdtemp(path.join(tmpdir(), 'pamphlet-ace-'));
  try {
    const executable = chromiumPath();
    const env = {...process.env, ...(executable ? {PUPPETEER_EXECUTABLE_PATH: executable} : {})};
    const output = await new Promise((resolve) => {
      execFile(ACE_CLI, ['--force', '--silent', '--outdir', folder, epubPath], {env, timeout, maxBuffer: 16 * 1024 * 1024}, (error, stdout, stderr) =>
        resolve({error, text: `${stdout}${stderr}`}),
      );
    });
    const json = await readFile(path.join(folder, 'report.json'), 'utf8').catch(() => undefined);
    if (json === undefined) throw new Error(`Ace wrote no report for ${epubPath}:\n${output.text || output.error}`);
    const report = JSON.parse(json);
    return report.assertions.flatMap((documentAssertion) =>
      documentAssertion.assertions.map((assertion) => ({
        document: documentAssertion['earl:testSubject']?.url,
        rule: assertion['earl:test']['dct:title'],
        impact: assertion['earl:test']['earl:impact'],
        message: assertion['earl:result']['dct:description'],
      })),
    );
  } finally {
    await rm(folder, {recursive: true, force: true});
  }
}

async function main(args) {
  const books = args.length > 0 ? args : (await readdir(path.join(root, 'output')).catch(() => [])).filter((name) => name.endsWith('.epub')).map((name) => path.join(root, 'output', name));
  if (books.length === 0) {
    process.stderr.write('ace: no EPUB given and none in output/; run `pamphlet build` first\n');
    return 2;
  }
  if (!isAceAvailable()) {
    process.stderr.write('ace: needs @daisy/ace-cli (npm install), a built Pamphlet (npm run build) and Chromium (see README)\n');
    return 2;
  }
  let failed = 0;
  for (const book of books) {
    const violations = await runAce(book);
    process.stdout.write(`${path.relative(process.cwd(), book)}: ${violations.length === 0 ? 'no violations' : `${violations.length} violations`}\n`);
    for (const violation of violations) {
      process.stdout.write(`  ${violation.document}  ${violation.impact}  ${violation.message}  ${violation.rule}\n`);
    }
    if (violations.length > 0) failed += 1;
  }
  return failed > 0 ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
