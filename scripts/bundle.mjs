#!/usr/bin/env node
// Bundles the CLI into dist/cli/ with esbuild: one file to load instead of the ~1,500 modules
// of its dependencies, which Node 20 resolves and reads one by one (about 0.45 s of a cold
// one-article build). Dynamic imports stay lazy as their own chunks, so `pamphlet clean` never
// loads Chromium's driver. The library (dist/index.js) stays as tsc writes it. One dependency
// file is edited on the way in: see linkedom-listeners.mjs.
import {rmSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {linkedomLazyListeners} from './linkedom-listeners.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outdir = path.join(root, 'dist', 'cli');
rmSync(outdir, {recursive: true, force: true});
await build({
  entryPoints: [path.join(root, 'src', 'cli.ts')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Several dependencies are CommonJS and require Node's modules at run time.
  banner: {js: "import {createRequire as pamphletCreateRequire} from 'node:module'; const require = pamphletCreateRequire(import.meta.url);"},
  sourcemap: 'linked',
  plugins: [linkedomLazyListeners],
  logLevel: 'warning',
});
