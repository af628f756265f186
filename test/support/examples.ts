import {readdirSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const EXAMPLES = path.join(ROOT, 'examples');
export const GOLDENS = path.join(ROOT, 'test', 'goldens');

/** The bundled examples, by file name: the same list `pamphlet build` uses. */
export const exampleNames: string[] = readdirSync(EXAMPLES)
  .filter((name) => /\.(html|md|txt)$/.test(name))
  .sort();

export const examplePath = (name: string) => path.join(EXAMPLES, name);
export const goldenPath = (name: string, file: string) => path.join(GOLDENS, name.replace(/\.[^.]+$/, ''), file);
