// An esbuild plugin for scripts/bundle.mjs: linkedom's <style> element, with the CSS parser it
// reads a style sheet with (cssomnom) loaded when a sheet is first read instead of when the
// bundle starts.
//
// linkedom imports cssomnom for `HTMLStyleElement.sheet` alone, and cleaning never reads a
// sheet; yet cssomnom's module set-up took 15 ms of every start (profiled, a one-article build).
// A `require` inside the getter is bundled by esbuild as a call that initialises the module on
// first use. The edit is checked: when linkedom's file no longer reads as expected, the bundle
// fails and says so.

import {fileEditPlugin} from './edit-plugin.mjs';

const FROM = "import {parse} from 'cssomnom/parse';\n";
const TO = "// cssomnom is loaded when a sheet is first read (Pamphlet's bundle).\nconst parse = (css) => require('cssomnom/parse').parse(css);\n";

/** linkedom's style-element.js reading cssomnom lazily; throws when the edit does not apply. */
export function lazyCssParser(source, file = 'linkedom/esm/html/style-element.js') {
  const normalised = source.replace(/\r\n/g, '\n');
  // The import, and no other mention of cssomnom that would load it at start.
  if (!normalised.includes(FROM) || (normalised.match(/cssomnom/g) ?? []).length !== 1) {
    throw new Error(`${file}: its import of cssomnom is not the code scripts/linkedom-lazy-css.mjs expects (was linkedom updated?); check the edit against the new file`);
  }
  return normalised.replace(FROM, TO);
}

export const linkedomLazyCss = fileEditPlugin({
  name: 'linkedom-lazy-css',
  file: 'linkedom/esm/html/style-element.js',
  script: 'scripts/linkedom-lazy-css.mjs',
  edit: lazyCssParser,
});
