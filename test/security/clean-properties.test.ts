import {mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import type {Element, Root} from 'hast';
import {visit} from 'unist-util-visit';
import {VFile} from 'vfile';
import {describe, expect, it} from 'vitest';
import type {Article, InputFormat} from '../../src/article.js';
import {cleanOne} from '../../src/build.js';
import {cleanInput} from '../../src/clean/index.js';
import {isPamphletError} from '../../src/errors.js';

/** Runs kept modest: the suite shares two cores with Chromium. */
const RUNS = 60;

const TAGS = ['p', 'div', 'span', 'a', 'img', 'h1', 'h2', 'ul', 'li', 'table', 'tr', 'td', 'figure', 'figcaption', 'blockquote', 'script', 'style', 'iframe', 'svg', 'foreignObject', 'form', 'object', 'math', 'template', 'article', 'aside', 'nav', 'header', 'footer'];
const ATTRIBUTES = ['href', 'src', 'style', 'onclick', 'onerror', 'class', 'id', 'srcset', 'xlink:href', 'dir', 'lang', 'formaction'];
const VALUES = ['javascript:alert(1)', 'vbscript:x', 'file:///etc/passwd', '../secret.png', 'https://a.example/x', 'data:text/html,<script>1</script>', 'url(//evil.example)', 'rtl', 'pullquote'];
const WORDS = 'the council met on monday to discuss the library plan and residents asked many questions about the budget'.split(' ');

const text = fc.oneof(fc.array(fc.constantFrom(...WORDS), {minLength: 1, maxLength: 60}).map((words) => words.join(' ')), fc.string({unit: 'binary', maxLength: 40}));
const attribute = fc.tuple(fc.constantFrom(...ATTRIBUTES), fc.oneof(fc.constantFrom(...VALUES), fc.string({maxLength: 12}))).map(([name, value]) => ` ${name}="${value.replace(/"/g, '&quot;')}"`);
const { node: html } = fc.letrec<{node: string}>((tie) => ({
  node: fc.oneof(
    {depthSize: 'small', withCrossShrink: true},
    text,
    fc
      .tuple(fc.constantFrom(...TAGS), fc.array(attribute, {maxLength: 3}), fc.array(tie('node'), {maxLength: 4}), fc.boolean())
      // Sometimes the end tag is missing: pages are often malformed.
      .map(([tag, attributes, children, closed]) => `<${tag}${attributes.join('')}>${children.join('')}${closed ? `</${tag}>` : ''}`),
  ),
}));

/** An Article the later stages can rely on, with nothing in its body that runs code or names a file. */
function expectValidArticle(article: Article): void {
  expect(typeof article.title).toBe('string');
  expect(Array.isArray(article.authors) && article.authors.every((author) => typeof author === 'string')).toBe(true);
  expect(typeof article.lang).toBe('string');
  expect(article.body.type).toBe('root');
  visit(article.body as Root, 'element', (element: Element) => {
    expect(['script', 'style', 'iframe', 'object', 'embed', 'form', 'svg', 'math', 'template', 'foreignObject']).not.toContain(element.tagName);
    for (const [name, value] of Object.entries(element.properties)) {
      expect(name.toLowerCase().startsWith('on'), name).toBe(false);
      expect(name).not.toBe('style');
      if (['href', 'src', 'cite', 'xLinkHref'].includes(name)) expect(String(value)).not.toMatch(/^\s*(javascript|vbscript|file):/i);
    }
    expect(['ltr', 'rtl', 'auto', undefined]).toContain(element.properties['dir']);
  });
}

/** `clean` either returns a valid Article or throws a typed PamphletError; nothing else. */
function cleanOrTypedError(input: string, format: InputFormat): void {
  const file = new VFile({path: 'random', value: input});
  let article: Article | undefined;
  try {
    article = cleanInput({source: {path: 'random', baseDir: tmpdir(), format}, text: input, encoding: 'utf-8', warnings: []}, file);
  } catch (error) {
    if (!isPamphletError(error)) throw error;
    expect(error.message).not.toContain('\n');
    return;
  }
  expectValidArticle(article);
}

describe('clean, given random input, returns a valid Article or a typed error', () => {
  it('random HTML, hostile tags and attributes included', () => {
    fc.assert(fc.property(fc.array(html, {minLength: 1, maxLength: 8}), (nodes) => cleanOrTypedError(`<html><body><article>${nodes.join('')}</article></body></html>`, 'html')), {numRuns: RUNS});
  });

  it('random text as HTML, Markdown and a text dump', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({unit: 'binary', maxLength: 400}), fc.array(text, {maxLength: 30}).map((lines) => lines.join('\n'))), fc.constantFrom<InputFormat>('html', 'markdown', 'text'), (input, format) =>
        cleanOrTypedError(input, format),
      ),
      {numRuns: RUNS},
    );
  });

  it('random bytes as a file, through reading, charset detection and cleaning', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pamphlet-property-'));
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({maxLength: 2000}), fc.constantFrom('page.html', 'notes.md', 'dump.txt', 'unknown'), async (bytes, name) => {
        const file = path.join(dir, name);
        await writeFile(file, bytes);
        try {
          expectValidArticle((await cleanOne(file)).article);
        } catch (error) {
          if (!isPamphletError(error)) throw error;
        }
      }),
      {numRuns: RUNS / 2},
    );
  });
});
