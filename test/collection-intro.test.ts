import {mkdtemp, readFile, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import {expect, it} from 'vitest';
import {build} from '../src/build.js';
import {examplePath} from './support/examples.js';

it("prints a collection's introduction first and reports it like an input", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'pamphlet-intro-'));
  const intro = path.join(dir, 'intro.md');
  await writeFile(intro, '---\ntitle: Why this story\n---\n\nOne story this week, about drivers who organised across three depots. Read it and pass it on.\n');
  const report = await build({inputs: [examplePath('strike-ballot.txt')], title: 'Notes', editor: 'Sam Reid', intro, out: dir, format: ['epub'], config: false});
  expect(report.ok).toBe(true);
  expect(report.inputs.map((input) => [path.basename(input.input), input.status, input.outputs.length])).toEqual([
    ['intro.md', 'ok', 1],
    ['strike-ballot.txt', 'ok', 1],
  ]);
  const zip = await JSZip.loadAsync(await readFile(path.join(dir, 'notes.epub')));
  const first = await zip.file('OEBPS/chapter-1.xhtml')!.async('string');
  expect(first).toContain('Why this story');
  expect(first).toContain('Sam Reid'); // an introduction without a byline is the editor's
});

it('a missing introduction is a failed input, not a thrown error; the collection is still made', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'pamphlet-intro-'));
  const report = await build({inputs: [examplePath('strike-ballot.txt')], title: 'Notes', intro: path.join(dir, 'nope.md'), out: dir, format: ['epub'], config: false});
  expect(report.ok).toBe(false);
  expect(report.inputs[0]).toMatchObject({status: 'failed', code: 'E_INPUT_MISSING'});
  expect(report.outputs.map((output) => path.basename(output.path))).toEqual(['notes.epub']);
});
