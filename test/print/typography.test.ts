import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {closeBrowser} from '../../src/pdf/browser.js';
import {mmToPt} from '../../src/pdf/page-boxes.js';
import {GOLDENS} from '../support/examples.js';
import {outDir, poppler, printExample, printInput} from './support.js';

const A5 = {widthMm: 148, heightMm: 210};

afterAll(closeBrowser);

/**
 * Lines that end in a hyphenation break, as "Lib-|rary": Chromium draws a hyphen where it
 * breaks at a soft hyphen, and pdftotext shows it after the (invisible) U+00AD.
 */
function hyphenatedLineEnds(file: string): string[] {
  const lines = poppler('pdftotext', '-layout', file, '-').split('\n').map((line) => line.trim());
  return lines.flatMap((line, index) => {
    const match = /(\S+)\u00ad-$/.exec(line);
    const next = lines[index + 1]?.split(/\s+/)[0];
    return match && next ? [`${match[1]!.replaceAll('\u00ad', '')}-|${next.replaceAll('\u00ad', '')}`] : [];
  });
}

describe('hyphenation in the PDF', () => {
  it('breaks justified lines at TeX-pattern hyphens, as reviewed', async () => {
    const ends: string[] = [];
    for (const name of ['library-closures.html', 'tenants-union.md']) {
      const printed = await printExample(name, {paper: A5}, 'hyphenation');
      const found = hyphenatedLineEnds(printed.file);
      expect(found.length, name).toBeGreaterThanOrEqual(3);
      ends.push(`=== ${name}`, ...found);
    }
    await expect(`${ends.join('\n')}\n`).toMatchFileSnapshot(path.join(GOLDENS, 'print', 'hyphenated-line-ends.txt'));
  });
});

describe('links in print', () => {
  it('become numbered Sources with their full address, and long addresses stay inside the measure', async () => {
    const long = 'https://www.example.org/campaigns/2024/housing/the-very-long-path-of-a-report-about-rent-increases-in-the-north-east/appendix-b-tables.pdf?utm_source=newsletter&utm_medium=email';
    const bare = 'https://tenants.example.org/a-guide-to-organising-your-building-from-the-first-meeting-to-the-rent-strike';
    const input = path.join(await outDir(), 'links.md');
    await writeFile(
      input,
      [
        '---\ntitle: Links on paper\nauthors: [Ann Writer]\ndate: 2024-03-01\nlang: en-GB\n---\n',
        `The council published [its full report on rents](${long}) last week, and the [union](https://tenants.example.org/) answered the same day.`,
        `Read the guide at ${bare} before the meeting.`,
        `The [report](${long}) runs to ninety pages.`,
      ].join('\n\n'),
    );
    const printed = await printInput(input, {paper: A5}, 'links');
    const text = poppler('pdftotext', '-layout', printed.file, '-').replaceAll('\u00ad', '');
    expect(text).toMatch(/rents\s?1 last week/);
    expect(text).toMatch(/union\s?2 answered/);
    expect(text).toMatch(/report\s?1 runs/);
    const sources = text.slice(text.indexOf('SOURCES')).replace(/\s+/g, '');
    expect(sources).toContain(`1.${long}`);
    expect(sources).toContain('2.https://tenants.example.org/');
    expect(sources).not.toContain('3.');

    // Every word's right edge is inside the text block: the page less its outer margin (14 mm).
    const words = [...poppler('pdftotext', '-bbox', printed.file, '-').matchAll(/xMax="([\d.]+)"/g)].map((match) => Number(match[1]));
    expect(words.length).toBeGreaterThan(50);
    expect(Math.max(...words)).toBeLessThan(mmToPt(A5.widthMm - 14) + 1);
  });
});
