// An esbuild plugin for scripts/bundle.mjs: epub-gen-memory's fetching helper replaced by one
// that refuses. Pamphlet hands epub-gen-memory every file in memory and overrides each step that
// would fetch or read one (src/epub/pamphlet-epub.ts), so in the bundle a fetch cannot happen at
// all: a step left unreplaced fails, naming the URL, instead of reaching the network or the disk.
//
// The helper loads node-fetch, and with it Node's https and TLS modules and whatwg-url's
// Unicode tables, when the EPUB code loads: 7-9 ms of every build, and 0.4 MB of the bundle,
// which V8 keeps in the heap as the script's source. The edit is checked: when the file no longer
// reads as expected, the bundle fails and says so.

import {fileEditPlugin} from './edit-plugin.mjs';

const SCRIPT = 'scripts/epub-gen-no-fetch.mjs';

/** What the module must hold, each once: its two exports and the fetch it is replaced for. */
const EXPECTED = ['exports.type = void 0;\n', "exports.type = 'nodebuffer';\n", 'var fetchable = function (url, timeout) {', 'exports.default = fetchable;\n', 'require("node-fetch")'];

/** epub-gen-memory's lib/util/fetchable.js as a helper that refuses every URL; throws when the file is not as expected. */
export function fetchRefused(source, file = 'epub-gen-memory/dist/lib/util/fetchable.js') {
  const text = source.replace(/\r\n/g, '\n');
  const exported = [...new Set([...text.matchAll(/\bexports\.(\w+)\s*=/g)].map((match) => match[1]))];
  const missing = EXPECTED.find((part) => text.split(part).length !== 2);
  if (missing !== undefined || exported.join() !== 'type,default') {
    const what = missing === undefined ? `it exports ${exported.join(', ')}` : `"${missing.trim()}" is not in it once`;
    throw new Error(`${file}: ${what}, as ${SCRIPT} does not expect (was epub-gen-memory updated?); check the edit against the new file`);
  }
  return [
    '"use strict";',
    'Object.defineProperty(exports, "__esModule", { value: true });',
    "exports.type = 'nodebuffer';",
    `exports.default = function fetchable(url) { return Promise.reject(new Error("epub-gen-memory asked to fetch " + url + ", which Pamphlet's bundle never lets it do (${SCRIPT})")); };`,
    '',
  ].join('\n');
}

export const epubGenNoFetch = fileEditPlugin({
  name: 'epub-gen-no-fetch',
  file: 'epub-gen-memory/dist/lib/util/fetchable.js',
  script: SCRIPT,
  edit: fetchRefused,
});
