import type {Root} from 'hast';
import {fromHtml} from 'hast-util-from-html';
import {toHtml} from 'hast-util-to-html';
import {unified} from 'unified';
import {describe, expect, it} from 'vitest';
import {rehypeBreakUrls, urlBreakPoints} from '../../src/typeset/break-urls.js';
import {rehypeEndnotes} from '../../src/typeset/endnotes.js';

const run = (html: string, lang = 'en') =>
  toHtml(unified().use(rehypeEndnotes, {lang}).use(rehypeBreakUrls).runSync(fromHtml(html, {fragment: true})) as Root);

describe('rehypeEndnotes', () => {
  it('numbers web links in order, once per address, and lists them as Sources', () => {
    expect(run('<p><a href="https://a.example/x">one</a>, <a href="#top">anchor</a>, <a href="https://b.example">two</a> and <a href="https://a.example/x">one again</a>.</p>')).toBe(
      '<p><a href="https://a.example/x">one</a><sup class="endnote-ref">1</sup>, <a href="#top">anchor</a>, ' +
        '<a href="https://b.example">two</a><sup class="endnote-ref">2</sup> and ' +
        '<a href="https://a.example/x">one again</a><sup class="endnote-ref">1</sup>.</p>' +
        '<section class="endnotes" role="doc-endnotes"><h2>Sources</h2><ol>' +
        '<li><a class="url" href="https://a.example/x">https://<wbr>a<wbr>.example<wbr>/x</a></li>' +
        '<li><a class="url" href="https://b.example">https://<wbr>b<wbr>.example</a></li></ol></section>',
    );
  });

  it('gives a link whose text is its address no number, and headings in the language', () => {
    expect(run('<p>See <a href="https://www.example.org/guide">www.example.org/guide</a>.</p>')).toBe('<p>See <a href="https://www.example.org/guide">www<wbr>.example<wbr>.org<wbr>/guide</a>.</p>');
    expect(run('<p><a href="mailto:ann@example.org">Ann</a></p>', 'de-DE')).toContain('<h2>Quellen</h2><ol><li><a class="url" href="mailto:ann@example.org">ann<wbr>@example<wbr>.org</a></li>');
    expect(run('<p>No links.</p>')).toBe('<p>No links.</p>');
  });
});

describe('urlBreakPoints', () => {
  it('breaks after :// and before / . - _ ? # %, around = and &, never adding a character', () => {
    const url = 'https://www.example.org/a_b/rent-2024.pdf?x=1&y=2#top';
    expect(urlBreakPoints(url)).toEqual(['https://', 'www', '.example', '.org', '/a', '_b', '/rent', '-2024', '.pdf', '?x', '=', '1', '&', 'y', '=', '2', '#top']);
    expect(urlBreakPoints(url).join('')).toBe(url);
  });

  it('breaks addresses in running text, soft hyphens removed, code left alone', () => {
    expect(run('<p>At www.ex\u00adample.org/guide today. <code>https://a.example/x</code></p>')).toBe(
      '<p>At www<wbr>.example<wbr>.org<wbr>/guide today. <code>https://a.example/x</code></p>',
    );
  });
});
