import {parseHTML} from 'linkedom';
import {describe, expect, it} from 'vitest';
import {isoDate, readMetadata, splitAuthors, stripSiteName} from '../../src/clean/metadata.js';

const read = (head: string, body = '') => readMetadata(parseHTML(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`).document as unknown as Document);

describe('readMetadata', () => {
  it('reads JSON-LD wrapped in a CDATA section', () => {
    const ld = `<script type="application/ld+json">//<![CDATA[
      {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Ferry returns", "datePublished": "2023-04-03T08:00:00Z", "dateModified": "2023-04-04T09:00:00Z", "author": {"@type": "Person", "name": "Priya Nandakumar"}}
    //]]></script>`;
    expect(read(ld)).toMatchObject({title: 'Ferry returns', date: '2023-04-03T08:00:00Z', authors: ['Priya Nandakumar']});
  });

  it('finds the article node among other JSON-LD nodes and in @graph', () => {
    const ld = `<script type="application/ld+json">{"@type": "VideoObject", "name": "A clip", "uploadDate": "2020-01-01"}</script>
      <script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, {"@type": ["NewsArticle"], "headline": "The real headline", "datePublished": "2020-02-02"}]}</script>`;
    expect(read(ld)).toMatchObject({title: 'The real headline', date: '2020-02-02'});
  });

  it('takes each <meta> key from its first element, by property or name, and moves to the next key when that is empty', () => {
    const head = [
      '<meta property="og:title" content="First title"><meta name="og:title" content="Second title">',
      '<meta name="description" content=" "><meta property="description" content="A later description">',
      '<meta name="twitter:description" content="The Twitter card">',
      '<meta property="og:site_name" name="application-name" content="Courier">',
      '<meta name="Author" content="Not the author key"><meta name="author" content="Jo Bloggs">',
    ].join('');
    expect(read(head)).toMatchObject({title: 'First title', description: 'The Twitter card', siteName: 'Courier', authors: ['Jo Bloggs']});
  });

  it('falls back to the byline the page marks up when no metadata names an author', () => {
    const body = '<p class="byline">By <a href="/authors/jo" rel="author">Jo Bloggs</a> and <a href="/authors/sam" rel="author">Sam Roe</a></p>';
    expect(read('<title>t</title>', body).authors).toEqual(['Jo Bloggs', 'Sam Roe']);
    const microdata = '<span itemprop="author"><span itemprop="name">Ann Lee</span></span> and <span itemprop="author">Bo Chen</span>';
    expect(read('<title>t</title>', microdata).authors).toEqual(['Ann Lee', 'Bo Chen']);
  });
});

describe('splitAuthors', () => {
  it('splits a byline into names, keeping degrees with the name they follow', () => {
    expect(splitAuthors('By Jane Doe, MD and Sam Roe')).toEqual(['Jane Doe', 'Sam Roe']);
    expect(splitAuthors('Brenda Goodman, MA')).toEqual(['Brenda Goodman']);
    expect(splitAuthors('Ana Ruiz & Tom Wu, PhD')).toEqual(['Ana Ruiz', 'Tom Wu']);
  });
});

describe('stripSiteName and isoDate', () => {
  it('drops the site name from either end of a title', () => {
    expect(stripSiteName('Ferry returns | The Lowtide Courier', 'The Lowtide Courier')).toBe('Ferry returns');
    expect(stripSiteName('The Lowtide Courier - Ferry returns', 'The Lowtide Courier')).toBe('Ferry returns');
    expect(stripSiteName('Ferry returns: a year on', undefined)).toBe('Ferry returns: a year on');
  });

  it('normalises dates to ISO 8601', () => {
    expect(isoDate('2020-06-18')).toBe('2020-06-18');
    expect(isoDate('2015-07-24T05:36:09+01:00')).toBe('2015-07-24T04:36:09Z');
    expect(isoDate('not a date')).toBeUndefined();
  });
});
