import {statSync} from 'node:fs';
import {PamphletError} from '../errors.js';

/** Variables naming a Chromium binary, in the order they are read. */
const CHROMIUM_ENV_VARS = ['PAMPHLET_CHROMIUM', 'PUPPETEER_EXECUTABLE_PATH'] as const;

/**
 * Where Debian, Ubuntu, snap, Google and macOS put Chromium or Chrome. Debian's headless shell
 * (package chromium-headless-shell) comes first: it is the same Blink without the desktop
 * browser around it: a one-article build takes about 0.6 s less, a print starts no Print
 * Compositor process, and a batch peaks 100-150 MB lower. Debian's binaries come before their
 * /usr/bin wrappers, shell scripts that add flags and print to stderr.
 */
export const CHROMIUM_PATHS: readonly string[] = [
  '/usr/lib/chromium/chromium-headless-shell',
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
 * Device pixels per CSS pixel of the EPUB cover, laid out at 800 × 1280 and captured at
 * 1600 × 2560, and of every page of a headless shell: the shell captures a frame at its
 * window's scale, not at the scale a page emulates. What Chromium prints does not depend on
 * it: the 60 corpus pages gave the same PDFs, byte for byte, at either scale.
 */
export const DEVICE_SCALE = 2;

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
    'no Chromium found: install it with "apt-get install chromium-headless-shell" or set PAMPHLET_CHROMIUM to its path',
  );
}

/**
 * Whether `path` is a headless shell (Debian's `chromium-headless-shell`, Google's
 * `chrome-headless-shell`), which puppeteer must launch in its `shell` mode.
 */
export function isHeadlessShell(path: string): boolean {
  return /headless[-_]shell(\.exe)?$/i.test(path);
}

function isFile(path: string): boolean {
  return statSync(path, {throwIfNoEntry: false})?.isFile() ?? false;
}
