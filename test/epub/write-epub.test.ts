import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import jpeg from 'jpeg-js';
import JSZip from 'jszip';
import {PNG} from 'pngjs';
import {VFile} from 'vfile';
import {afterAll, afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {isEpubcheckAvailable, runEpubcheck, writeEpub, type EpubBook} from '../../src/epub/index.js';
import {prepareFonts} from '../../src/epub/write-epub.js';
import type {Asset} from '../../src/render/asset.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fontFile = (name: string) => path.join(root, 'node_modules/@fontsource/source-serif-4/files', name);

function redSquarePng(width = 4, height = 4): Uint8Array {
  const png = new PNG({width, height});
  for (let offset = 0; offset < png.data.length; offset += 4) png.data.set([200, 30, 30, 255], offset);
  return new Uint8Array(PNG.sync.write(png));
}

const photo: Asset = {href: 'assets/3f2a9c1e.png', mediaType: 'image/png', bytes: redSquarePng()};
const webp: Asset = {href: 'assets/77aa01.webp', mediaType: 'image/webp', bytes: new Uint8Array([0x52, 0x49, 0x46, 0x46])};

function sampleBook(overrides: Partial<EpubBook> = {}): EpubBook {
  return {
    title: 'The Case for Slow Roads',
    subtitle: 'Why the lanes matter',
    authors: ['Ada Byron', 'Charles Babbage'],
    lang: 'en-GB',
    date: '2024-03-05',
    modified: new Date('2024-03-05T00:00:00Z'),
    description: '',
    publisher: 'The Parish Pump',
    sourceUrl: 'https://example.org/slow-roads',
    identifierSeed: 'https://example.org/slow-roads',
    css:
      '@font-face { font-family: "Source Serif 4"; font-weight: 400; font-style: normal;' +
      ' src: url(fonts/source-serif-4-latin-400-normal.woff2) format("woff2"); }\n' +
      'body { font-family: "Source Serif 4", serif; }\n',
    fonts: [
      {
        family: 'Source Serif 4',
        weight: 400,
        style: 'normal',
        file: 'source-serif-4-latin-400-normal.woff2',
        path: fontFile('source-serif-4-latin-400-normal.woff2'),
      },
      {
        family: 'Source Serif 4',
        weight: 400,
        style: 'italic',
        file: 'source-serif-4-latin-400-italic.woff2',
        path: fontFile('source-serif-4-latin-400-italic.woff2'),
      },
    ],
    assets: new Map([
      [photo.href, photo],
      [webp.href, webp],
    ]),
    chapters: [
      {
        title: 'The Case for Slow Roads',
        lang: 'en-GB',
        content:
          '<header><h1>The Case for Slow Roads</h1><p class="byline">Ada Byron &amp; Charles Babbage</p></header>' +
          '<section><p>Lanes <em>matter</em> — “quietly”.</p>' +
          `<figure><img src="${photo.href}" alt="A red square"/><figcaption>Red.</figcaption></figure>` +
          `<p>No WebP in EPUB 3.2: <img src="${webp.href}" alt="dropped"/></p></section>`,
      },
      {
        title: 'Notes',
        lang: 'fr',
        content:
          `<section epub:type="endnotes"><h2>Notes</h2><ol><li id="n1">Voir <img src="${photo.href}" alt=""/>.</li>` +
          '<li id="n2"><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" role="img" aria-label="Un point">' +
          '<circle cx="5" cy="5" r="4"/></svg></li></ol></section>',
      },
    ],
    ...overrides,
  };
}

function coverJpeg(): Uint8Array {
  const width = 16;
  const height = 26;
  const data = new Uint8Array(width * height * 4).fill(180);
  return new Uint8Array(jpeg.encode({data, width, height}, 90).data);
}

async function entries(bytes: Uint8Array): Promise<JSZip> {
  return JSZip.loadAsync(bytes);
}

async function text(zip: JSZip, name: string): Promise<string> {
  const file = zip.file(name);
  if (!file) throw new Error(`${name} is not in the EPUB`);
  return file.async('string');
}

describe('writeEpub', () => {
  it('writes mimetype first and stored, and the package files', async () => {
    const bytes = await writeEpub(sampleBook());

    // Local file header: signature, then compression method 0 (stored) at offset 8, name at 30.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    expect(view.getUint16(8, true)).toBe(0);
    expect(new TextDecoder().decode(bytes.subarray(30, 38))).toBe('mimetype');
    expect(new TextDecoder().decode(bytes.subarray(38, 58))).toBe('application/epub+zip');

    const zip = await entries(bytes);
    expect(Object.keys(zip.files).sort()).toEqual([
      'META-INF/container.xml',
      'OEBPS/assets/3f2a9c1e.png',
      'OEBPS/chapter-1.xhtml',
      'OEBPS/chapter-2.xhtml',
      'OEBPS/content.opf',
      'OEBPS/fonts/source-serif-4-latin-400-italic.ttf',
      'OEBPS/fonts/source-serif-4-latin-400-normal.ttf',
      'OEBPS/nav.xhtml',
      'OEBPS/style.css',
      'OEBPS/toc.ncx',
      'mimetype',
    ]);

    const opf = await text(zip, 'OEBPS/content.opf');
    expect(opf).toContain('<dc:language>en-GB</dc:language>');
    expect(opf).toContain('xml:lang="en-GB"');
    expect(opf).not.toContain('xml:lang="en"');
    expect(opf.match(/<dc:creator\b/g)).toHaveLength(2);
    expect(opf).toContain('<dc:creator id="creator-1">Ada Byron</dc:creator>');
    expect(opf).toContain('<dc:creator id="creator-2">Charles Babbage</dc:creator>');
    expect(opf).not.toContain('dc:description');
    expect(opf).toContain('<meta property="dcterms:modified">2024-03-05T00:00:00Z</meta>');
    expect(opf).toContain('<dc:date>2024-03-05</dc:date>');
    expect(opf).toContain('<dc:source>https://example.org/slow-roads</dc:source>');
    expect(opf).toMatch(/<dc:identifier id="pub-id">urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}<\/dc:identifier>/);
    // Kindle embeds only TrueType and OpenType: each WOFF2 is replaced by its WOFF, unwrapped.
    expect(opf).toContain('<item id="font-1" href="fonts/source-serif-4-latin-400-normal.ttf" media-type="font/ttf"/>');
    expect(opf).not.toContain('woff');
    expect(opf).not.toContain('webp');

    expect(await text(zip, 'OEBPS/chapter-1.xhtml')).not.toContain('<img src="assets/77aa01.webp"');
    const chapter = await text(zip, 'OEBPS/chapter-2.xhtml');
    expect(chapter).toContain('xml:lang="fr" lang="fr"');
    expect(opf).toContain('<item id="chapter-2" href="chapter-2.xhtml" media-type="application/xhtml+xml" properties="svg"/>');
    expect(await text(zip, 'OEBPS/nav.xhtml')).toMatch(/<nav epub:type="toc" role="doc-toc"/);
    expect(await text(zip, 'OEBPS/toc.ncx')).toContain('<content src="chapter-2.xhtml"/>');

    // The template's CSS loads the upright face; the writer points it at the TrueType file and
    // declares the italic, which the CSS does not load.
    const css = await text(zip, 'OEBPS/style.css');
    expect(css.match(/@font-face/g)).toHaveLength(2);
    expect(css).toContain('url(fonts/source-serif-4-latin-400-normal.ttf) format("truetype")');
    expect(css).toContain('url(fonts/source-serif-4-latin-400-italic.ttf) format("truetype")');
    expect(css).not.toContain('woff');
    const font = await zip.file('OEBPS/fonts/source-serif-4-latin-400-normal.ttf')?.async('uint8array');
    expect(Buffer.from(font!.subarray(0, 4)).toString('hex')).toBe('00010000');

    for (const file of Object.values(zip.files)) expect(file.date.toISOString()).toBe('1980-01-01T00:00:00.000Z');
  });

  describe('determinism', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('gives the same bytes for the same book, whatever the clock says', async () => {
      vi.useFakeTimers({toFake: ['Date']});
      vi.setSystemTime(new Date('2001-02-03T04:05:06Z'));
      const first = await writeEpub(sampleBook());
      vi.setSystemTime(new Date('2037-12-31T23:59:58Z'));
      const second = await writeEpub(sampleBook());
      expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    });
  });

  it('writes package documents a reviewer can read', async () => {
    const zip = await entries(await writeEpub(sampleBook()));
    for (const name of ['content.opf', 'nav.xhtml', 'toc.ncx', 'chapter-1.xhtml', 'chapter-2.xhtml', 'style.css']) {
      await expect(await text(zip, `OEBPS/${name}`)).toMatchFileSnapshot(`fixtures/sample-book/${name}`);
    }
  });

  it('states accessibility metadata that is true of the book', async () => {
    const opf = await text(await entries(await writeEpub(sampleBook())), 'OEBPS/content.opf');
    const schema = (property: string) =>
      Array.from(opf.matchAll(new RegExp(`<meta property="schema:${property}">([^<]*)</meta>`, 'g')), (match) => match[1]);
    expect(schema('accessMode')).toEqual(['textual', 'visual']);
    expect(schema('accessModeSufficient')).toEqual(['textual', 'textual,visual']);
    expect(schema('accessibilityFeature')).toEqual([
      'alternativeText',
      'displayTransformability',
      'readingOrder',
      'structuralNavigation',
      'tableOfContents',
    ]);
    expect(schema('accessibilityHazard')).toEqual(['none']);
    expect(schema('accessibilitySummary')).toHaveLength(1);

    const textOnly = await text(
      await entries(await writeEpub(sampleBook({chapters: [{title: 'Plain', lang: 'en-GB', content: '<h1>Plain</h1><p>Words.</p>'}]}))),
      'OEBPS/content.opf',
    );
    expect(textOnly).not.toContain('>visual<');
    expect(textOnly).not.toContain('alternativeText');
  });

  it('claims no text alternatives when an image lacks alt text, and says so on the chapter file', async () => {
    const file = new VFile({path: 'article.html'});
    const book = sampleBook({chapters: [{title: 'Bare', lang: 'en-GB', content: `<h1>Bare</h1><img src="${photo.href}"/>`, file}]});
    const zip = await entries(await writeEpub(book));
    const opf = await text(zip, 'OEBPS/content.opf');
    expect(opf).not.toContain('alternativeText');
    expect(opf).not.toContain('<meta property="schema:accessModeSufficient">textual</meta>');
    expect(opf).toContain('<meta property="schema:accessModeSufficient">textual,visual</meta>');
    // No alt text is invented, and none is faked as decorative.
    expect(await text(zip, 'OEBPS/chapter-1.xhtml')).toContain(`<img src="${photo.href}" />`);
    expect(file.messages.map((message) => message.ruleId)).toEqual(['image-alt']);
  });

  it('reports what it leaves out on each chapter\'s file', async () => {
    const first = new VFile({path: 'one.html'});
    const second = new VFile({path: 'two.html'});
    const [one, two] = sampleBook().chapters;
    await writeEpub(sampleBook({chapters: [{...one!, file: first}, {...two!, file: second}]}));
    expect(first.messages.map((message) => [message.ruleId, message.source, message.reason])).toEqual([
      ['epub-image', 'pamphlet-epub', 'Unexpected image assets/77aa01.webp in the EPUB: it is not a packaged PNG, JPEG, GIF or SVG image; dropped'],
    ]);
    expect(second.messages).toEqual([]);
  });

  it('unlinks links to files and pages the book lacks, and keeps web links and anchors', async () => {
    const file = new VFile();
    const content =
      '<h1 id="top">Links</h1><p><a href="https://example.org/">web</a> <a href="mailto:a@example.org">mail</a> ' +
      '<a href="#top">top</a> <a href="#gone">gone</a> <a href="/about">about</a> <a href="file:///etc/passwd">passwd</a></p>';
    const chapter = await text(await entries(await writeEpub(sampleBook({chapters: [{title: 'Links', lang: 'en', content, file}]}))), 'OEBPS/chapter-1.xhtml');
    expect(chapter).toContain('<a href="https://example.org/">web</a> <a href="mailto:a@example.org">mail</a> <a href="#top">top</a> <a>gone</a> <a>about</a> <a>passwd</a>');
    expect(file.messages.map((message) => message.ruleId)).toEqual(['epub-link', 'epub-link', 'epub-link']);
  });

  it('removes soft hyphens from text, attributes and metadata', async () => {
    const book = sampleBook({
      title: 'Hy\u00adphen',
      chapters: [{title: 'Hy\u00adphen', lang: 'en', content: `<h1>Hy\u00adphen</h1><p title="a\u00adb">tra\u00adffic</p><img src="${photo.href}" alt="re\u00admark"/>`}],
    });
    const zip = await entries(await writeEpub(book));
    for (const name of Object.keys(zip.files).filter((entry) => /\.(xhtml|opf|ncx)$/.test(entry))) {
      expect(await text(zip, name)).not.toContain('\u00ad');
    }
    expect(await text(zip, 'OEBPS/chapter-1.xhtml')).toContain('<p title="ab">traffic</p>');
  });

  it('scales an image over 5.6 million pixels down, keeping its href', async () => {
    const big: Asset = {href: 'assets/big.png', mediaType: 'image/png', bytes: redSquarePng(3000, 2000)};
    const file = new VFile();
    const book = sampleBook({assets: new Map([[big.href, big]]), chapters: [{title: 'Big', lang: 'en', content: `<h1>Big</h1><img src="${big.href}" alt="Red"/>`, file}]});
    const zip = await entries(await writeEpub(book));
    const packaged = PNG.sync.read(Buffer.from((await zip.file('OEBPS/assets/big.png')?.async('uint8array'))!));
    expect([packaged.width, packaged.height]).toEqual([2898, 1932]);
    expect(packaged.width * packaged.height).toBeLessThanOrEqual(5_600_000);
    expect(file.messages.map((message) => message.reason)).toEqual([
      'Image assets/big.png scaled from 3000×2000 to 2898×1932 pixels for e-readers (at most 5.6 million pixels, RGB)',
    ]);
  });

  it('puts the cover on its own page before the contents, with landmarks and the EPUB 2 cover meta', async () => {
    const zip = await entries(await writeEpub(sampleBook({cover: {bytes: coverJpeg(), alt: 'The Case for Slow Roads. Ada Byron.'}})));
    const opf = await text(zip, 'OEBPS/content.opf');
    expect(opf).toContain('<item id="cover-image" href="cover.jpg" media-type="image/jpeg" properties="cover-image"/>');
    expect(opf).toContain('<meta name="cover" content="cover-image"/>');
    expect(Array.from(opf.matchAll(/<itemref idref="([^"]+)"( linear="no")?\/>/g), (match) => match[1] + (match[2] ?? ''))).toEqual([
      'cover',
      'nav',
      'chapter-1',
      'chapter-2',
    ]);
    expect(await text(zip, 'OEBPS/cover.xhtml')).toContain('<img src="cover.jpg" alt="The Case for Slow Roads. Ada Byron." role="doc-cover"/>');
    const nav = await text(zip, 'OEBPS/nav.xhtml');
    expect(Array.from(nav.matchAll(/<a epub:type="(\w+)" href="([^"]+)"/g), (match) => `${match[1]} ${match[2]}`)).toEqual([
      'cover cover.xhtml',
      'toc nav.xhtml#toc',
      'bodymatter chapter-1.xhtml',
    ]);
  });

  it('names an editor, every source and the subjects', async () => {
    const opf = await text(
      await entries(
        await writeEpub(
          sampleBook({editor: 'Grace Hopper', sourceUrl: ['https://example.org/a', 'https://example.org/b'], subjects: ['Roads', 'Parish news']}),
        ),
      ),
      'OEBPS/content.opf',
    );
    expect(opf).toContain('<dc:creator id="creator-1">Grace Hopper</dc:creator>\n    <meta refines="#creator-1" property="role" scheme="marc:relators">edt</meta>');
    expect(opf).toContain('<dc:creator id="creator-2">Ada Byron</dc:creator>');
    expect(opf).toContain('<dc:source>https://example.org/a</dc:source>\n    <dc:source>https://example.org/b</dc:source>');
    expect(opf).toContain('<dc:subject>Roads</dc:subject>\n    <dc:subject>Parish news</dc:subject>');
  });

  it('rejects a book without chapters', async () => {
    await expect(writeEpub(sampleBook({chapters: []}))).rejects.toMatchObject({code: 'E_RENDER'});
  });

  it('prepares fonts ahead without failing, leaving a font it cannot read for writeEpub to report', async () => {
    const missing = {family: 'Gone', weight: 400, style: 'normal' as const, file: 'gone.woff2', path: path.join(root, 'no-such-font.woff2')};
    await expect(prepareFonts([missing])).resolves.toBeUndefined();
    await expect(writeEpub(sampleBook({fonts: [missing]}))).rejects.toMatchObject({code: 'E_TEMPLATE', message: expect.stringContaining('cannot read font file for Gone')});
  });

  it('rejects a stylesheet that loads a font the template does not list', async () => {
    const book = sampleBook({css: '@font-face { font-family: X; src: url("fonts/missing.woff2"); }'});
    await expect(writeEpub(book)).rejects.toMatchObject({code: 'E_TEMPLATE'});
  });

  describe('with hostile content', () => {
    let server: Server;
    let hits = 0;
    let origin = '';

    beforeAll(async () => {
      server = createServer((_request, response) => {
        hits += 1;
        response.writeHead(200, {'content-type': 'image/png'}).end(Buffer.from(photo.bytes));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    it('strips scripts and handlers and fetches or reads nothing', async () => {
      const escape: Asset = {href: 'assets/../../escape.png', mediaType: 'image/png', bytes: photo.bytes};
      const book = sampleBook({
        assets: new Map([
          [photo.href, photo],
          [escape.href, escape],
          ['assets/alias.png', photo],
        ]),
        chapters: [
          {
            title: 'Hostile',
            lang: 'en-GB',
            content:
              '<section><p onclick="steal()" onMouseOver="steal()">Hello<script>steal()</script></p>' +
              '<img src="file:///etc/passwd" alt="passwd"/>' +
              `<img src="${origin}/x.png" alt="remote"/>` +
              `<img src="${photo.href}" srcset="${origin}/big.png 2x" alt="kept"/>` +
              `<img src="${escape.href}" alt="escape"/><img src="assets/alias.png" alt="alias"/>` +
              '<a href="javascript:steal()">link</a>' +
              `<iframe src="${origin}/frame"></iframe><object data="${origin}/o"><embed src="${origin}/e"/></object>` +
              `<form action="${origin}/post"><input name="q"/></form></section>`,
          },
        ],
      });
      const zip = await entries(await writeEpub(book));
      expect(Object.keys(zip.files).filter((name) => /\.(png|jpe?g|gif|svg)$/.test(name))).toEqual([
        'OEBPS/assets/3f2a9c1e.png',
      ]);
      const documents = Object.values(zip.files).filter((file) => /\.(xhtml|opf|ncx|css|xml)$/.test(file.name));
      const all = (await Promise.all(documents.map((file) => file.async('string')))).join('\n');

      expect(hits).toBe(0);
      for (const forbidden of [
        '<script',
        'steal()',
        'onclick',
        'onmouseover',
        'file:',
        '/etc/passwd',
        origin,
        '<iframe',
        '<object',
        '<embed',
        '<form',
        'javascript:',
        'srcset',
        'escape',
        'alias',
      ]) {
        expect(all.toLowerCase()).not.toContain(forbidden.toLowerCase());
      }
      expect(all).toContain(`<img src="${photo.href}" alt="kept" />`);
    });
  });

  it.skipIf(!isEpubcheckAvailable())('passes EPUBCheck with no errors, warnings or infos', {timeout: 60_000}, async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'pamphlet-epub-'));
    try {
      const file = path.join(folder, 'book.epub');
      await writeFile(file, await writeEpub(sampleBook({cover: {bytes: coverJpeg(), alt: 'The Case for Slow Roads.'}})));
      const report = await runEpubcheck(file);
      expect(report.messages).toEqual([]);
      expect(report).toMatchObject({errors: 0, warnings: 0, infos: 0});
    } finally {
      await rm(folder, {recursive: true, force: true});
    }
  });
});
