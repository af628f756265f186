import {existsSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {parse as parseYaml} from 'yaml';
import type {z} from 'zod';
import {PamphletError, firstLine} from '../errors.js';
import {CONFIG_KEYS, UserConfig} from './schema.js';

export const CONFIG_NAMES = ['pamphlet.config.json', 'pamphlet.config.yaml', 'pamphlet.config.yml'];

/** Edit distance, to suggest the key a user meant. */
function distance(a: string, b: string): number {
  const row = Array.from({length: b.length + 1}, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

function suggestion(key: string): string {
  const best = CONFIG_KEYS.map((known) => [known, distance(key.toLowerCase(), known)] as const).sort((x, y) => x[1] - y[1])[0];
  return best && best[1] <= 2 ? `; did you mean "${best[0]}"?` : `; the keys are ${CONFIG_KEYS.join(', ')}`;
}

/** One line naming the file, the key and what was expected. */
export function describeIssue(file: string, issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    return `${file}: unknown key "${key}"${suggestion(key)}`;
  }
  const key = issue.path.join('.') || '(top level)';
  return `${file}: key "${key}": ${issue.message.replace(/^Invalid input: /, '')}`;
}

/** Where to look for a config file: the given path, else beside the first input, else the working folder. */
export function findConfig(cwd: string, inputs: readonly string[]): string | undefined {
  const folders = [...new Set([inputs[0] && !/^(-|https?:)/.test(inputs[0]) ? path.dirname(path.resolve(cwd, inputs[0])) : undefined, cwd])];
  for (const folder of folders) {
    if (!folder) continue;
    for (const name of CONFIG_NAMES) {
      const candidate = path.join(folder, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

/** Read and validate a config file; relative paths in it are resolved against its folder. */
export async function loadConfig(file: string): Promise<UserConfig> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new PamphletError('E_USAGE', `${file}: cannot read the config file; check the path`);
  });
  let data: unknown;
  try {
    data = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const reason = firstLine(error);
    throw new PamphletError('E_USAGE', `${file}: not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'} (${reason})`);
  }
  const parsed = UserConfig.safeParse(data ?? {});
  if (!parsed.success) throw new PamphletError('E_USAGE', describeIssue(file, parsed.error.issues[0]!));
  const config = parsed.data;
  const folder = path.dirname(path.resolve(file));
  const relative = (value: string | undefined) => (value === undefined ? undefined : path.resolve(folder, value));
  return {
    ...config,
    out: relative(config.out),
    intro: relative(config.intro),
    icc: relative(config.icc),
    // A template given as a path is relative to the config; a bare name stays a name.
    template: config.template && /[/\\.]/.test(config.template) ? relative(config.template) : config.template,
  };
}
