#!/usr/bin/env node
// Rewrites README.md's options table from the config schema (run through `npm run docs`).
import {readFileSync, writeFileSync} from 'node:fs';
import {withOptionsTable} from '../dist/config/docs.js';

const file = new URL('../README.md', import.meta.url);
writeFileSync(file, withOptionsTable(readFileSync(file, 'utf8')));
