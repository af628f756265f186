// An esbuild plugin for scripts/bundle.mjs: puppeteer-core's debug channels cost nothing while
// the `DEBUG` environment variable is unset, as the `debug` package then logs nothing.
//
// Puppeteer logs every DevTools message it sends and receives on a debug channel. In Node, each
// call waits for the `debug` package, makes a new logger for the channel, and so asks whether
// stderr is a terminal (an isatty system call), only to find the channel off. In a 60-article
// batch the isatty calls alone took 44 ms of Node's main thread. Five interleaved pairs of
// 60-article batches: Node's CPU time 6.35 against 6.59 s (medians). With DEBUG set (to any
// channels), every call goes to `debug` as before. The edit is checked: when the file no longer
// reads as expected, the bundle fails and says so.

import {fileEditPlugin} from './edit-plugin.mjs';

const CALL = '            (await importDebug())(prefix)(logArgs);\n';

/** puppeteer-core's common/Debug.js with its Node loggers skipped while DEBUG is unset; throws when the edit does not apply. */
export function quietUnlessDebug(source, file = 'puppeteer-core/lib/esm/puppeteer/common/Debug.js') {
  const text = source.replace(/\r\n/g, '\n');
  if (text.split(CALL).length !== 2) {
    throw new Error(`${file}: "${CALL.trim()}" is not in it once, as scripts/puppeteer-quiet-debug.mjs expects (was puppeteer-core updated?); check the edit against the new file`);
  }
  return text.replace(CALL, "            if (process.env['DEBUG']) (await importDebug())(prefix)(logArgs);\n");
}

export const puppeteerQuietDebug = fileEditPlugin({
  name: 'puppeteer-quiet-debug',
  file: 'puppeteer-core/lib/esm/puppeteer/common/Debug.js',
  script: 'scripts/puppeteer-quiet-debug.mjs',
  edit: quietUnlessDebug,
});
