import {statSync} from 'node:fs';
import {PamphletError} from '../errors.js';

/** Variables naming a Chromium binary, in the order they are read. */
const CHROMIUM_ENV_VARS = ['PAMPHLET_CHROMIUM', 'PUPPETEER_EXECUTABLE_PATH'] as const;

/**
 * Where Debian, Ubuntu, snap, Google and macOS put Chromium or Chrome. Debian's binary comes
 * before its /usr/bin/chromium wrapper, a shell script that adds flags and prints to stderr.
 */
export const CHROMIUM_PATHS: readonly string[] = [
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/**
 * The Chromium to print with: `PAMPHLET_CHROMIUM`, then `PUPPETEER_EXECUTABLE_PATH`, then the
 * first of `candidates` that exists. A variable naming a missing file is an error rather than
 * a reason to fall back, so a typo never silently selects another browser.
 */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  candidates: readonly string[] = CHROMIUM_PATHS,
): string {
  for (const name of CHROMIUM_ENV_VARS) {
    const path = env[name];
    if (!path) continue;
    if (isFile(path)) return path;
    throw new PamphletError(
      'E_NO_CHROMIUM',
      `${name} is set to "${path}", which is not a file: fix the path or unset ${name}`,
    );
  }
  const found = candidates.find(isFile);
  if (found !== undefined) return found;
  throw new PamphletError(
    'E_NO_CHROMIUM',
    'no Chromium found: install it with "apt-get install chromium" or set PAMPHLET_CHROMIUM to its path',
  );
}

function isFile(path: string): boolean {
  return statSync(path, {throwIfNoEntry: false})?.isFile() ?? false;
}
