#!/usr/bin/env node
// The floor of a cold one-article run, for `npm run bench`: a new process that loads Chromium's
// driver, launches Chromium, prints one final print HTML (written by the bench) and closes
// it. No cleaning, no EPUB. Usage: node bench/cold-floor.mjs DOCUMENT.json
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {DIST} from './paths.mjs';

const {getBrowser, closeBrowser, printPdf} = await import(path.join(DIST, 'pdf', 'index.js'));
const launching = getBrowser();
const {loadTemplate} = await import(path.join(DIST, 'render', 'load-template.js'));
const document = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const assets = new Map(document.assets.map((asset) => [asset.href, {...asset, bytes: Buffer.from(asset.bytes, 'base64')}]));
const template = await loadTemplate('pamphlet');
await launching;
await printPdf({html: document.html, template, assets}, {widthMm: 148, heightMm: 210});
await closeBrowser();
