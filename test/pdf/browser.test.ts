import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {Browser} from 'puppeteer-core';
import {afterAll, describe, expect, it} from 'vitest';
import {closeBrowser, getBrowser} from '../../src/pdf/browser.js';
import {CHROMIUM_PATHS, findChromium, isHeadlessShell} from '../../src/pdf/chromium.js';
import {printPdf} from '../../src/pdf/print.js';
import {CHROMIUM_TIMEOUT, chromiumAvailable, documentHtml, makeTemplate, poppler, scratchDir} from './helpers.js';

const DEBIAN_SHELL = '/usr/lib/chromium/chromium-headless-shell';
const DEBIAN_CHROMIUM = '/usr/lib/chromium/chromium';

function launchArgs(browser: Browser): string[] {
  return browser.process()?.spawnargs ?? [];
}

function profileDir(browser: Browser): string {
  const flag = launchArgs(browser).find((arg) => arg.startsWith('--user-data-dir='));
  if (flag === undefined) throw new Error('Chromium was launched without --user-data-dir');
  return flag.slice('--user-data-dir='.length);
}

/** Processes of a process group still running (zombies waiting for their reaper left out). */
function liveProcessesOfGroup(group: number): number[] {
  const live: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while listed
    }
    // After "pid (name)": state, parent, process group.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === group && state !== 'Z') live.push(Number(entry));
  }
  return live;
}

describe.skipIf(!chromiumAvailable)('the shared browser', {timeout: CHROMIUM_TIMEOUT}, () => {
  const scratch = scratchDir();
  afterAll(async () => {
    await closeBrowser();
    scratch.remove();
  }, CHROMIUM_TIMEOUT);

  it('is launched once and reused, even when asked for twice at once', async () => {
    const [first, second] = await Promise.all([getBrowser(), getBrowser()]);
    expect(second).toBe(first);
    expect(await getBrowser()).toBe(first);
  });

  it('runs headless on a pipe, with no network and the sandbox off only for root', async () => {
    const browser = await getBrowser();
    const args = launchArgs(browser);
    // A headless shell takes plain --headless; Chromium's own headless mode is --headless=new.
    const headless = isHeadlessShell(browser.process()!.spawnfile) ? '--headless' : '--headless=new';
    expect(args).toEqual(expect.arrayContaining([headless, '--remote-debugging-pipe', '--host-resolver-rules=MAP * ~NOTFOUND']));
    expect(args.includes('--no-sandbox')).toBe(process.getuid?.() === 0);
  });

  it('has no network service process and no software GL', async () => {
    const browser = await getBrowser();
    const page = await browser.newPage();
    try {
      await page.setContent('<p>Open.</p>');
      const commandLines = liveProcessesOfGroup(browser.process()!.pid!).flatMap((pid) => {
        try {
          return [readFileSync(`/proc/${pid}/cmdline`, 'utf8')];
        } catch {
          return []; // exited since it was listed
        }
      });
      expect(commandLines.some((line) => line.includes('--type=renderer'))).toBe(true);
      expect(commandLines.filter((line) => line.includes('--utility-sub-type=network.'))).toEqual([]);
      const session = await browser.target().createCDPSession();
      const {gpu} = await session.send('SystemInfo.getInfo');
      await session.detach();
      expect(gpu.devices.map((device) => device.deviceString).join(' ')).not.toMatch(/SwiftShader/i);
    } finally {
      await page.close();
    }
  });

  it('ends every Chromium process and removes its temporary profile when closed', async () => {
    const browser = await getBrowser();
    const profile = profileDir(browser);
    const group = browser.process()!.pid!;
    // A page, so there is a renderer (and a zygote) besides the browser process.
    await (await browser.newPage()).setContent('<p>Open.</p>');
    expect(liveProcessesOfGroup(group).length).toBeGreaterThan(1);
    expect(existsSync(profile)).toBe(true);
    await closeBrowser();
    expect(existsSync(profile)).toBe(false);
    // SIGKILL is delivered at once, but a big process takes a moment to finish exiting.
    await expect.poll(() => liveProcessesOfGroup(group), {timeout: 5000}).toEqual([]);
    await closeBrowser();
  });

  it('launches a new Chromium after a crash', async () => {
    const crashed = await getBrowser();
    const disconnected = new Promise((resolve) => crashed.once('disconnected', resolve));
    crashed.process()?.kill('SIGKILL');
    await disconnected;
    const next = await getBrowser();
    expect(next).not.toBe(crashed);
    expect(next.connected).toBe(true);
    const {pdf} = await printPdf(
      {html: documentHtml('<p>Still printing.</p>'), template: makeTemplate(scratch.dir), assets: new Map()},
      {widthMm: 105, heightMm: 148},
    );
    expect(poppler('pdftotext', [], pdf).trim()).toBe('Still printing.');
    // The print took the tab Chromium opened at launch rather than opening a second one.
    expect(await next.pages()).toHaveLength(1);
  });

  // The Chromium a build would use, and each of Debian's that is installed.
  const binaries = [findChromium(), ...[DEBIAN_CHROMIUM, DEBIAN_SHELL].filter((binary) => existsSync(binary))];
  it.each([...new Set(binaries)])('leaves nothing in the temporary folder after %s is closed', async (binary) => {
    // Short: Chromium's singleton socket goes in it, and a socket's path has at most 107 bytes.
    const tmp = mkdtempSync(join(tmpdir(), 't-'));
    try {
      await withChromium(binary, {TMPDIR: tmp}, async () => {
        const {pdf} = await printPdf(
          {html: documentHtml('<p>Nothing left.</p>'), template: makeTemplate(scratch.dir), assets: new Map()},
          {widthMm: 105, heightMm: 148},
        );
        expect(poppler('pdftotext', [], pdf).trim()).toBe('Nothing left.');
        // The profile, and with full Chromium the folder of its singleton socket.
        expect(readdirSync(tmp)).toContainEqual(expect.stringMatching(/^pamphlet-chromium-/));
        await closeBrowser();
        expect(readdirSync(tmp)).toEqual([]);
      });
    } finally {
      rmSync(tmp, {recursive: true, force: true});
    }
  });
});

/**
 * Runs `work` with `binary` as the process's Chromium and `env` set, both undone afterwards;
 * the shared browser is closed before and after.
 */
async function withChromium<T>(binary: string, env: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const vars = {...env, PAMPHLET_CHROMIUM: binary};
  const saved = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]));
  Object.assign(process.env, vars);
  try {
    await closeBrowser();
    return await work();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await closeBrowser();
  }
}

describe.skipIf(!existsSync(DEBIAN_SHELL) || !existsSync(DEBIAN_CHROMIUM))("Debian's headless shell", {timeout: CHROMIUM_TIMEOUT}, () => {
  const scratch = scratchDir();
  afterAll(async () => {
    await closeBrowser();
    scratch.remove();
  }, CHROMIUM_TIMEOUT);

  /** Every word of the PDF with its box, as pdftotext -bbox gives them. */
  async function wordsPrintedBy(binary: string, html: string): Promise<string[]> {
    return withChromium(binary, {}, async () => {
      expect((await getBrowser()).process()?.spawnfile).toBe(binary);
      const {pdf} = await printPdf({html, template: makeTemplate(scratch.dir), assets: new Map()}, {widthMm: 105, heightMm: 148});
      return poppler('pdftotext', ['-bbox'], pdf)
        .split('\n')
        .filter((line) => line.includes('<word '));
    });
  }

  it('is the first Chromium looked for', () => {
    expect(CHROMIUM_PATHS[0]).toBe(DEBIAN_SHELL);
  });

  it('sets every word where Chromium sets it, so a page breaks its lines the same on both', async () => {
    const words =
      'Tenants on every floor of the block kept a shared notebook of leaks, broken lifts, damp walls ' +
      'and unanswered letters; within a month the landlord’s surveyors had 214 entries to answer, each ' +
      'dated, photographed and signed by the household that wrote it. ';
    const html = documentHtml(`<p style="text-align: justify">${words.repeat(4)}</p><h1 style="letter-spacing: 0.1em">Street Level</h1>`);
    const shell = await wordsPrintedBy(DEBIAN_SHELL, html);
    const chromium = await wordsPrintedBy(DEBIAN_CHROMIUM, html);
    expect(shell.length).toBeGreaterThan(100);
    expect(shell).toEqual(chromium);
  });
});
