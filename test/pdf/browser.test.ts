import {existsSync, readdirSync, readFileSync} from 'node:fs';
import type {Browser} from 'puppeteer-core';
import {afterAll, describe, expect, it} from 'vitest';
import {closeBrowser, getBrowser} from '../../src/pdf/browser.js';
import {printPdf} from '../../src/pdf/print.js';
import {CHROMIUM_TIMEOUT, chromiumAvailable, documentHtml, makeTemplate, poppler, scratchDir} from './helpers.js';

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
    const args = launchArgs(await getBrowser());
    expect(args).toEqual(expect.arrayContaining(['--headless=new', '--remote-debugging-pipe', '--host-resolver-rules=MAP * ~NOTFOUND']));
    expect(args.includes('--no-sandbox')).toBe(process.getuid?.() === 0);
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
});
