import {readdirSync} from 'node:fs';
import {copyFile, cp} from 'node:fs/promises';
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

/**
 * `count` copies of the examples in `dir`, named `00-<example>`, `01-<example>`, … in turn, with
 * the saved page's images beside them; their paths in order.
 */
export async function copyExamples(dir: string, count: number): Promise<string[]> {
  await cp(path.join(EXAMPLES, 'images'), path.join(dir, 'images'), {recursive: true});
  const copies: string[] = [];
  for (let index = 0; index < count; index++) {
    const name = exampleNames[index % exampleNames.length]!;
    const copy = path.join(dir, `${String(index).padStart(2, '0')}-${name}`);
    await copyFile(examplePath(name), copy);
    copies.push(copy);
  }
  return copies;
}
