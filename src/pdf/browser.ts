import {mkdtemp, readlink, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import puppeteer, {type Browser} from 'puppeteer-core';
import {PamphletError, firstLine} from '../errors.js';
import {DEVICE_SCALE, findChromium, isHeadlessShell} from './chromium.js';

/**
 * Flags on top of puppeteer's defaults. The browser only ever renders sealed pages, so it
 * needs no network: the host-resolver rule makes every host (IP literals included) unknown,
 * which stops the DNS lookups and TCP connections that `<link rel="preconnect">` and
 * `dns-prefetch` open without a request that interception could see. Pages are served by
 * interception, which answers before any resolution.
 */
const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-extensions',
  '--disable-default-apps',
  '--mute-audio',
  '--hide-scrollbars',
  '--host-resolver-rules=MAP * ~NOTFOUND',
  // The headless shell hints glyphs fully unless told otherwise, which rounds their advances to
  // whole pixels and moves line breaks. Slight hinting (fontconfig's default, which Chromium
  // follows) gives the same PDFs from both, byte for byte. Chromium ignores the flag. (Their
  // covers differ: each is captured its own way, see FRAMES_ON_REQUEST_ARGS.)
  '--font-render-hinting=slight',
  // Memory for what sealed pages never use. The network service runs in the browser process,
  // not a process of its own (interception answers every request): a 200-article batch peaked
  // 20-40 MB lower. No software GL (SwiftShader) for WebGL, which pages with JavaScript off
  // cannot use: the GPU process, which only composites covers, peaked about 15 MB lower. The
  // same PDFs and covers, byte for byte.
  '--enable-features=NetworkServiceInProcess2',
  '--disable-software-rasterizer',
];

/**
 * A headless shell can draw a frame only when asked (`HeadlessExperimental.beginFrame`), with
 * every stage of it, images decoded included, run before it is drawn. Pages shown to be printed
 * then draw none, and a cover draws the one it captures. Drawn as they came, frames of every
 * document shown cost the GPU and browser processes as much as the covers' captures did: a
 * cover took 105-120 ms (wall) to capture, and 70-80 ms drawn on request. Five interleaved pairs
 * of 60-article batches: 9.7 s against 11.3 s (medians); a one-article build 0.93 s against 1.03.
 */
const FRAMES_ON_REQUEST_ARGS = [
  '--enable-begin-frame-control',
  '--run-all-compositor-stages-before-draw',
  '--disable-checker-imaging',
  `--force-device-scale-factor=${DEVICE_SCALE}`,
];

/** Browsers launched with `FRAMES_ON_REQUEST_ARGS`. */
const framesOnRequest = new WeakSet<Browser>();

/** Whether `browser`'s pages draw a frame only when asked to (a headless shell). */
export function drawsFramesOnRequest(browser: Browser): boolean {
  return framesOnRequest.has(browser);
}

let launched: Promise<Browser> | undefined;

/**
 * The process's one Chromium, launched on first use and reused. If it has crashed or been
 * closed, the next call launches a new one.
 */
export function getBrowser(): Promise<Browser> {
  if (launched === undefined) {
    const launching: Promise<Browser> = launchChromium().then(
      (browser) => {
        browser.once('disconnected', () => {
          if (launched === launching) launched = undefined;
        });
        return browser;
      },
      (error: unknown) => {
        if (launched === launching) launched = undefined;
        throw error;
      },
    );
    launched = launching;
  }
  return launched;
}

/** Removes a launched browser's temporary folders; called when it is closed, and when its Chromium exits. */
const removeFoldersOf = new WeakMap<Browser, () => Promise<void>>();

/**
 * Closes the browser if one was launched. Everything it wrote is in temporary folders that
 * nothing keeps, so Chromium is killed with its whole process group instead of being asked to
 * shut down, which took about 100 ms of every run; then the folders are removed.
 */
export async function closeBrowser(): Promise<void> {
  const closing = launched;
  launched = undefined;
  const browser = await closing?.catch(() => undefined);
  if (!browser) return;
  const chromium = browser.process();
  if (chromium?.pid !== undefined && chromium.exitCode === null && chromium.signalCode === null) {
    try {
      // puppeteer starts Chromium as the leader of its own process group (detached).
      process.kill(-chromium.pid, 'SIGKILL');
    } catch {
      chromium.kill('SIGKILL');
    }
    // Killed, its processes run none of their code again: what is left is the kernel freeing
    // their memory, 15-30 ms at the end of every run that this process need not wait for. Its
    // pipes and its handle would keep this process alive until then.
    for (const stream of chromium.stdio) stream?.destroy();
    chromium.unref();
  }
  // Only ends puppeteer's connection; `close()` would wait for Chromium's exit.
  await browser.disconnect().catch(() => undefined);
  await removeFoldersOf.get(browser)?.();
}

/**
 * Launches Chromium on a fresh profile in a temporary folder, removed when the browser is closed
 * or its Chromium exits, together with the folder full Chromium keeps its ProcessSingleton socket
 * in (`$TMPDIR/org.chromium.Chromium.*`, found through the profile's `SingletonSocket` link):
 * killed, Chromium leaves that one behind, one for every run. The headless shell makes none.
 */
async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  const temporary = tmpdir();
  const profile = await mkdtemp(path.join(temporary, 'pamphlet-chromium-'));
  // The sandbox cannot start as root (containers, CI); everywhere else it stays on.
  const asRoot = process.getuid?.() === 0;
  const shell = isHeadlessShell(executablePath);
  let browser: Browser;
  try {
    // `pipe` keeps DevTools off any port and Chromium's stderr out of ours.
    browser = await puppeteer.launch({
      executablePath,
      headless: shell ? 'shell' : true,
      pipe: true,
      userDataDir: profile,
      args: [...CHROMIUM_ARGS, ...(shell ? FRAMES_ON_REQUEST_ARGS : []), ...(asRoot ? ['--no-sandbox'] : [])],
    });
  } catch (error) {
    await removeFolders([profile, await singletonFolder(profile, temporary)]);
    throw new PamphletError(
      'E_NO_CHROMIUM',
      `Chromium at ${executablePath} did not start: ${firstLine(error)}`,
      {cause: error},
    );
  }
  if (shell) framesOnRequest.add(browser);
  const singleton = await singletonFolder(profile, temporary);
  let removal: Promise<void> | undefined;
  const remove = () => (removal ??= removeFolders([profile, singleton]));
  removeFoldersOf.set(browser, remove);
  // A Chromium that crashed or was killed from outside leaves its folders too.
  const chromium = browser.process();
  if (chromium === null || chromium.exitCode !== null || chromium.signalCode !== null) void remove();
  else chromium.once('exit', () => void remove());
  return browser;
}

/** The folder of the profile's ProcessSingleton socket, when it is one Chromium made in `temporary`. */
async function singletonFolder(profile: string, temporary: string): Promise<string | undefined> {
  const socket = await readlink(path.join(profile, 'SingletonSocket')).catch(() => undefined);
  if (socket === undefined) return undefined;
  const folder = path.dirname(socket);
  const ours = path.dirname(folder) === temporary && /^(org\.chromium\.Chromium|com\.google\.Chrome)\.\w+$/.test(path.basename(folder));
  return ours ? folder : undefined;
}

async function removeFolders(folders: Array<string | undefined>): Promise<void> {
  for (const folder of folders) {
    if (folder !== undefined) await rm(folder, {recursive: true, force: true, maxRetries: 3}).catch(() => undefined);
  }
}
