import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import {beforeAll, describe, expect, it} from 'vitest';
import {build, type BuildReport, type InputReport} from '../../src/build.js';
import {main} from '../../src/cli.js';
import {blackPng, page, paragraph, paragraphs} from './support.js';

/** Issue 8: every bad input gives its output or its one-line error within this time. */
const LIMIT_MS = 30_000;

let dir: string;

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const started = performance.now();
  const code = await main(argv, {stdout: (text) => (stdout += text), stderr: (text) => (stderr += text)});
  return {code, stdout, stderr, ms: performance.now() - started};
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pamphlet-bad-input-'));
});

describe('inputs that are not an article: one line naming the input and the reason, no stack', () => {
  it.each([
    ['empty.html', () => '', /^pamphlet: error: .*empty\.html: the file is empty; nothing to build$/],
    ['blank.html', () => ' \n\t \r\n  ', /^pamphlet: error: .*blank\.html: the file holds only whitespace; nothing to build$/],
    ['noise.html', () => randomBytes(64 * 1024), /^pamphlet: error: .*noise\.html: is a binary file, not an article/],
    ['huge.html', () => page(paragraph().repeat(Math.ceil((30 * 1024 * 1024) / paragraph().length))), /^pamphlet: error: .*huge\.html: 30\.\d MB is over the 20 MB input limit/],
  ])('%s', async (name, content, message) => {
    await writeFile(path.join(dir, name), content());
    const {code, stderr, stdout, ms} = await run('build', path.join(dir, name), '-o', path.join(dir, 'out'), '--quiet');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr.trimEnd()).toMatch(message);
    expect(ms).toBeLessThan(LIMIT_MS);
  });

  it('--max-input-mb sets the limit', async () => {
    const file = path.join(dir, 'eleven.html');
    await writeFile(file, page(paragraph().repeat(Math.ceil((11 * 1024 * 1024) / paragraph().length))));
    for (const command of ['build', 'clean']) {
      const {stderr} = await run(command, file, '-o', path.join(dir, 'out'), '--max-input-mb', '10', '--quiet');
      expect(stderr.trimEnd()).toMatch(/^pamphlet: error: .*eleven\.html: 11\.\d MB is over the 10 MB input limit \(--max-input-mb raises it\)$/);
    }
  });
});

describe('awkward articles: a good PDF and EPUB each, within 30 s', () => {
  let report: BuildReport;
  const byName = (name: string): InputReport => report.inputs.find((input) => path.basename(input.input) === name)!;
  // Without the soft hyphens hyphenation puts in, and with single spaces.
  const pdfText = (name: string, ...args: string[]) => execFileSync('pdftotext', [...args, pdfOf(name), '-'], {encoding: 'utf8'}).replace(/\u00ad/g, '').replace(/[ \n]+/g, ' ');
  const pdfOf = (name: string) => byName(name).outputs.find((output) => output.format === 'pdf')!.path;
  const epubXhtml = async (name: string) => {
    const zip = await JSZip.loadAsync(await readFile(byName(name).outputs.find((output) => output.format === 'epub')!.path));
    const chapters = Object.keys(zip.files).filter((entry) => /chapter|article|text/i.test(entry) && entry.endsWith('.xhtml'));
    return Promise.all(chapters.map((entry) => zip.file(entry)!.async('string')));
  };
  let elapsedMs = 0;

  const arabic = 'اجتمع المجلس يوم الاثنين لمناقشة خطة المكتبة الجديدة وسأل السكان أسئلة كثيرة عن الميزانية وجدول الأعمال. ';
  const hebrew = 'המועצה התכנסה ביום שני כדי לדון בתוכנית לספרייה החדשה והתושבים שאלו שאלות רבות על התקציב ועל לוח הזמנים. ';
  const chinese = '市议会周一开会讨论新图书馆的计划，居民们就预算和工程进度提出了许多问题，并要求公布完整的报告。';
  const emoji = 'The council 🎉 met 👩‍👩‍👧 on Monday 🇬🇧 to discuss 📚 the library plan, and residents asked questions 🤔 about the budget. ';
  const longWord = 'x'.repeat(500);
  const longUrl = `https://example.org/${'a'.repeat(480)}`;

  beforeAll(async () => {
    const inputs: Record<string, string | Buffer> = {
      'truncated.html': page(paragraphs()).slice(0, 1500),
      // Bytes 0xFF 0xFE inside UTF-8 text, no declaration: decoded as windows-1252, nothing lost.
      'invalid-utf8.html': Buffer.concat([Buffer.from(page(paragraphs(), '', '').slice(0, 400)), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(page(paragraphs(), '', '').slice(400))]),
      'utf16.html': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(page(paragraphs(), '', ''), 'utf16le')]),
      // windows-1252 has the curly quotes, dash and euro sign at 0x80–0x9F, where latin1 has none.
      'windows-1252.html': Buffer.from(
        page(paragraphs('The “library” plan — a café for 20 € — was discussed by residents, who asked about the budget and the schedule of the works. '), '', '<meta charset="windows-1252">').replace(
          /[“”—€]/g,
          (char) => String.fromCharCode({'“': 0x93, '”': 0x94, '—': 0x97, '€': 0x80}[char]!),
        ),
        'latin1',
      ),
      'arabic.html': page(paragraphs(arabic.repeat(2)), ' lang="ar"'),
      'hebrew.html': page(paragraphs(hebrew.repeat(2)), ' lang="he"'),
      'chinese.html': page(paragraphs(chinese.repeat(3)), ' lang="zh"'),
      'emoji.html': page(paragraphs(emoji)),
      'long-words.html': page(`${paragraphs()}<p>A word of ${longWord} and a link ${longUrl} in running text.</p><p><a href="${longUrl}">${longUrl}</a></p>`),
      'nested.html': page(`${'<div>'.repeat(100_000)}${paragraphs()}${'</div>'.repeat(100_000)}`),
      'huge-image.html': page(`${paragraphs()}<figure><img src="images/black.png" alt="A black square"><figcaption>Black.</figcaption></figure>`),
    };
    await mkdir(path.join(dir, 'images'), {recursive: true});
    await writeFile(path.join(dir, 'images', 'black.png'), blackPng(20_000, 20_000));
    for (const [name, content] of Object.entries(inputs)) await writeFile(path.join(dir, name), content);
    const started = performance.now();
    report = await build({inputs: Object.keys(inputs).map((name) => path.join(dir, name)), out: path.join(dir, 'out'), config: false});
    elapsedMs = performance.now() - started;
  }, 180_000);

  it('builds every one, each within 30 s', () => {
    expect(report.inputs.map((input) => [path.basename(input.input), input.status, input.error])).toEqual(report.inputs.map((input) => [path.basename(input.input), 'ok', undefined]));
    for (const input of report.inputs) {
      const {ingestMs = 0, cleanMs = 0, pdfMs = 0, epubMs = 0} = input.timings;
      expect(ingestMs + cleanMs + pdfMs + epubMs, input.input).toBeLessThan(LIMIT_MS);
    }
    // The whole batch of eleven, on two cores.
    expect(elapsedMs).toBeLessThan(4 * LIMIT_MS);
  });

  it('keeps the text of truncated, invalid UTF-8, UTF-16 and windows-1252 pages', () => {
    expect(pdfText('truncated.html')).toContain('1. The council met on Monday');
    expect(pdfText('invalid-utf8.html')).toContain('5. The council met on Monday');
    expect(pdfText('utf16.html').replace(/\s+/g, ' ')).toContain('residents asked many ques');
    expect(pdfText('windows-1252.html').replace(/\s+/g, ' ')).toMatch(/The “library” plan — a café for 20 €/);
  });

  it('sets Arabic and Hebrew right to left in the PDF: the heading sits at the right margin', () => {
    for (const name of ['arabic.html', 'hebrew.html']) {
      const width = Number(/Page size:\s+([\d.]+)/.exec(execFileSync('pdfinfo', [pdfOf(name)], {encoding: 'utf8'}))![1]);
      const heading = /<word xMin="([\d.]+)"[^>]*xMax="([\d.]+)"[^>]*>Library<\/word>/.exec(pdfText(name, '-bbox', '-l', '1'))!;
      expect(Number(heading[1]), name).toBeGreaterThan(width / 2);
      expect(pdfText(name)).toContain(name === 'arabic.html' ? 'المكتبة' : 'לספרייה');
    }
  });

  it('sets Arabic and Hebrew right to left in the EPUB', async () => {
    for (const name of ['arabic.html', 'hebrew.html']) expect((await epubXhtml(name)).join('\n')).toMatch(/<html [^>]*dir="rtl"/);
  });

  it('keeps CJK and emoji text', async () => {
    expect(pdfText('chinese.html')).toContain('图书馆');
    expect(execFileSync('pdffonts', [pdfOf('chinese.html')], {encoding: 'utf8'})).not.toMatch(/Type 3/);
    // The PDF shows emoji only where the system has an emoji font (the template bundles none);
    // the text and the EPUB keep them all.
    expect(pdfText('emoji.html')).toContain('The council');
    expect((await epubXhtml('emoji.html')).join('')).toContain('🎉 met 👩‍👩‍👧 on Monday 🇬🇧');
  });

  it('breaks 500-character words and URLs inside the page', () => {
    const width = Number(/Page size:\s+([\d.]+)/.exec(execFileSync('pdfinfo', [pdfOf('long-words.html')], {encoding: 'utf8'}))![1]);
    const boxes = [...pdfText('long-words.html', '-bbox').matchAll(/<word xMin="([\d.]+)"[^>]*xMax="([\d.]+)"[^>]*>([^<]*)</g)];
    expect(boxes.length).toBeGreaterThan(100);
    for (const [, xMin, xMax, word] of boxes) {
      expect(Number(xMin), word).toBeGreaterThanOrEqual(0);
      expect(Number(xMax), word).toBeLessThanOrEqual(width);
    }
    // The long word is all there, on several lines.
    const xs = boxes.filter(([, , , word]) => /^x{5,}/.test(word!));
    expect(xs.length).toBeGreaterThan(1);
    expect(xs.reduce((sum, [, , , word]) => sum + word!.replace(/[^x]/g, '').length, 0)).toBeGreaterThanOrEqual(500);
  });

  it('flattens 100,000 nested elements and says so', () => {
    expect(byName('nested.html').warnings.map(String).join('\n')).toMatch(/nesting 100\d{3} elements deep, expected at most 256/);
    expect(pdfText('nested.html')).toContain('5. The council met on Monday');
  });

  it('refuses a 20,000 × 20,000 image with a message and builds the article without it', async () => {
    expect(byName('huge-image.html').warnings.map(String).join('\n')).toMatch(/images\/black\.png: it is 20000×20000 pixels \(400 MP\), over the 25 MP image limit, dropped/);
    expect(pdfText('huge-image.html')).toContain('1. The council met on Monday');
    expect((await epubXhtml('huge-image.html')).join('')).not.toContain('<img');
  });
});
