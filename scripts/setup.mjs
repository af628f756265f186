#!/usr/bin/env node
// Makes a fresh machine ready: npm dependencies, the system programs Pamphlet drives, and the
// compiled dist/. Runs before `npm start` and `npm test`, so it may only use Node built-ins.
// Usage: node scripts/setup.mjs [--for-tests]
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, statSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const forTests = process.argv.includes('--for-tests');
const say = (line) => process.stderr.write(`setup: ${line}\n`);

function fail(line) {
  process.stderr.write(`setup: error: ${line}\n`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, {cwd: root, stdio: ['ignore', 'inherit', 'inherit'], ...options});
  return result.status === 0;
}

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], {stdio: 'ignore'}).status === 0;
}

// 1. Node itself.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) fail(`Node ${process.versions.node} is too old; install Node 20.19 or newer`);

// 2. npm dependencies, when missing or older than the lockfile.
const installed = path.join(root, 'node_modules', '.package-lock.json');
const lock = path.join(root, 'package-lock.json');
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  say('installing npm dependencies (npm ci)');
  if (!run('npm', ['ci', '--no-audit', '--no-fund'])) fail('"npm ci" failed; see the npm output above');
}

// 3. System programs. Chromium prints the PDFs; the tests also read PDFs with poppler and
//    check EPUBs with Debian's EPUBCheck (the version Kobo's intake runs) on Java. Debian's
//    chromium-headless-shell is the Chromium Pamphlet prefers (src/pdf/chromium.ts says why).
const HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell';
const CHROMIUM_PATHS = [
  process.env.PAMPHLET_CHROMIUM,
  process.env.PUPPETEER_EXECUTABLE_PATH,
  HEADLESS_SHELL,
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
].filter(Boolean);
const missing = [];
// Installed when setup can, with a note when it cannot: a Chromium is there already.
const faster = [];
if (!CHROMIUM_PATHS.some((candidate) => existsSync(candidate))) missing.push('chromium-headless-shell');
else if (!process.env.PAMPHLET_CHROMIUM && !process.env.PUPPETEER_EXECUTABLE_PATH && !existsSync(HEADLESS_SHELL) && existsSync('/usr/lib/chromium/chromium')) {
  // Debian's full Chromium is there, so its headless shell is one package away.
  faster.push('chromium-headless-shell');
}
if (forTests) {
  if (!onPath('pdftoppm') || !onPath('pdffonts')) missing.push('poppler-utils');
  if (!existsSync('/usr/share/java/epubcheck.jar')) missing.push('epubcheck');
  if (!onPath('java')) missing.push('default-jre-headless');
  // --pdfx converts with Ghostscript; its tests need it.
  if (!onPath('gs')) missing.push('ghostscript');
}
if (missing.length > 0 || faster.length > 0) {
  const packages = [...missing, ...faster];
  const command = `apt-get update && apt-get install -y ${packages.join(' ')}`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && onPath('apt-get')) {
    say(`installing ${packages.join(', ')} with apt-get`);
    const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'};
    const install = (list) => run('apt-get', ['install', '-y', '-qq', ...list], {env});
    if (!run('apt-get', ['update', '-qq'], {env})) fail(`"apt-get update" failed; run "${command}" yourself`);
    if (!install(packages)) {
      // A distribution without the headless shell (Ubuntu ships Chromium as a snap) gets its
      // own Chromium package instead; where a Chromium is there already, it is kept.
      const fallback = missing.map((name) => (name === 'chromium-headless-shell' ? 'chromium' : name));
      if (fallback.length > 0 && !install(fallback)) fail(`could not install ${fallback.join(', ')}; run "apt-get update && apt-get install -y ${fallback.join(' ')}" yourself`);
      if (faster.length > 0) say(`could not install ${faster.join(', ')}; printing with Debian's full Chromium, which is slower to start`);
    }
  } else if (missing.length > 0) {
    fail(`${missing.join(', ')} not found; install with "sudo ${command}" (or set PAMPHLET_CHROMIUM to a Chromium or Chrome binary)`);
  } else {
    say(`printing with Debian's full Chromium; "sudo ${command}" makes a one-article build about 0.6 s faster`);
  }
}

// 4. Compile TypeScript to dist/ and bundle the CLI into dist/cli/ (the CLI never compiles at run time).
say('compiling TypeScript');
try {
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {cwd: root, stdio: 'inherit'});
  execFileSync(process.execPath, [path.join(root, 'scripts', 'bundle.mjs')], {cwd: root, stdio: 'inherit'});
} catch {
  fail('TypeScript compilation failed; see the errors above');
}
