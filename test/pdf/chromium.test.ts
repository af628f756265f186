import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {CHROMIUM_PATHS, findChromium, isHeadlessShell} from '../../src/pdf/chromium.js';
import {scratchDir} from './helpers.js';

describe('findChromium', () => {
  const scratch = scratchDir();
  afterAll(scratch.remove);
  const file = (name: string): string => {
    const path = join(scratch.dir, name);
    writeFileSync(path, '');
    return path;
  };
  const pamphlet = file('pamphlet-chromium');
  const puppeteer = file('puppeteer-chrome');
  const installed = file('installed-chromium');
  const missing = join(scratch.dir, 'missing');
  const directory = join(scratch.dir, 'a-directory');
  mkdirSync(directory);

  it('prefers PAMPHLET_CHROMIUM, then PUPPETEER_EXECUTABLE_PATH, then the known paths', () => {
    const candidates = [installed];
    expect(findChromium({PAMPHLET_CHROMIUM: pamphlet, PUPPETEER_EXECUTABLE_PATH: puppeteer}, candidates)).toBe(pamphlet);
    expect(findChromium({PUPPETEER_EXECUTABLE_PATH: puppeteer}, candidates)).toBe(puppeteer);
    expect(findChromium({}, candidates)).toBe(installed);
  });

  it('treats an empty variable as unset', () => {
    expect(findChromium({PAMPHLET_CHROMIUM: '', PUPPETEER_EXECUTABLE_PATH: puppeteer}, [installed])).toBe(puppeteer);
  });

  it('takes the first known path that is a file', () => {
    expect(findChromium({}, [missing, directory, installed, pamphlet])).toBe(installed);
  });

  it.each(['PAMPHLET_CHROMIUM', 'PUPPETEER_EXECUTABLE_PATH'])('names %s when it points to no file', (name) => {
    const find = () => findChromium({[name]: missing}, [installed]);
    expect(find).toThrow(expect.objectContaining({code: 'E_NO_CHROMIUM', message: expect.stringContaining(`${name} is set to "${missing}"`)}));
  });

  it('says how to install Chromium when none is found', () => {
    expect(() => findChromium({}, [missing])).toThrow(
      expect.objectContaining({
        code: 'E_NO_CHROMIUM',
        message: 'no Chromium found: install it with "apt-get install chromium-headless-shell" or set PAMPHLET_CHROMIUM to its path',
      }),
    );
  });

  it("checks Debian's headless shell first, and its binaries before their noisy /usr/bin wrappers", () => {
    expect(CHROMIUM_PATHS[0]).toBe('/usr/lib/chromium/chromium-headless-shell');
    expect(CHROMIUM_PATHS.indexOf('/usr/lib/chromium/chromium')).toBeLessThan(CHROMIUM_PATHS.indexOf('/usr/bin/chromium'));
    expect(CHROMIUM_PATHS).not.toContain('/usr/bin/chromium-headless-shell');
  });

  it('tells a headless shell from a full Chromium or Chrome by its file name', () => {
    expect(isHeadlessShell('/usr/lib/chromium/chromium-headless-shell')).toBe(true);
    expect(isHeadlessShell('/home/me/.cache/puppeteer/chrome-headless-shell/linux-131/chrome-headless-shell-linux64/chrome-headless-shell')).toBe(true);
    expect(isHeadlessShell('C:\\Chrome\\chrome-headless-shell.exe')).toBe(true);
    expect(isHeadlessShell('/usr/lib/chromium/chromium')).toBe(false);
    expect(isHeadlessShell('/opt/headless-shell-tools/chrome')).toBe(false);
  });
});
