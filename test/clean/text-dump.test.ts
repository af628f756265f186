import {existsSync, readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import type {Element} from 'hast';
import {toString} from 'hast-util-to-string';
import {VFile} from 'vfile';
import {describe, expect, it} from 'vitest';
import type {Article} from '../../src/article.js';
import {cleanTextDump} from '../../src/clean/text-dump.js';
import {parseByline, parseDateLine, parsePhoto} from '../../src/clean/rules/dump-header.js';
import {PamphletError} from '../../src/errors.js';

function clean(text: string, path = 'dump.txt'): Article {
  return cleanTextDump(text, {path, baseDir: '.', format: 'text'}, new VFile({path, value: text}));
}

function paragraphs(article: Article): string[] {
  return article.body.children.map((node) => {
    expect((node as Element).tagName).toBe('p');
    return toString(node);
  });
}

/** Where each removal was reported: "line:ruleId". */
function removals(article: Article): string[] {
  return article.warnings.map((message) => `${message.line}:${message.ruleId}`);
}

function noArticleError(text: string): PamphletError {
  try {
    clean(text);
  } catch (error) {
    expect(error).toBeInstanceOf(PamphletError);
    return error as PamphletError;
  }
  throw new Error('expected E_NO_ARTICLE, the text was accepted');
}

describe('cleanTextDump on examples/strike-ballot.txt', () => {
  const path = fileURLToPath(new URL('../../examples/strike-ballot.txt', import.meta.url));
  const article = clean(readFileSync(path, 'utf8'), path);
  const body = paragraphs(article);

  it('reads the header lines into fields', () => {
    expect(article.title).toBe('Bus drivers vote to strike over split shifts at Northgate depots');
    expect(article.authors).toEqual(['Rhiannon Vale']);
    expect(article.issue).toBe('1342');
    expect(article.siteName).toBe('Morning Picket');
    expect(article.date).toBeUndefined();
    expect(article.lang).toBe('en');
    expect(article.leadImage).toEqual({
      alt: 'Drivers outside the Fenwick Road depot',
      caption: 'Drivers outside the Fenwick Road depot on Tuesday morning',
      credit: 'Tomasz Brenner',
    });
  });

  it('keeps every body paragraph once, in order, trimmed', () => {
    expect(body.map((text) => text.split(' ').slice(0, 4).join(' '))).toEqual([
      'Bus drivers at three',
      '“We’re not asking for',
      '“That’s a fourteen-hour day',
      'Management says the split',
      'But drivers say the',
      '“They didn’t even cost',
      '“What they want is',
      'The strikes are set',
      'Passenger groups have been',
      'At the depot gates',
      '“I’d never been in',
      '“If we win this,',
      'The union has called',
      'Drivers say their message',
    ]);
    expect(body[0]).toBe(
      'Bus drivers at three Northgate Transit depots have voted by a huge majority to strike over new rotas that would split their working day in two. The result, announced by the Transport Workers’ Union on Monday, showed 91 percent in favour of walkouts on a turnout of 78 percent.',
    );
    expect(body.at(-1)).toBe('Drivers say their message to management is simple. Withdraw the split shifts, and the buses keep running.');
  });

  it('keeps a quotation that runs on into the next paragraph open, as printed', () => {
    expect(body[1]).toMatch(/^“We’re not asking.*eight at night\.$/);
    expect(body[2]).toMatch(/^“That’s.*like that\.”$/);
  });

  it('leaves no page furniture in the body', () => {
    const text = body.join('\n');
    for (const chrome of ['Downloading PDF', 'Issue 1342', 'This article is over', 'Cleaners at Eastfield', 'Read More', 'Go to', 'Sign up', 'Latest News', 'donation', 'Help fund', '(Pic:', 'By Rhiannon']) {
      expect(text).not.toContain(chrome);
    }
  });

  it('reports each removed line with its line number and rule', () => {
    expect(removals(article)).toEqual([
      '2:pdf-notice',
      '6:age-notice',
      '25:related-box',
      '26:related-box',
      '27:related-box',
      '44:lost-link',
      '46:call-to-action',
      '48:call-to-action',
      '50:call-to-action',
      '52:call-to-action',
    ]);
    expect(article.warnings.every((message) => message.source === 'pamphlet-text-dump' && message.file === path)).toBe(true);
  });
});

describe('cleanTextDump on the seed dump (only where /work/shared is present)', () => {
  const seed = new URL('../../../shared/seeds/article-raw.txt', import.meta.url);

  it.skipIf(!existsSync(seed))('recovers the article and nothing else', () => {
    const article = clean(readFileSync(seed, 'utf8'), fileURLToPath(seed));
    const body = paragraphs(article);
    expect(article.title).toBe('Labour sources reveal how party retreated over Palestine solidarity');
    expect(article.authors).toEqual(['Charlie Kimber']);
    expect(article.issue).toBe('2621');
    expect(article.leadImage?.credit).toBe('Guy Smallman');
    expect(article.leadImage?.caption).not.toContain('Pic');
    expect(body).toHaveLength(16);
    expect(body[0]).toMatch(/^Socialist Worker can reveal/);
    expect(body.at(-1)).toMatch(/reverse the NEC’s move this week\.$/);
    const text = body.join('\n');
    for (const chrome of ['Read More', 'Latest News', 'Sign up', 'donation', 'Go to', 'Downloading PDF', 'This article is over']) {
      expect(text).not.toContain(chrome);
    }
    expect(new Set(body).size).toBe(body.length);
  });
});

describe('header rules', () => {
  it('splits a byline into names', () => {
    expect(parseByline('By Jane Doe and Sam Roe')).toEqual(['Jane Doe', 'Sam Roe']);
    expect(parseByline('By Jane Doe, Sam Roe and Kim Li')).toEqual(['Jane Doe', 'Sam Roe', 'Kim Li']);
    expect(parseByline('BY María de la Cruz')).toEqual(['María de la Cruz']);
  });

  it('leaves out a role after the name, and sentences that open with "By"', () => {
    expect(parseByline('By Jane Doe, health correspondent')).toEqual(['Jane Doe']);
    expect(parseByline('By Friday, most drivers had voted.')).toBeUndefined();
    expect(parseByline('By the end of the week nobody was left')).toBeUndefined();
    expect(parseByline('Bylines are hard')).toBeUndefined();
  });

  it('reads a date line as an ISO day, whatever the time zone', () => {
    expect(parseDateLine('Published 4 September 2018')).toEqual({date: '2018-09-04', updated: false});
    expect(parseDateLine('4 September 2018')).toEqual({date: '2018-09-04', updated: false});
    expect(parseDateLine('Tuesday 4 Sept 2018 10.30 BST')).toEqual({date: '2018-09-04', updated: false});
    expect(parseDateLine('September 4th, 2018 at 9:05 am')).toEqual({date: '2018-09-04', updated: false});
    expect(parseDateLine('Last updated: 5 Sep 2018')).toEqual({date: '2018-09-05', updated: true});
  });

  it('refuses days that do not exist and lines that only contain a date', () => {
    expect(parseDateLine('31 April 2018')).toBeUndefined();
    expect(parseDateLine('4 Septober 2018')).toBeUndefined();
    expect(parseDateLine('On 4 September 2018 the drivers walked out')).toBeUndefined();
  });

  it('pairs alt text with the caption that repeats it', () => {
    expect(parsePhoto('Pickets at the gate', 'Pickets at the gate on Monday (Pic: Jo Bloggs)')).toEqual({
      alt: 'Pickets at the gate',
      caption: 'Pickets at the gate on Monday',
      credit: 'Jo Bloggs',
    });
    expect(parsePhoto('Pickets at the gate', 'Pickets at the gate on Monday')).toBeUndefined();
    expect(parsePhoto('Something else', 'Pickets at the gate (Pic: Jo Bloggs)')).toBeUndefined();
  });
});

describe('cleanTextDump', () => {
  const story = [
    'By Jane Doe and Sam Roe',
    'Published 4 September 2018',
    '',
    'Council tenants win fight over heating charges',
    '',
    'Tenants on the Brook estate have won a refund of heating charges.',
    'The council agreed on Monday after a six-month campaign.',
  ].join('\n');

  it('reads a byline with two names and a date line', () => {
    const article = clean(story);
    expect(article.title).toBe('Council tenants win fight over heating charges');
    expect(article.authors).toEqual(['Jane Doe', 'Sam Roe']);
    expect(article.date).toBe('2018-09-04');
    expect(paragraphs(article)).toEqual([
      'Tenants on the Brook estate have won a refund of heating charges.',
      'The council agreed on Monday after a six-month campaign.',
    ]);
    expect(article.warnings).toEqual([]);
  });

  it('has no lead image when there is no caption, and keeps the would-be alt text as body', () => {
    const article = clean('Council tenants win fight over heating charges\nTenants at the town hall\nThe council agreed on Monday.');
    expect(article.leadImage).toBeUndefined();
    expect(paragraphs(article)).toEqual(['Tenants at the town hall', 'The council agreed on Monday.']);
  });

  it('keeps a lone credited caption, with empty alt text rather than an invented one', () => {
    const article = clean('Council tenants win fight over heating charges\nTenants at the town hall (Photo: Jo Bloggs)\nThe council agreed on Monday.');
    expect(article.leadImage).toEqual({alt: '', caption: 'Tenants at the town hall', credit: 'Jo Bloggs'});
  });

  it('collapses whitespace, including no-break spaces, and reads CRLF line ends', () => {
    const article = clean('Council  tenants win\u00a0fight \r\n\r\n  Two   spaces\u00a0 and a tab\there.\u00a0 \r\n');
    expect(article.title).toBe('Council tenants win fight');
    expect(paragraphs(article)).toEqual(['Two spaces and a tab here.']);
  });

  it('removes a related box without "Read More", but keeps a paragraph that a page printed twice', () => {
    const article = clean(
      [
        'Council tenants win fight over heating charges',
        'The council agreed on Monday.',
        'Bus drivers vote to strike',
        'Bus drivers vote to strike',
        'Tenants will be refunded.',
        'Tenants will be refunded.',
      ].join('\n'),
    );
    expect(paragraphs(article)).toEqual(['The council agreed on Monday.', 'Tenants will be refunded.', 'Tenants will be refunded.']);
    expect(removals(article)).toEqual(['3:related-box', '4:related-box']);
  });

  it('removes a "Go to" line whose link was lost, with a warning that quotes it', () => {
    const article = clean('Council tenants win fight over heating charges\nThe council agreed on Monday.\nRead the tenants’ statement. Go to');
    expect(paragraphs(article)).toEqual(['The council agreed on Monday.']);
    const [warning] = article.warnings;
    expect(warning?.ruleId).toBe('lost-link');
    expect(warning?.reason).toContain('Read the tenants’ statement. Go to');
    expect(warning?.place).toEqual({start: {line: 3, column: 1}, end: {line: 3, column: 35}});
  });

  it('keeps a paragraph that merely ends in the words "go to"', () => {
    const article = clean('Council tenants win fight over heating charges\nThey said there was nowhere else to go to');
    expect(paragraphs(article)).toEqual(['They said there was nowhere else to go to']);
  });

  it('drops navigation words and short labels above the headline', () => {
    const article = clean('Menu\nNews\nCouncil tenants win fight over heating charges\nShare\nThe council agreed on Monday.');
    expect(article.title).toBe('Council tenants win fight over heating charges');
    expect(paragraphs(article)).toEqual(['The council agreed on Monday.']);
    expect(removals(article)).toEqual(['1:navigation', '2:before-title', '4:navigation']);
  });

  it('removes the headline printed a second time', () => {
    const article = clean('Council tenants win fight over heating charges\nCouncil tenants win fight over heating charges\nThe council agreed on Monday.');
    expect(paragraphs(article)).toEqual(['The council agreed on Monday.']);
    expect(removals(article)).toEqual(['2:repeated-header']);
  });

  it('throws E_NO_ARTICLE when a headline has no body', () => {
    const error = noArticleError('By Jane Doe\nCouncil tenants win fight over heating charges\n\nSign up for our newsletter\nLatest News');
    expect(error.code).toBe('E_NO_ARTICLE');
    expect(error.input).toBe('dump.txt');
    expect(error.message).toMatch(/^dump\.txt: no article found in the text \(the headline .* has no paragraphs after it\)/);
  });

  it('throws E_NO_ARTICLE when prose comes before any headline', () => {
    const error = noArticleError('The council agreed on Monday to refund the charges.\nTenants celebrated.');
    expect(error.code).toBe('E_NO_ARTICLE');
    expect(error.message).toContain('line 1 reads as prose');
  });

  it('throws E_NO_ARTICLE on furniture alone', () => {
    expect(noArticleError('Menu\n\nLatest News\n').message).toContain('every line is a byline, date or page furniture');
  });
});
