import {VFile} from 'vfile';
import {describe, expect, it} from 'vitest';
import {cleanHtml} from '../../src/clean/html.js';
import {PamphletError} from '../../src/errors.js';

function noArticle(html: string): PamphletError {
  try {
    cleanHtml(html, {path: 'page.html', baseDir: '.', format: 'html'}, new VFile({path: 'page.html', value: html}));
  } catch (error) {
    expect(error).toBeInstanceOf(PamphletError);
    expect((error as PamphletError).code).toBe('E_NO_ARTICLE');
    return error as PamphletError;
  }
  throw new Error('expected E_NO_ARTICLE, the page was accepted');
}

const teaser = (n: number) =>
  `<li class="teaser"><a href="/story-${n}"><h3>Council votes on plan number ${n} for the high street</h3></a><p><a href="/story-${n}">Residents have until Friday to respond to the consultation on plan ${n}.</a></p></li>`;

describe('pages without an article', () => {
  it('refuses a home page of teasers: once its links are gone, nothing is left', () => {
    const html = `<!doctype html><html><head><title>The Lowtide Courier</title></head><body>
      <nav><a href="/">Home</a> <a href="/news">News</a></nav>
      <main><section class="latest"><h2>Latest</h2><ul>${Array.from({length: 12}, (_, n) => teaser(n)).join('')}</ul></section></main>
      </body></html>`;
    expect(noArticle(html).message).toMatch(/^page\.html: no article found in the page \(.+\); give the article's own page, not a home page or login wall$/);
  });

  it('refuses a login wall', () => {
    const html = `<!doctype html><html><head><title>Sign in | The Lowtide Courier</title></head><body>
      <main><h1>Sign in to keep reading</h1><p>Subscribers read every story.</p>
      <form><label>Email <input type="email"></label><label>Password <input type="password"></label><button>Sign in</button></form>
      <p><a href="/subscribe">Subscribe from £1 a week</a></p></main></body></html>`;
    expect(noArticle(html).message).toContain('no article found in the page');
  });

  it('refuses an empty body', () => {
    expect(noArticle('<!doctype html><html><head><title>Nothing here</title></head><body></body></html>').message).toContain(
      'no article found in the page (0 words of text)',
    );
  });

  it('counts words in scripts without spaces, so a Japanese article is not refused', () => {
    const paragraphs = [
      '市立図書館の開館時間が来月から延長されることになり、利用者からは喜びの声が上がっています。',
      '平日は午後九時まで、土曜日と日曜日は午後七時まで開館し、仕事帰りの人も本を借りやすくなります。',
      '図書館によりますと、昨年行ったアンケートで、夜の開館を求める意見が最も多かったということです。',
      '延長にあわせて、学習室の席も二十席増やし、試験前の学生が長く利用できるようにするということです。',
    ];
    const html = `<!doctype html><html lang="ja"><head><title>図書館の開館時間延長</title></head><body><article>${paragraphs.map((text) => `<p>${text}</p>`).join('')}</article></body></html>`;
    const article = cleanHtml(html, {path: 'ja.html', baseDir: '.', format: 'html'}, new VFile({path: 'ja.html', value: html}));
    expect(article.body.children.length).toBeGreaterThan(0);
  });
});

describe('pages with only a teaser', () => {
  it('cleans the teaser but warns that the page may be behind a paywall', () => {
    const html = `<!doctype html><html><head><title>Harbour ferry returns | The Lowtide Courier</title></head><body><article>
      <p>The little ferry that links the two halves of Lowtide harbour carried its first passengers of the year on Monday, after a winter in the boatyard that cost the town council more than it had planned.</p>
      <p>Workers replaced the engine mounts and re-laid the deck over the winter months.</p>
      <p>Subscribe to keep reading.</p></article></body></html>`;
    const article = cleanHtml(html, {path: 'teaser.html', baseDir: '.', format: 'html'}, new VFile({path: 'teaser.html', value: html}));
    expect(article.warnings.map((warning) => [warning.ruleId, warning.reason])).toEqual([
      ['call-to-action', 'Unexpected call to action “Subscribe to keep reading.”, removed'],
      ['short-article', 'Expected a full article, found 49 words: the page may show only a teaser (a login wall or a paywall)'],
    ]);
  });
});
