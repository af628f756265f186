import {execFileSync} from 'node:child_process';
import {mkdtemp, readFile} from 'node:fs/promises';
import {availableParallelism, tmpdir} from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import {expect, it} from 'vitest';
import {build} from '../../src/build.js';
import {getBrowser} from '../../src/pdf/browser.js';
import {copyExamples} from '../support/examples.js';

it('killing Chromium during a 20-article batch: every output complete, the retry logged', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'pamphlet-crash-'));
  const inputs = await copyExamples(dir, 20);
  let killed = 0;
  const out = path.join(dir, 'out');
  const report = await build({
    inputs,
    out,
    config: false,
    onProgress: ({done}) => {
      // Mid-batch, twice: the browser is killed as it starts its next document (a print or a cover).
      if ((done === 5 || done === 13) && killed < 2) {
        killed++;
        void getBrowser().then(async (browser) => {
          // Pages are reused between articles and keep the template's files, so watch the open
          // ones for their next document (a rewritten document fires domcontentloaded too, and
          // requests nothing) as well as any new page.
          const kill = () => browser.process()?.kill('SIGKILL');
          browser.once('targetcreated', kill);
          for (const page of await browser.pages()) page.once('domcontentloaded', kill);
        });
      }
    },
  });
  expect(killed).toBe(2);
  expect(report.inputs.map((input) => input.status)).toEqual(Array(20).fill('ok'));
  const retried = report.inputs.filter((input) => input.warnings.some((warning) => warning.ruleId === 'render-retry'));
  // Each kill hits the article whose page was opening, and any other in flight with it.
  expect(retried.length).toBeGreaterThanOrEqual(2);
  expect(retried.length).toBeLessThanOrEqual(2 * availableParallelism());
  for (const input of report.inputs) {
    const pdf = input.outputs.find((output) => output.format === 'pdf')!.path;
    expect(execFileSync('pdfinfo', [pdf], {encoding: 'utf8'})).toMatch(/Pages:\s+[1-9]/);
    const epub = input.outputs.find((output) => output.format === 'epub')!.path;
    expect(Object.keys((await JSZip.loadAsync(await readFile(epub))).files)).toContain('OEBPS/content.opf');
  }
}, 300_000);
