import {expect, it} from 'vitest';
import {loadTemplate} from '../../src/render/load-template.js';
import {inlineCustomProperties, rootCustomProperties} from '../../src/render/theme-properties.js';

it("writes print.css's theme values into epub.css, which keeps no custom property", async () => {
  const template = await loadTemplate('pamphlet');
  const theme = rootCustomProperties(template.printCss);
  expect(theme.get('--accent')).toBe('#b3141b');
  expect(template.epubCss).not.toMatch(/var\(|--[\w-]+\s*:/);
  expect(template.epubCss).toContain(`color: ${theme.get('--accent')};`);
  expect(template.epubCss).toContain(`font-family: ${theme.get('--font-body')};`);
});

it('uses the fallback for an unknown property and leaves other text alone', () => {
  const theme = new Map([['--accent', '#1b5e20']]);
  expect(inlineCustomProperties('a { color: var(--accent); border: 1px solid var(--rule, #ccc); b: var(--none) }', theme)).toBe(
    'a { color: #1b5e20; border: 1px solid #ccc; b: var(--none) }',
  );
});
