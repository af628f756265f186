import {copyFile, mkdir, mkdtemp, readFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect, it} from 'vitest';
import {build} from '../src/build.js';
import {examplePath} from './support/examples.js';

it('gives two inputs with the same name two outputs, written at the same time', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'pamphlet-names-'));
  await mkdir(path.join(dir, 'a'));
  await mkdir(path.join(dir, 'b'));
  await copyFile(examplePath('strike-ballot.txt'), path.join(dir, 'a', 'story.txt'));
  await copyFile(examplePath('tenants-union.md'), path.join(dir, 'b', 'story.md'));
  const out = path.join(dir, 'out');
  const report = await build({inputs: [path.join(dir, 'a', 'story.txt'), path.join(dir, 'b', 'story.md')], out, format: ['epub'], jobs: 2, config: false});
  expect(report.ok).toBe(true);
  expect(report.outputs.map((output) => path.basename(output.path)).sort()).toEqual(['story-2.epub', 'story.epub']);
  const first = await readFile(path.join(out, 'story.epub'), 'latin1');
  const second = await readFile(path.join(out, 'story-2.epub'), 'latin1');
  expect(first).toContain('chapter-1.xhtml');
  expect(first).not.toBe(second);
}, 120_000);
