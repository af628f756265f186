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
//    check EPUBs with Debian's EPUBCheck (the version Kobo's intake runs) on Java.
const CHROMIUM_PATHS = [
  process.env.PAMPHLET_CHROMIUM,
  process.env.PUPPETEER_EXECUTABLE_PATH,
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
].filter(Boolean);
const missing = [];
if (!CHROMIUM_PATHS.some((candidate) => existsSync(candidate))) missing.push('chromium');
if (forTests) {
  if (!onPath('pdftoppm') || !onPath('pdffonts')) missing.push('poppler-utils');
  if (!existsSync('/usr/share/java/epubcheck.jar')) missing.push('epubcheck');
  if (!onPath('java')) missing.push('default-jre-headless');
  // --pdfx converts with Ghostscript; its tests need it.
  if (!onPath('gs')) missing.push('ghostscript');
}
if (missing.length > 0) {
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && onPath('apt-get')) {
    say(`installing ${missing.join(', ')} with apt-get`);
    const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'};
    if (!run('apt-get', ['update', '-qq'], {env}) || !run('apt-get', ['install', '-y', '-qq', ...missing], {env})) {
      fail(`could not install ${missing.join(', ')}; run "${command}" yourself`);
    }
  } else {
    fail(`${missing.join(', ')} not found; install with "sudo ${command}" (or set PAMPHLET_CHROMIUM to a Chromium or Chrome binary)`);
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
