import {mkdtemp, readFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect, it} from 'vitest';
import {build} from '../src/build.js';
import {copyExamples, exampleNames} from './support/examples.js';

// Chromium pages are reused from one article to the next, the document rewritten in place with
// the template's files kept. The 8th copy of an example must come out as the 1st did, and no
// capture may stall: a cover captured from a tab in the background used to wait for a frame
// until the protocol timed out, 3 minutes later, and then be retried.
it('a batch of 24 articles: every copy of an example the same bytes, no render retried', async () => {
  process.env['SOURCE_DATE_EPOCH'] = '1700000000';
  const dir = await mkdtemp(path.join(tmpdir(), 'pamphlet-batch-'));
  const inputs = await copyExamples(dir, 24);
  const report = await build({inputs, out: path.join(dir, 'out'), config: false, jobs: 2});
  expect(report.inputs.map((input) => input.status)).toEqual(Array(24).fill('ok'));
  expect(report.inputs.flatMap((input) => input.warnings.filter((warning) => warning.ruleId === 'render-retry'))).toEqual([]);
  for (const format of ['pdf', 'epub'] as const) {
    const bytes = await Promise.all(report.inputs.map((input) => readFile(input.outputs.find((output) => output.format === format)!.path)));
    bytes.forEach((file, index) => {
      const first = bytes[index % exampleNames.length]!;
      expect(file.equals(first), `${format} of ${path.basename(inputs[index]!)}`).toBe(true);
    });
    // Different examples are different books.
    expect(bytes[0]!.equals(bytes[1]!)).toBe(false);
  }
}, 120_000);
