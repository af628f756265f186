import {existsSync} from 'node:fs';
import {cp} from 'node:fs/promises';
import path from 'node:path';
import {PamphletError} from './errors.js';
import {BUNDLED_TEMPLATES} from './render/load-template.js';

/**
 * Copy a bundled template into ./templates/NAME for editing; `--template NAME` then finds it.
 * Never overwrites: an existing folder is the user's work.
 */
export async function initTemplate(name: string, options: {cwd?: string; from?: string} = {}): Promise<string> {
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(name)) {
    throw new PamphletError('E_USAGE', `template name "${name}": use letters, digits, dots, dashes and underscores only`);
  }
  const source = path.join(BUNDLED_TEMPLATES, options.from ?? 'pamphlet');
  if (!existsSync(path.join(source, 'template.json'))) throw new PamphletError('E_USAGE', `no bundled template "${options.from}" to copy`);
  const target = path.join(options.cwd ?? process.cwd(), 'templates', name);
  if (existsSync(target)) throw new PamphletError('E_USAGE', `${target} already exists; choose another name or edit that template`);
  await cp(source, target, {recursive: true});
  return target;
}
