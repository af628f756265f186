import {mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {build} from '../../src/build.js';
import {isPamphletError} from '../../src/errors.js';
import {cleanOne} from '../../src/build.js';
import {limitMarkdownNesting, limitNesting, MAX_MARKDOWN_NESTING, MAX_NESTING} from '../../src/ingest/index.js';
import {startTimeBudget} from '../../src/security/time-budget.js';
import {fitForPrint, MAX_IMAGE_PIXELS, MAX_IMAGES, MAX_PRINT_PIXELS, oversizeReason} from '../../src/render/image-limits.js';
import {blackPng, page, paragraphs} from './support.js';

describe('nesting', () => {
  it('leaves a page within the limit untouched', () => {
    const html = page(`${'<div>'.repeat(MAX_NESTING - 10)}<p>text</p>${'</div>'.repeat(MAX_NESTING - 10)}`);
    expect(limitNesting(html)).toEqual({html, removed: 0, depth: expect.any(Number)});
  });

  it('removes the tags below the limit and keeps their text, in a linear scan', () => {
    const html = `<div>${'<span>'.repeat(1000)}deep text${'</span>'.repeat(1000)}</div><p>after</p>`;
    const started = performance.now();
    const result = limitNesting(html, 100);
    expect(performance.now() - started).toBeLessThan(200);
    expect(result.html).toBe(`<div>${'<span>'.repeat(99)}deep text${'</span>'.repeat(99)}</div><p>after</p>`);
    expect(result.depth).toBe(1001);
  });

  it('counts unclosed paragraphs and list items as siblings, as the HTML parser does', () => {
    const html = `<div>${'<p>para'.repeat(500)}</div><ul>${'<li>item'.repeat(500)}</ul>`;
    expect(limitNesting(html, 10)).toMatchObject({html, removed: 0, depth: 2});
  });

  it('does not read tags inside scripts, styles and comments', () => {
    const html = `<script>${'<div>'.repeat(500)}</script><style>a{}</style><!-- ${'<div>'.repeat(500)} --><p>x</p>`;
    expect(limitNesting(html, 10).removed).toBe(0);
  });
});

describe('nesting, pathological', () => {
  it('50,000 unclosed elements and 50,000 stray end tags: linear', () => {
    const started = performance.now();
    const result = limitNesting(`<div>${'<b>'.repeat(50_000)}x${'</i>'.repeat(50_000)}</div>`);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.removed).toBe(50_000 - (MAX_NESTING - 1));
  });

  it('Markdown quotes and lists 100,000 and 3,000 deep are flattened, fenced code is not, and the article cleans in seconds', async () => {
    const words = 'The council met on Monday to discuss the plan for the new library and residents asked questions. '.repeat(6);
    const fenced = `\`\`\`
${' '.repeat(200)}- not a list, code
\`\`\``;
    const markdown = `# Title

${words}

${'>'.repeat(100_000)} ${words}

${Array.from({length: 3000}, (_, index) => `${'  '.repeat(index)}- item`).join('\n')}

${fenced}
`;
    const result = limitMarkdownNesting(markdown);
    expect(result.changed).toBeGreaterThan(2900);
    expect(result.markdown).toContain(`\n${'>'.repeat(MAX_MARKDOWN_NESTING)} The council`);
    expect(result.markdown).toContain(fenced);
    const dir = await mkdtemp(path.join(tmpdir(), 'pamphlet-md-'));
    await writeFile(path.join(dir, 'deep.md'), markdown);
    const started = performance.now();
    const {file} = await cleanOne(path.join(dir, 'deep.md'));
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(file.messages.map(String).join('\n')).toMatch(/quotes or lists nested more than 32 deep on \d+ lines/);
  });
});

describe('the time budget', () => {
  it('says which input, what took how long, and how to raise it', () => {
    let clock = 0;
    const budget = startTimeBudget('slow.html', 60_000, () => clock);
    clock = 59_000;
    budget.check('reading and cleaning');
    expect(budget.left()).toBe(1000);
    clock = 75_000;
    expect(() => budget.check('reading and cleaning')).toThrow('slow.html: reading and cleaning took 75 s, over the 60 s time budget per article (--time-budget raises it)');
    expect(budget.left()).toBe(0);
    try {
      budget.check('x');
    } catch (error) {
      expect(isPamphletError(error) && error.code).toBe('E_TIME_BUDGET');
    }
  });

  it('fails an article that overruns it, with one line, and builds nothing for it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pamphlet-budget-'));
    const file = path.join(dir, 'article.html');
    await writeFile(file, page(paragraphs()));
    const report = await build({inputs: [file], out: path.join(dir, 'out'), config: false, timeBudget: 0.001});
    expect(report.inputs[0]).toMatchObject({status: 'failed', code: 'E_TIME_BUDGET', outputs: []});
    expect(report.inputs[0]!.error).toMatch(/article\.html: reading and cleaning took \d+ s, over the 0\.001 s time budget per article/);
  });
});

it(`keeps at most ${MAX_IMAGES} images and says so`, async () => {
  const {resolveAssets} = await import('../../src/render/assets.js');
  const dir = await mkdtemp(path.join(tmpdir(), 'pamphlet-images-'));
  await writeFile(path.join(dir, 'dot.png'), blackPng(2, 2));
  const file = path.join(dir, 'gallery.html');
  await writeFile(file, page(`${paragraphs()}${Array.from({length: MAX_IMAGES + 5}, (_, index) => `<figure><img src="dot.png?${index}" alt="Dot ${index}"></figure>`).join('')}`));
  const cleaned = await cleanOne(file);
  const {article} = await resolveAssets(cleaned.article, cleaned.file);
  expect(JSON.stringify(article.body).match(/"tagName":"img"/g)).toHaveLength(MAX_IMAGES);
  expect(cleaned.file.messages.map((message) => message.reason).filter((reason) => reason.includes('images'))).toEqual([
    `Unexpected image dot.png?${MAX_IMAGES}: it is past the first ${MAX_IMAGES} images an article may have, as are those after it, dropped`,
  ]);
});

describe('image pixels', () => {
  it(`scales an image over ${MAX_PRINT_PIXELS / 1e6} MP down for print, keeping its proportions and colour`, async () => {
    const {PNG} = await import('pngjs');
    const started = performance.now();
    const fitted = fitForPrint(blackPng(5000, 3000), 'image/png');
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(fitted.scaled).toEqual({from: {width: 5000, height: 3000}, to: {width: 4472, height: 2683}});
    const png = PNG.sync.read(Buffer.from(fitted.bytes));
    expect([png.width, png.height]).toEqual([4472, 2683]);
    expect([...png.data.subarray(0, 8)]).toEqual([0, 0, 0, 255, 0, 0, 0, 255]);
  });

  it('leaves an image within the limit, and a GIF, as they were', () => {
    const small = blackPng(100, 100);
    expect(fitForPrint(small, 'image/png')).toEqual({bytes: small});
  });

  it(`refuses an image over ${MAX_IMAGE_PIXELS / 1e6} MP from its header, before decoding`, () => {
    const started = performance.now();
    expect(oversizeReason(blackPng(20_000, 20_000))).toBe('it is 20000×20000 pixels (400 MP), over the 25 MP image limit');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(oversizeReason(blackPng(5000, 5000))).toBeUndefined();
  });
});
