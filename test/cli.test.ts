import {execFile} from 'node:child_process';
import {existsSync} from 'node:fs';
import {mkdtemp, readdir, writeFile, copyFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {beforeAll, describe, expect, it} from 'vitest';
import {commandOf, main} from '../src/cli.js';
import {ROOT, examplePath} from './support/examples.js';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {stdout: (text) => (stdout += text), stderr: (text) => (stderr += text)});
  return {code, stdout, stderr};
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'pamphlet-cli-'));
  await writeFile(path.join(scratch, 'empty.html'), '');
  await writeFile(path.join(scratch, 'blank.txt'), '  \n\n \t\n');
  await copyFile(path.join(ROOT, 'examples', 'images', 'lead.png'), path.join(scratch, 'photo.html'));
});

describe('pamphlet clean', () => {
  it('prints the text dump example as a full Article', async () => {
    const {code, stdout} = await run('clean', examplePath('strike-ballot.txt'), '--to', 'json', '--quiet');
    expect(code).toBe(0);
    const article = JSON.parse(stdout);
    expect(article.title).toBe('Bus drivers vote to strike over split shifts at Northgate depots');
    expect(article.authors).toEqual(['Rhiannon Vale']);
    expect(article.leadImage).toMatchObject({caption: 'Drivers outside the Fenwick Road depot on Tuesday morning', credit: 'Tomasz Brenner'});
    expect(article.body).toMatch(/^<p>Bus drivers at three Northgate Transit depots/);
  });

  it('prints only the body as text, paragraphs separated by blank lines', async () => {
    const {code, stdout} = await run('clean', examplePath('strike-ballot.txt'), '--to', 'text', '--quiet');
    expect(code).toBe(0);
    const paragraphs = stdout.trim().split('\n\n');
    expect(paragraphs).toHaveLength(14);
    expect(paragraphs[0]).toMatch(/^Bus drivers at three Northgate Transit depots/);
    expect(paragraphs.at(-1)).toBe('Drivers say their message to management is simple. Withdraw the split shifts, and the buses keep running.');
    expect(stdout).not.toMatch(/Bus drivers vote to strike|Rhiannon Vale|Read More|Sign up|Latest News|donation/);
  });

  it('writes one file per input with -o', async () => {
    const out = path.join(scratch, 'clean-out');
    const {code} = await run('clean', examplePath('strike-ballot.txt'), examplePath('tenants-union.md'), '--to', 'text', '-o', out, '--quiet');
    expect(code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['strike-ballot.txt', 'tenants-union.txt']);
  });
});

describe('pamphlet build', () => {
  it('says what it wrote, with "1 page" for a one-page PDF and "pages" for more', async () => {
    const short = path.join(scratch, 'short.md');
    await writeFile(short, '# A short notice\n\nThe tenants meet on Thursday at seven, in the community room.\n');
    const out = path.join(scratch, 'build-out');
    const {code, stdout} = await run('build', short, examplePath('strike-ballot.txt'), '--format', 'pdf', '-o', out);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines).toContainEqual(expect.stringMatching(/^wrote .*short\.pdf \(\d+ KB, 1 page\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^wrote .*strike-ballot\.pdf \(\d+ KB, 2 pages\)$/));
  });
});

describe('bad input gives one line naming the file and the reason', () => {
  it.each([
    ['empty.html', /empty\.html: the file is empty/],
    ['blank.txt', /blank\.txt: the file holds only whitespace/],
    ['photo.html', /photo\.html: is a PNG image, not an article/],
    ['missing.html', /missing\.html: no such file/],
  ])('%s', async (name, reason) => {
    const out = path.join(scratch, `out-${name}`);
    const {code, stderr} = await run('build', path.join(scratch, name), '-o', out, '--format', 'epub');
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^pamphlet: error: /);
    expect(lines[0]).toMatch(reason);
    expect(existsSync(out)).toBe(false);
  });

  it('a usage error exits 2', async () => {
    const {code, stderr} = await run('build', '--format', 'docx');
    expect(code).toBe(2);
    expect(stderr.trim()).toBe('pamphlet: error: --format: unknown format "docx"; use pdf, epub or pdf,epub');
    expect((await run('frobnicate')).code).toBe(2);
    expect((await run('build', '--no-such-flag')).code).toBe(2);
  });

  it('the installed command reports the version and exits 0', async () => {
    const {stdout} = await promisify(execFile)(process.execPath, [path.join(ROOT, 'bin', 'pamphlet'), '--version']);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('commandOf', () => {
  it('reads the command as main does: the first positional, after any options', () => {
    expect(commandOf(['build', 'a.html'])).toBe('build');
    expect(commandOf(['-q', '--format', 'epub', 'build', 'a.html'])).toBe('build');
    expect(commandOf(['-o', 'build', 'clean', 'a.html'])).toBe('clean');
    expect(commandOf(['--quiet'])).toBeUndefined();
    expect(commandOf(['--no-such-option', 'build'])).toBeUndefined();
  });
});
