import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

/**
 * Pamphlet's own folder, the one with its package.json, templates/ and examples/: the first
 * folder above this module that has a package.json. The module sits one or two levels down in
 * src/ or dist/ as tsc writes it, and in dist/cli/ as the CLI's bundle.
 */
export const PACKAGE_ROOT = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${start}; is pamphlet installed whole?`);
  }
}
