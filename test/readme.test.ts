import {readFileSync} from 'node:fs';
import {expect, it} from 'vitest';
import {CONFIG_KEYS, flagName} from '../src/config/schema.js';
import {withOptionsTable} from '../src/config/docs.js';

it("README's options table is the one the schema makes (run `npm run docs` after changing options)", () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  expect(withOptionsTable(readme)).toBe(readme);
  for (const key of CONFIG_KEYS) expect(readme).toContain(`| \`--${flagName(key)}\` | \`${key}\` |`);
});

it('README names exactly the two commands that CI and a new user run', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const ci = readFileSync(new URL('../.ci/run', import.meta.url), 'utf8');
  expect(readme).toMatch(/^npm start\b/m);
  expect(readme).toMatch(/^npm test\b/m);
  expect(ci.trim().split('\n').at(-1)).toBe('npm test');
});
