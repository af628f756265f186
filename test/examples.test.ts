import {describe, expect, it} from 'vitest';
import {VFile} from 'vfile';
import {articleToJson} from '../src/article-json.js';
import {cleanOne} from '../src/build.js';
import {PAPER_SIZES} from '../src/config/paper.js';
import {resolveAssets} from '../src/render/assets.js';
import {loadTemplate} from '../src/render/load-template.js';
import {renderEpubChapter} from '../src/render/render-epub.js';
import {renderPrintHtml} from '../src/render/render-print.js';
import {typeset} from '../src/typeset/index.js';
import {examplePath, exampleNames, goldenPath} from './support/examples.js';

describe.each(exampleNames)('example %s', (name) => {
  it('cleans to the reviewed Article', async () => {
    const {article} = await cleanOne(examplePath(name));
    const json = articleToJson(article);
    // Real content, not an empty shell: a title, an author and several paragraphs.
    expect(json.title.length).toBeGreaterThan(20);
    expect(json.authors.length).toBeGreaterThan(0);
    expect(json.body.match(/<p>/g)?.length ?? 0).toBeGreaterThan(5);
    json.source.path = name;
    await expect(`${JSON.stringify(json, null, 2)}\n`).toMatchFileSnapshot(goldenPath(name, 'article.json'));
  });

  it('renders the reviewed print HTML and EPUB chapter', async () => {
    const {article: cleaned, file} = await cleanOne(examplePath(name));
    const {article} = await resolveAssets(cleaned, file);
    const template = await loadTemplate('pamphlet');
    const html = await renderPrintHtml(typeset(article, 'print', new VFile()), template, PAPER_SIZES.a5!);
    expect(html).toContain(`<h1 class="title">`);
    expect(html).toContain('\u00ad'); // soft hyphens for print
    // Font rules are machine-independent, but long: keep them out of the golden.
    const readable = html.replace(/<style>\n@font-face[\s\S]*?<\/style>/, '<style>/* template fonts */</style>');
    await expect(readable).toMatchFileSnapshot(goldenPath(name, 'print.html'));

    const xhtml = await renderEpubChapter(typeset(article, 'epub', new VFile()), template);
    expect(xhtml).not.toContain('\u00ad'); // never soft hyphens in EPUB
    await expect(xhtml).toMatchFileSnapshot(goldenPath(name, 'chapter.xhtml'));
  });
});
