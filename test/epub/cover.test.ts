import jpeg from 'jpeg-js';
import {afterAll, describe, expect, it} from 'vitest';
import {COVER_SIZE, renderCover} from '../../src/epub/cover.js';
import {closeBrowser, getBrowser} from '../../src/pdf/browser.js';
import {loadTemplate} from '../../src/render/load-template.js';
import {CHROMIUM_TIMEOUT, chromiumAvailable} from '../pdf/helpers.js';

describe.skipIf(!chromiumAvailable)('the rendered EPUB cover', {timeout: CHROMIUM_TIMEOUT}, () => {
  afterAll(() => closeBrowser(), CHROMIUM_TIMEOUT);

  it('draws covers asked for at once one after another, on one page, each its own', async () => {
    await closeBrowser();
    const template = await loadTemplate('pamphlet');
    const titles = ['Tenants win their repairs', 'Library hours cut again', 'Drivers ballot on shifts', 'Allotments saved by vote'];
    const covers = await Promise.all(
      titles.map((title) => renderCover({lang: 'en', dir: 'ltr', title, byline: 'Ada Reporter', articles: [{title}]}, template, new Map())),
    );
    covers.forEach((cover, index) => {
      const {width, height} = jpeg.decode(cover.bytes, {useTArray: true});
      expect([width, height]).toEqual([COVER_SIZE.width * COVER_SIZE.scale, COVER_SIZE.height * COVER_SIZE.scale]);
      // Each cover shows its own title: none was captured while another's document was shown.
      expect(cover.alt).toContain(`${titles[index]}.`);
      for (const other of titles.filter((title) => title !== titles[index])) expect(cover.alt).not.toContain(other);
      expect(cover.blocked).toEqual([]);
    });
    // One page drew all four: the tab Chromium opened at launch.
    expect(await (await getBrowser()).pages()).toHaveLength(1);
  });
});
