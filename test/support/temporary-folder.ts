import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

/**
 * Vitest global setup: the whole run gets one temporary folder, set as TMPDIR before the
 * test workers start, so every scratch folder a test makes (and Chromium's, puppeteer's and
 * Ghostscript's) is removed with it at the end, even when a test fails halfway.
 */
export default function setup(): () => void {
  const folder = mkdtempSync(path.join(tmpdir(), 'pamphlet-tests-'));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = folder;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(folder, {recursive: true, force: true});
  };
}
