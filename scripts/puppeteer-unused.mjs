// esbuild plugins for scripts/bundle.mjs: three parts of puppeteer-core that Pamphlet never runs
// are left out of the bundle, each replaced by code that throws if it is ever reached.
//
// - @puppeteer/browsers' httpUtil.js downloads browsers. Pamphlet launches the Chromium it finds
//   (src/pdf/chromium.ts). The file loads Node's https module and proxy-agent when the driver
//   loads: 11 ms of every build that prints, and with proxy-agent come quickjs-emscripten,
//   esprima, escodegen and ast-types.
// - The `ws` WebSocket client. Pamphlet talks to Chromium over a pipe (src/pdf/browser.ts).
// - WebDriver BiDi (`bidi/bidi.js` and chromium-bidi). Pamphlet drives Chromium over CDP.
//
// Together they were 1.4 MB of the 7.3 MB bundle, which V8 keeps in the heap as the script's
// source. Each edit is checked: when a file no longer reads as expected, the bundle fails and
// says so.

import {fileEditPlugin} from './edit-plugin.mjs';

const SCRIPT = 'scripts/puppeteer-unused.mjs';

/** What a left-out part does when called: says which part and why. */
const thrower = (what) => `throw new Error(${JSON.stringify(`${what} is not part of Pamphlet's bundle (${SCRIPT})`)})`;

function unexpected(file, what) {
  return new Error(`${file}: ${what}, which ${SCRIPT} does not expect (was puppeteer-core updated?); check the edit against the new file`);
}

/** The functions @puppeteer/browsers' httpUtil.js exports, which the rest of that package imports. */
const HTTP_UTIL_EXPORTS = ['headHttpRequest', 'httpRequest', 'downloadFile', 'getJSON', 'getText'];

/** httpUtil.js as functions of the same names that throw; throws when the file exports others. */
export function withoutDownloads(source, file = '@puppeteer/browsers/lib/esm/httpUtil.js') {
  const exported = [...source.matchAll(/^export\s+(?:async\s+)?function\s+(\w+)/gm)].map((match) => match[1]);
  const others = source.match(/^export\s+(?!(?:async\s+)?function\b)/m);
  if (others !== null || exported.join() !== HTTP_UTIL_EXPORTS.join()) {
    throw unexpected(file, `it exports ${others === null ? exported.join(', ') : 'more than functions'}`);
  }
  const refuse = `() => { ${thrower('Downloading a browser')}; }`;
  return HTTP_UTIL_EXPORTS.map((name) => `export const ${name} = ${refuse};\n`).join('');
}

const WS_IMPORT = "import NodeWebSocket from 'ws';\n";

/** NodeWebSocketTransport.js with a WebSocket class that throws in place of the `ws` package. */
export function withoutWebSockets(source, file = 'puppeteer-core/lib/esm/puppeteer/node/NodeWebSocketTransport.js') {
  const text = source.replace(/\r\n/g, '\n');
  if (text.split(WS_IMPORT).length !== 2) throw unexpected(file, `it does not import ws as "${WS_IMPORT.trim()}" once`);
  return text.replace(WS_IMPORT, `class NodeWebSocket { constructor() { ${thrower('A WebSocket connection')}; } }\n`);
}

/** bidi/bidi.js as a module that throws when it is imported; throws when the file is not the index it expects. */
export function withoutBidi(source, file = 'puppeteer-core/lib/esm/puppeteer/bidi/bidi.js') {
  const statements = source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//'));
  if (statements.length === 0 || !statements.every((line) => /^export \* from '\.\/\w+\.js';$/.test(line))) {
    throw unexpected(file, 'it is more than a list of re-exports');
  }
  return `${thrower('WebDriver BiDi')};\n`;
}

export const puppeteerWithoutDownloads = fileEditPlugin({
  name: 'puppeteer-without-downloads',
  file: '@puppeteer/browsers/lib/esm/httpUtil.js',
  script: SCRIPT,
  edit: withoutDownloads,
});

export const puppeteerWithoutWebSockets = fileEditPlugin({
  name: 'puppeteer-without-websockets',
  file: 'puppeteer-core/lib/esm/puppeteer/node/NodeWebSocketTransport.js',
  script: SCRIPT,
  edit: withoutWebSockets,
});

export const puppeteerWithoutBidi = fileEditPlugin({
  name: 'puppeteer-without-bidi',
  file: 'puppeteer-core/lib/esm/puppeteer/bidi/bidi.js',
  script: SCRIPT,
  edit: withoutBidi,
});
