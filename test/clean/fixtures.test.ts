import {readdirSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {toHtml} from 'hast-util-to-html';
import {VFile} from 'vfile';
import {describe, expect, it} from 'vitest';
import {articleToJson} from '../../src/article-json.js';
import {cleanInput} from '../../src/clean/index.js';
import {ingest} from '../../src/ingest/index.js';

/**
 * Each folder of fixtures/ holds one input (input.html, input.txt or input.md) written for
 * one rule family or input form, and expected.json: the Article it becomes, with the body
 * as one HTML string per block and every removal message, so a reviewer reads what each rule
 * removed and why. Update with `npx vitest run test/clean -u`, then read the diff.
 */
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

describe('clean fixtures', () => {
  for (const name of readdirSync(FIXTURES).sort()) {
    const folder = path.join(FIXTURES, name);
    const input = readdirSync(folder).find((file) => file.startsWith('input.'));
    if (!input) continue;
    it(name, async () => {
      const ingested = await ingest(input, folder);
      const article = cleanInput(ingested, new VFile({path: input, value: ingested.text}));
      const {body: _body, ...json} = articleToJson(article);
      const blocks = article.body.children.map((node) => toHtml(node)).filter((html) => html.trim() !== '');
      const expected = {...json, encoding: ingested.encoding, body: blocks};
      await expect(`${JSON.stringify(expected, null, 2)}\n`).toMatchFileSnapshot(path.join(folder, 'expected.json'));
    });
  }
});
