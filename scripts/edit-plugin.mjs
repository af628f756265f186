// An esbuild plugin that edits one dependency file on its way into the bundle, for
// scripts/bundle.mjs: `edit` gets the file's text and returns the new text, or throws when the
// file no longer reads as the edit expects. A bundle that never loaded the file (its package
// moved it) fails too, rather than shipping without the edit.

/**
 * `file` is the path below node_modules (`linkedom/esm/html/style-element.js`): the plugin
 * edits the file of that path, with either kind of separator.
 * @param {{name: string, file: string, script: string, edit: (source: string, file: string) => string}} options
 */
export function fileEditPlugin({name, file, script, edit}) {
  const escaped = file.split('/').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const filter = new RegExp(`[\\\\/]node_modules[\\\\/]${escaped.join('[\\\\/]')}$`);
  return {
    name,
    setup(build) {
      let applied = false;
      build.onLoad({filter}, async (args) => {
        const {readFile} = await import('node:fs/promises');
        const contents = edit(await readFile(args.path, 'utf8'), args.path);
        applied = true;
        return {contents, loader: 'js'};
      });
      build.onEnd((result) => {
        if (!applied && result.errors.length === 0) {
          result.errors.push({text: `${file} was not bundled; update ${script} to where its package keeps it now`});
        }
      });
    },
  };
}
