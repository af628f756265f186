import {PNG} from 'pngjs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {makeEpub} from '../../src/epub/index.js';
import {loadTemplate} from '../../src/render/load-template.js';
import {examplePath} from '../support/examples.js';
import {partOf, unpack} from './support/pipeline.js';

function userCover(): Uint8Array {
  const png = new PNG({width: 10, height: 16});
  for (let offset = 0; offset < png.data.length; offset += 4) png.data.set([40, 80, 160, 255], offset);
  return new Uint8Array(PNG.sync.write(png));
}

beforeAll(() => {
  process.env['SOURCE_DATE_EPOCH'] = '1700000000';
});

describe('makeEpub', () => {
  it('packages the user\'s own cover image, with its alt text', async () => {
    const part = await partOf(examplePath('tenants-union.md'));
    const bytes = await makeEpub({parts: [part], cover: {bytes: userCover(), alt: 'A blue field.'}}, await loadTemplate('pamphlet'));
    const {names, texts} = await unpack(bytes);
    expect(names).toContain('OEBPS/cover.png');
    expect(names).not.toContain('OEBPS/cover.jpg');
    expect(texts.get('OEBPS/cover.xhtml')).toContain('<img src="cover.png" alt="A blue field." role="doc-cover"/>');
    expect(texts.get('OEBPS/content.opf')).toContain('<item id="cover-image" href="cover.png" media-type="image/png" properties="cover-image"/>');
  });

  it('makes a book without a cover when asked', async () => {
    const part = await partOf(examplePath('strike-ballot.txt'));
    const {names, texts} = await unpack(await makeEpub({parts: [part], cover: 'none'}, await loadTemplate('pamphlet')));
    expect(names.filter((name) => name.includes('cover'))).toEqual([]);
    expect(texts.get('OEBPS/nav.xhtml')).not.toContain('epub:type="cover"');
    // Only the cover was an image: the book is text alone.
    expect(texts.get('OEBPS/content.opf')).not.toContain('>visual<');
  });

  it('rejects a cover that is neither JPEG nor PNG', async () => {
    const part = await partOf(examplePath('strike-ballot.txt'));
    const cover = {bytes: new TextEncoder().encode('GIF89a'), alt: 'x'};
    await expect(makeEpub({parts: [part], cover}, await loadTemplate('pamphlet'))).rejects.toMatchObject({code: 'E_USAGE'});
  });

  describe('without Chromium', () => {
    const saved = process.env['PAMPHLET_CHROMIUM'];
    afterAll(() => {
      if (saved === undefined) delete process.env['PAMPHLET_CHROMIUM'];
      else process.env['PAMPHLET_CHROMIUM'] = saved;
    });

    it('still makes the book, without a cover, and says why', async () => {
      // This file never launches a browser before this test, so the next launch reads the variable.
      process.env['PAMPHLET_CHROMIUM'] = '/nonexistent/chromium';
      const part = await partOf(examplePath('strike-ballot.txt'));
      const {names} = await unpack(await makeEpub({parts: [part]}, await loadTemplate('pamphlet')));
      expect(names).not.toContain('OEBPS/cover.jpg');
      expect(part.file.messages.filter((message) => message.ruleId === 'epub-cover')).toHaveLength(1);
    });
  });
});
