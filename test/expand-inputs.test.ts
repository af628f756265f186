import {mkdir, mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import {isDynamicPattern} from 'tinyglobby';
import {beforeAll, describe, expect, it} from 'vitest';
import {expandInputs} from '../src/expand-inputs.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pamphlet-inputs-'));
  await mkdir(path.join(dir, 'week'));
  for (const name of ['b-rent.md', 'a-lifts.html', 'photo.png', 'c-notes.txt']) await writeFile(path.join(dir, 'week', name), 'x');
  for (const name of ['Article (1).html', 'Article.html', 'draft[2].md']) await writeFile(path.join(dir, name), 'x');
  await mkdir(path.join(dir, 'lists'));
  await writeFile(path.join(dir, 'lists', 'week.txt'), '# this week\n\n../week/b-rent.md\n  ../week/a-lifts.html  \nhttps://example.org/a\n../Article.html\n');
});

describe('expandInputs', () => {
  it('takes files as named, even when their names read as patterns', async () => {
    expect(await expandInputs(['Article (1).html', 'draft[2].md', 'Article.html'], dir)).toEqual(['Article (1).html', 'draft[2].md', 'Article.html']);
    expect(isDynamicPattern('Article (1).html')).toBe(true);
  });

  it("lists a folder's article files in order, and matches patterns", async () => {
    const week = path.join(dir, 'week');
    expect(await expandInputs(['week'], dir)).toEqual(['a-lifts.html', 'b-rent.md', 'c-notes.txt'].map((name) => path.join(week, name)));
    expect(await expandInputs(['week/*.{md,html}', 'Article*.html'], dir)).toEqual(
      [path.join(week, 'a-lifts.html'), path.join(week, 'b-rent.md'), path.join(dir, 'Article (1).html'), path.join(dir, 'Article.html')],
    );
    await expect(expandInputs(['week/*.pdf'], dir)).rejects.toThrow('week/*.pdf: no article files match this pattern');
  });

  it('reads a list relative to itself, skipping comments and blank lines, and passes URLs and missing files on', async () => {
    expect(await expandInputs(['@lists/week.txt', 'gone.md'], dir)).toEqual([
      path.join(dir, 'week', 'b-rent.md'),
      path.join(dir, 'week', 'a-lifts.html'),
      'https://example.org/a',
      path.join(dir, 'Article.html'),
      'gone.md',
    ]);
  });

  it('is right not to load the pattern matcher for names without a pattern character: none of them is a pattern', () => {
    const plain = fc.string({unit: fc.constantFrom(...'aZ09 ._-/\\:+@,;#%&=~^$|\'"é\u00a0'.split(''))});
    fc.assert(fc.property(plain, (name) => !isDynamicPattern(name)), {numRuns: 2000});
  });
});
