// Where the benchmark's inputs live: the shared corpus beside the repository, never copied in.
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const SHARED = path.resolve(ROOT, '..', 'shared');
export const AEB_HTML = path.join(SHARED, 'corpus', 'aeb-dev', 'html');
export const AEB_TRUTH = path.join(SHARED, 'corpus', 'aeb-dev', 'truth');
export const READABILITY_DEV = path.join(SHARED, 'corpus', 'readability-dev');
export const SEED = path.join(SHARED, 'seeds', 'article-raw.txt');
export const SCORER = path.join(SHARED, 'tools', 'score-extraction.py');

/** The compiled cleaner: `npm run build` writes it, the bench never reads src/. */
export const DIST = path.join(ROOT, 'dist');
