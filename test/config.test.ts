import {existsSync} from 'node:fs';
import {mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {main} from '../src/cli.js';
import {parsePaper} from '../src/config/paper.js';
import {resolveOptions} from '../src/config/resolve.js';
import {BuildReportJson} from '../src/report.js';
import {examplePath} from './support/examples.js';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {stdout: (text) => (stdout += text), stderr: (text) => (stderr += text)});
  return {code, stdout, stderr};
}

describe('config file', () => {
  it.each([
    ['pamphlet.config.json', '{"paperr": "a6"}', /pamphlet\.config\.json: unknown key "paperr"; did you mean "paper"\?/],
    ['pamphlet.config.json', '{"individual": "yes"}', /pamphlet\.config\.json: key "individual": expected boolean, received string/],
    ['pamphlet.config.yaml', 'format: [pdf, docx]\n', /pamphlet\.config\.yaml: key "format\.1": .*"pdf"\|"epub"/],
    ['pamphlet.config.json', '{"paper": "a5",}', /pamphlet\.config\.json: not valid JSON/],
  ])('%s %s is rejected naming the key, the file and what was expected; exit 2, nothing built', async (name, text, reason) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pamphlet-config-'));
    await writeFile(path.join(dir, name), text);
    const out = path.join(dir, 'out');
    const {code, stderr} = await run('build', examplePath('strike-ballot.txt'), '--config', path.join(dir, name), '-o', out);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(reason);
    expect(existsSync(out)).toBe(false);
  });

  it('flags override the file, key by key', () => {
    const resolved = resolveOptions({paper: 'a6', out: 'from-file', title: 'Weekly'}, {paper: '110x178mm'});
    expect(resolved.paper).toEqual({widthMm: 110, heightMm: 178});
    expect(resolved.out).toBe('from-file');
    expect(resolved.collection?.title).toBe('Weekly');
    expect(Object.isFrozen(resolved)).toBe(true);
    expect(resolveOptions({title: 'Weekly'}, {individual: true}).collection).toBeUndefined();
  });

  it('paper names and sizes', () => {
    expect(parsePaper('A4')).toEqual({widthMm: 210, heightMm: 297});
    expect(parsePaper('half-letter')).toEqual({widthMm: 139.7, heightMm: 215.9});
    expect(() => parsePaper('b5')).toThrow(/use a4, a5, a6, letter, half-letter or WxHmm/);
    expect(() => parsePaper('10x500mm')).toThrow(/between 50 and 420 mm/);
  });
});

it('--json prints a report that validates against the report schema', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'pamphlet-json-'));
  await writeFile(path.join(dir, 'empty.txt'), '');
  const {code, stdout} = await run('build', examplePath('strike-ballot.txt'), path.join(dir, 'empty.txt'), '--format', 'epub', '-o', dir, '--json');
  expect(code).toBe(1);
  const report = BuildReportJson.parse(JSON.parse(stdout));
  expect(report.ok).toBe(false);
  expect(report.inputs.map((input) => input.status)).toEqual(['ok', 'failed']);
  expect(report.inputs[0]!.outputs[0]).toMatchObject({format: 'epub', path: path.join(dir, 'strike-ballot.epub')});
  expect(report.inputs[0]!.warnings.some((warning) => warning.ruleId === 'related-box' && warning.line === 25)).toBe(true);
  expect(report.inputs[1]!.code).toBe('E_INPUT_EMPTY');
  // An EPUB-only build times every stage but the PDF; the empty input failed while being read.
  expect(Object.keys(report.inputs[0]!.timings).sort()).toEqual(['cleanMs', 'epubMs', 'ingestMs', 'renderMs', 'typesetMs']);
  expect(Object.values(report.inputs[0]!.timings).every((ms) => typeof ms === 'number' && ms >= 0)).toBe(true);
  expect(report.inputs[0]!.timings.epubMs).toBeGreaterThanOrEqual(report.inputs[0]!.timings.renderMs! + report.inputs[0]!.timings.typesetMs! - 1);
  expect(Object.keys(report.inputs[1]!.timings)).toEqual([]);
});
