import {existsSync} from 'node:fs';
import jpeg from 'jpeg-js';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {COVER_SIZE, renderCover, type RenderedCover} from '../../src/epub/cover.js';
import {closeBrowser, drawsFramesOnRequest, getBrowser} from '../../src/pdf/browser.js';
import {findChromium, isHeadlessShell} from '../../src/pdf/chromium.js';
import {loadTemplate} from '../../src/render/load-template.js';
import {CHROMIUM_TIMEOUT, chromiumAvailable} from '../pdf/helpers.js';

async function cover(title: string): Promise<RenderedCover> {
  return renderCover({lang: 'en', dir: 'ltr', title, byline: 'Ada Reporter', articles: [{title}]}, await loadTemplate('pamphlet'), new Map());
}

/** Share of the cover's pixels that are near black: the bundled cover's type. */
function inkShare(bytes: Uint8Array): number {
  const {data, width, height} = jpeg.decode(bytes, {useTArray: true});
  let ink = 0;
  for (let index = 0; index < data.length; index += 4) if (data[index]! + data[index + 1]! + data[index + 2]! < 3 * 80) ink += 1;
  return ink / (width * height);
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

/**
 * The Chromiums this machine has: a headless shell draws frames only when asked, the full
 * browser as they come; each captures the cover its own way.
 */
const FULL_CHROMIUM = '/usr/lib/chromium/chromium';
const browsers = chromiumAvailable ? [findChromium(), ...(existsSync(FULL_CHROMIUM) && isHeadlessShell(findChromium()) ? [FULL_CHROMIUM] : [])] : [];

describe.skipIf(!chromiumAvailable).each(browsers)('the EPUB cover rendered by %s', {timeout: CHROMIUM_TIMEOUT}, (binary) => {
  const saved = process.env['PAMPHLET_CHROMIUM'];
  beforeAll(() => {
    process.env['PAMPHLET_CHROMIUM'] = binary;
  });
  afterEach(() => closeBrowser(), CHROMIUM_TIMEOUT);
  afterAll(() => {
    if (saved === undefined) delete process.env['PAMPHLET_CHROMIUM'];
    else process.env['PAMPHLET_CHROMIUM'] = saved;
  });

  it('draws covers asked for at once one after another, on one page, each its own', async () => {
    expect(drawsFramesOnRequest(await getBrowser())).toBe(isHeadlessShell(binary));
    const titles = ['Tenants win their repairs', 'Library hours cut again', 'Drivers ballot on shifts', 'Allotments saved by vote'];
    const covers = await Promise.all(titles.map(cover));
    covers.forEach((made, index) => {
      const {width, height} = jpeg.decode(made.bytes, {useTArray: true});
      expect([width, height]).toEqual([COVER_SIZE.width * COVER_SIZE.scale, COVER_SIZE.height * COVER_SIZE.scale]);
      // Each cover shows its own title: none was captured while another's document was shown.
      expect(made.alt).toContain(`${titles[index]}.`);
      for (const other of titles.filter((title) => title !== titles[index])) expect(made.alt).not.toContain(other);
      expect(made.blocked).toEqual([]);
    });
    // One page drew all four: the tab Chromium opened at launch.
    expect(await (await getBrowser()).pages()).toHaveLength(1);
  });

  it('captures the document shown, whatever the page drew before', async () => {
    const first = await cover('Tenants win their repairs');
    const second = await cover('Library hours cut again');
    const again = await cover('Tenants win their repairs');
    // The title is drawn: a blank or half-drawn frame has next to no ink.
    expect(inkShare(first.bytes)).toBeGreaterThan(0.01);
    expect(same(second.bytes, first.bytes)).toBe(false);
    expect(same(again.bytes, first.bytes)).toBe(true);
    // The second cover is the one a fresh browser draws first: no part of the first was left in it.
    await closeBrowser();
    expect(same((await cover('Library hours cut again')).bytes, second.bytes)).toBe(true);
  });
});
