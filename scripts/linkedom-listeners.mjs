// An esbuild plugin for scripts/bundle.mjs: linkedom's EventTarget, with its listener table
// made when a listener is first added instead of when a node is made.
//
// linkedom 0.18 gives every node it constructs (elements, text, attributes) an empty Map of
// listeners, keyed in one module-wide WeakMap. Cleaning never adds a listener, yet a page makes
// tens of thousands of nodes, and V8 collects WeakMap entries (ephemerons) slowly. `pamphlet
// clean` of the 60 corpus pages five times over took 12.1 s with the eager table and 9.6-10.3 s
// with the lazy one (2 cores), the same 300 articles out, and its peak RSS fell from 214 to
// 200 MB. The change is three edits, each checked: when linkedom's file no longer reads as
// expected the bundle fails and says so, rather than shipping a half-changed class.

import {fileEditPlugin} from './edit-plugin.mjs';

const EDITS = [
  {
    what: 'the constructor',
    from: 'constructor() {\n    wm.set(this, new Map);\n  }',
    to: 'constructor() {\n    // Listeners are kept from the first addEventListener (Pamphlet\'s bundle).\n  }',
  },
  {
    what: 'addEventListener',
    from: 'addEventListener(type, listener, options) {\n    const map = wm.get(this);\n',
    to: 'addEventListener(type, listener, options) {\n    let map = wm.get(this);\n    if (map === undefined) wm.set(this, (map = new Map));\n',
  },
  {
    what: 'removeEventListener',
    from: 'removeEventListener(type, listener) {\n    const map = wm.get(this);\n    if (map.has(type)) {',
    to: 'removeEventListener(type, listener) {\n    const map = wm.get(this);\n    if (map !== undefined && map.has(type)) {',
  },
];

/** linkedom's event-target.js with lazy listener tables; throws when an edit does not apply. */
export function lazyListeners(source, file = 'linkedom/esm/interface/event-target.js') {
  let patched = source.replace(/\r\n/g, '\n');
  for (const edit of EDITS) {
    const at = patched.indexOf(edit.from);
    if (at === -1 || patched.indexOf(edit.from, at + 1) !== -1) {
      throw new Error(`${file}: ${edit.what} is not the code scripts/linkedom-listeners.mjs expects (was linkedom updated?); check the edit against the new file`);
    }
    patched = patched.replace(edit.from, edit.to);
  }
  // Dispatch already reads the table as optional: `const map = wm.get(currentTarget); if (map && …)`.
  if (!patched.includes('const map = wm.get(currentTarget);\n  if (map && map.has(this.type))')) {
    throw new Error(`${file}: event dispatch is not the code scripts/linkedom-listeners.mjs expects (was linkedom updated?)`);
  }
  return patched;
}

export const linkedomLazyListeners = fileEditPlugin({
  name: 'linkedom-lazy-listeners',
  file: 'linkedom/esm/interface/event-target.js',
  script: 'scripts/linkedom-listeners.mjs',
  edit: lazyListeners,
});
