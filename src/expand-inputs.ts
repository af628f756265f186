import {readFile, stat} from 'node:fs/promises';
import path from 'node:path';
import {PamphletError} from './errors.js';
import {isUrl} from './ingest/fetch-url.js';

const ARTICLE_FILES = /\.(html?|xhtml|md|markdown|txt|text)$/i;

/**
 * What every glob pattern holds one of. tinyglobby (with fdir, which loads a second picomatch
 * from node_modules) is loaded only for a folder or a missing file with one of these in its
 * name: otherwise about 10 ms of compiling and initialising at every start (timed by
 * instrumenting; too little to show in the time of whole builds).
 */
const GLOB_CHARACTERS = /[*?[\]{}()!]/;

const globber = () => import('tinyglobby');

/** The article files `pattern` matches in `cwd`, sorted. */
async function articleFiles(pattern: string, cwd: string): Promise<string[]> {
  const {glob} = await globber();
  return (await glob(pattern, {cwd, onlyFiles: true})).filter((file) => ARTICLE_FILES.test(file)).sort();
}

/**
 * What the user typed → the inputs to read, in order: files as they are, "-" for stdin, URLs,
 * folders (their article files, sorted), globs, and "@list.txt" (one input a line; blank
 * lines and "#" comments skipped; relative paths are relative to the list).
 */
export async function expandInputs(specs: readonly string[], cwd: string): Promise<string[]> {
  const result: string[] = [];
  for (const spec of specs) {
    if (spec === '-' || isUrl(spec)) {
      result.push(spec);
    } else if (spec.startsWith('@')) {
      const listFile = path.resolve(cwd, spec.slice(1));
      const text = await readFile(listFile, 'utf8').catch(() => {
        throw new PamphletError('E_INPUT_MISSING', `${spec.slice(1)}: cannot read the input list; check the path`, {input: spec});
      });
      const lines = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
      result.push(...(await expandInputs(lines, path.dirname(listFile))).map((input) => (input === '-' || isUrl(input) ? input : path.resolve(path.dirname(listFile), input))));
    } else {
      // A file or folder that exists is taken as named, even when its name reads as a pattern
      // ("Article (1).html", as browsers save a second copy).
      const info = await stat(path.resolve(cwd, spec)).catch(() => undefined);
      if (info?.isDirectory()) {
        const files = await articleFiles('*', path.resolve(cwd, spec));
        if (files.length === 0) throw new PamphletError('E_INPUT_MISSING', `${spec}: the folder holds no .html, .md or .txt files`, {input: spec});
        result.push(...files.map((file) => path.join(path.resolve(cwd, spec), file)));
      } else if (info === undefined && GLOB_CHARACTERS.test(spec) && (await globber()).isDynamicPattern(spec)) {
        const matches = await articleFiles(spec, cwd);
        if (matches.length === 0) throw new PamphletError('E_INPUT_MISSING', `${spec}: no article files match this pattern`, {input: spec});
        result.push(...matches.map((file) => path.join(cwd, file)));
      } else {
        result.push(spec);
      }
    }
  }
  return result;
}
