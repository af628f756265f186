import {execFile} from 'node:child_process';
import {copyFile, mkdtemp, readdir, readFile, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {promisify} from 'node:util';
import {beforeAll, describe, expect, it} from 'vitest';
import {main} from '../src/cli.js';
import {lazyListeners} from '../scripts/linkedom-listeners.mjs';
import {ROOT, exampleNames, examplePath} from './support/examples.js';

const EVENT_TARGET = path.join(ROOT, 'node_modules', 'linkedom', 'esm', 'interface', 'event-target.js');

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'pamphlet-bundle-'));
});

describe("the bundle's linkedom edit", () => {
  it('applies to the installed linkedom: no listener table is made with a node', async () => {
    const source = await readFile(EVENT_TARGET, 'utf8');
    expect(source).toContain('wm.set(this, new Map);');
    const patched = lazyListeners(source);
    expect(patched).not.toContain('wm.set(this, new Map);');
    expect(patched).toContain('if (map === undefined) wm.set(this, (map = new Map));');
  });

  it('refuses a file that no longer reads as expected, naming it', async () => {
    const source = (await readFile(EVENT_TARGET, 'utf8')).replace('const map = wm.get(this);\n    if (map.has(type)) {', 'const map = this.listeners;\n    if (map.has(type)) {');
    expect(() => lazyListeners(source, 'event-target.js')).toThrow(/event-target\.js: removeEventListener is not the code/);
  });

  it('still adds, dispatches to and removes listeners', async () => {
    const file = path.join(scratch, 'event-target.mjs');
    await writeFile(file, lazyListeners(await readFile(EVENT_TARGET, 'utf8')));
    const {EventTarget} = (await import(pathToFileURL(file).href)) as {EventTarget: new () => EventTarget};
    const event = () => ({type: 'change', bubbles: false, defaultPrevented: false, _path: [], NONE: 0, CAPTURING_PHASE: 1, AT_TARGET: 2, BUBBLING_PHASE: 3}) as unknown as Event;
    const target = new EventTarget();
    const heard: string[] = [];
    const listener = (seen: Event) => heard.push(seen.type);
    expect(target.dispatchEvent(event())).toBe(true);
    target.addEventListener('change', listener);
    target.dispatchEvent(event());
    target.removeEventListener('change', listener);
    target.dispatchEvent(event());
    new EventTarget().removeEventListener('change', listener);
    expect(heard).toEqual(['change']);
  });
});

describe('the bundled CLI', () => {
  it('cleans every example and cleaning fixture exactly as the library does', async () => {
    const inputs: string[] = [];
    for (const name of exampleNames) {
      inputs.push(path.join(scratch, name));
      await copyFile(examplePath(name), path.join(scratch, name));
    }
    const fixtures = path.join(ROOT, 'test', 'clean', 'fixtures');
    for (const fixture of await readdir(fixtures)) {
      const input = (await readdir(path.join(fixtures, fixture))).find((file) => file.startsWith('input.'))!;
      const copy = path.join(scratch, `${fixture}${path.extname(input)}`);
      await copyFile(path.join(fixtures, fixture, input), copy);
      inputs.push(copy);
    }
    const bundled = path.join(scratch, 'bundled');
    const library = path.join(scratch, 'library');
    await promisify(execFile)(process.execPath, [path.join(ROOT, 'bin', 'pamphlet'), 'clean', ...inputs, '-o', bundled, '-q']);
    expect(await main(['clean', ...inputs, '-o', library, '-q'], {stdout: () => undefined, stderr: () => undefined})).toBe(0);
    const names = (await readdir(library)).sort();
    expect(names.length).toBe(inputs.length);
    expect((await readdir(bundled)).sort()).toEqual(names);
    for (const name of names) {
      expect(await readFile(path.join(bundled, name), 'utf8'), name).toBe(await readFile(path.join(library, name), 'utf8'));
    }
  });
});
