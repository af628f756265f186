// An esbuild plugin for scripts/bundle.mjs: hast-util-minify-whitespace with its three element
// tests made once, when the module loads, instead of on every call.
//
// The module asks `isElement(node, list)` of every node it visits, with lists of 4, 18 and 58 tag
// names, and hast-util-is-element builds a check (a closure for each name) on every such call:
// 106 MB of a 60-article batch's 1,446 MB of allocations, and rehype-minify-whitespace the
// costliest cleaning rule, 0.9 ms a page when warm (0.33 with the checks made once). The checks
// are the library's own (`convertElement`), which answers as `isElement` does for a node
// without an index or a parent, as here. The edit is checked: when the file no longer reads as
// expected, the bundle fails and says so.

import {fileEditPlugin} from './edit-plugin.mjs';

const EDITS = [
  ["import {isElement} from 'hast-util-is-element'\n", "import {convertElement} from 'hast-util-is-element'\n"],
  ['return embedded(node) || isElement(node, contents)\n', 'return embedded(node) || isContent(node)\n'],
  ['return isElement(node, blocks)\n', 'return isBlock(node)\n'],
  ['    isElement(node, skippables)\n', '    isSkippable(node)\n'],
];

const CHECKS = [
  '',
  '// Made once, when the module loads (Pamphlet\'s bundle).',
  'const isContent = convertElement(contents)',
  'const isBlock = convertElement(blocks)',
  'const isSkippable = convertElement(skippables)',
  '',
].join('\n');

/** hast-util-minify-whitespace's lib/index.js with its element checks made once; throws when the edit does not apply. */
export function checksMadeOnce(source, file = 'hast-util-minify-whitespace/lib/index.js') {
  let edited = source.replace(/\r\n/g, '\n');
  for (const [from, to] of EDITS) {
    if (edited.split(from).length !== 2) {
      throw new Error(`${file}: "${from.trim()}" is not in it once, as scripts/minify-whitespace-checks.mjs expects (was hast-util-minify-whitespace updated?); check the edit against the new file`);
    }
    edited = edited.replace(from, to);
  }
  if (/\bisElement\(/.test(edited)) {
    throw new Error(`${file}: it calls isElement where scripts/minify-whitespace-checks.mjs does not expect it (was hast-util-minify-whitespace updated?); check the edit against the new file`);
  }
  return edited + CHECKS;
}

export const minifyWhitespaceChecks = fileEditPlugin({
  name: 'minify-whitespace-checks',
  file: 'hast-util-minify-whitespace/lib/index.js',
  script: 'scripts/minify-whitespace-checks.mjs',
  edit: checksMadeOnce,
});
