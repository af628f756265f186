#!/usr/bin/env node
// Bundles the CLI into one CommonJS file, dist/cli/cli.cjs, with esbuild: one file to load
// instead of the ~1,500 modules of its dependencies, which Node 20 resolves and reads one by one
// (about 0.45 s of a cold one-article build). CommonJS because bin/pamphlet compiles it with
// V8's code cache, which Node 20 offers for scripts only, not for ES modules. Dynamic imports
// become functions that initialise their modules on first call, so `pamphlet clean` still never
// runs Chromium's driver. The library (dist/index.js) stays as tsc writes it. Some dependency
// files are edited on the way in: see linkedom-listeners.mjs, linkedom-lazy-css.mjs,
// minify-whitespace-checks.mjs and puppeteer-quiet-debug.mjs. Others are left out:
// puppeteer-unused.mjs (parts of puppeteer-core that Pamphlet never runs) and
// epub-gen-no-fetch.mjs (epub-gen-memory's fetching helper). The bundle comes out as plain
// ASCII, its source map moved to match: see ascii-only.mjs.
import {mkdirSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {asciiOnly, shiftSourceMap} from './ascii-only.mjs';
import {linkedomLazyCss} from './linkedom-lazy-css.mjs';
import {linkedomLazyListeners} from './linkedom-listeners.mjs';
import {epubGenNoFetch} from './epub-gen-no-fetch.mjs';
import {minifyWhitespaceChecks} from './minify-whitespace-checks.mjs';
import {puppeteerQuietDebug} from './puppeteer-quiet-debug.mjs';
import {puppeteerWithoutBidi, puppeteerWithoutDownloads, puppeteerWithoutWebSockets} from './puppeteer-unused.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outdir = path.join(root, 'dist', 'cli');
// Emptied every time: bin/pamphlet keeps the code cache here, and a cache must not outlive its bundle.
rmSync(outdir, {recursive: true, force: true});
const outfile = path.join(outdir, 'cli.cjs');
const {outputFiles} = await build({
  entryPoints: [path.join(root, 'src', 'cli.ts')],
  outfile,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // Strict, as the ES modules it is made from (and the ESM bundle before it) always ran. The
  // sources find the package and resolve files from their own URL.
  define: {'import.meta.url': 'pamphletBundleUrl'},
  banner: {js: "'use strict';\nconst pamphletBundleUrl = require('node:url').pathToFileURL(__filename).href;"},
  sourcemap: 'linked',
  // Without comments and indentation the bundle is 7.3 MB instead of 10.3: V8 keeps it in the
  // heap as the script's source, and a batch's peak RSS came out 20-30 MB lower. Names stay as
  // written; --debug maps to src/.
  minifyWhitespace: true,
  plugins: [linkedomLazyListeners, linkedomLazyCss, minifyWhitespaceChecks, puppeteerWithoutDownloads, puppeteerWithoutWebSockets, puppeteerWithoutBidi, epubGenNoFetch, puppeteerQuietDebug],
  logLevel: 'warning',
  write: false,
});
const bundle = outputFiles.find((file) => file.path === outfile);
const map = outputFiles.find((file) => file.path === `${outfile}.map`);
if (bundle === undefined || map === undefined || outputFiles.length !== 2) throw new Error(`esbuild wrote ${outputFiles.map((file) => file.path).join(', ')}, expected ${outfile} and its map`);
const ascii = asciiOnly(bundle.text, path.relative(root, outfile));
mkdirSync(outdir, {recursive: true});
writeFileSync(outfile, ascii.code);
writeFileSync(map.path, JSON.stringify(shiftSourceMap(JSON.parse(map.text), bundle.text, ascii.edits)));
