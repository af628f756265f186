import {toHtml} from 'hast-util-to-html';
import {VFile} from 'vfile';
import {describe, expect, it} from 'vitest';
import {cleanMarkdown} from '../../src/clean/markdown.js';

function clean(markdown: string) {
  const file = new VFile({path: 'piece.md', value: markdown});
  const article = cleanMarkdown(markdown, {path: 'piece.md', baseDir: '.', format: 'markdown'}, file);
  return {article, body: toHtml(article.body), warnings: file.messages.map((message) => message.reason)};
}

const paragraphs = '\n\nThe allotment waiting list in Marsh End is now nine years long.\n\nThe committee wants the council to open the old rail yard.\n';

describe('a Markdown title written as a heading', () => {
  it('with no front matter, the first "# Heading" is the title and leaves the body without a warning', () => {
    const {article, body, warnings} = clean(`# Nine years for a plot${paragraphs}`);
    expect(article.title).toBe('Nine years for a plot');
    expect(body).not.toContain('Nine years for a plot');
    expect(body).toMatch(/^<p>The allotment waiting list/);
    expect(warnings).toEqual([]);
  });

  it('keeps the words a heading marks up: emphasis, code and links are part of the title', () => {
    const {article} = clean(`# Nine *long* years for a \`plot\` in [Marsh End](https://example.org)${paragraphs}`);
    expect(article.title).toBe('Nine long years for a plot in Marsh End');
  });

  it('takes a later "# Heading" as the title when the text opens with a paragraph, and prints it once', () => {
    const {article, body} = clean(`A note before the piece.\n\n# Nine years for a plot${paragraphs}`);
    expect(article.title).toBe('Nine years for a plot');
    expect(body).not.toContain('<h1');
    expect(body).toContain('A note before the piece.');
  });

  it('with a front-matter title, an opening heading that says the same leaves silently', () => {
    const {article, body, warnings} = clean(`---\ntitle: Nine Years For A Plot\n---\n\n# Nine years  for a plot${paragraphs}`);
    expect(article.title).toBe('Nine Years For A Plot');
    expect(body).not.toContain('<h1');
    expect(warnings).toEqual([]);
  });

  it('with a front-matter title, an opening heading that says something else is removed with a warning', () => {
    const {article, body, warnings} = clean(`---\ntitle: Nine years for a plot\n---\n\n# Allotments${paragraphs}`);
    expect(article.title).toBe('Nine years for a plot');
    expect(body).not.toContain('Allotments');
    expect(warnings).toEqual(['Unexpected repeat of the article header “Allotments” in the body, removed']);
  });
});
