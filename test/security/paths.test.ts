import {expect, it} from 'vitest';
import {decodePath, isInside} from '../../src/security/paths.js';

it('tells what lies strictly inside a folder', () => {
  expect(isInside('/in', '/in/a.png')).toBe(true);
  expect(isInside('/in', '/in/..notes.png')).toBe(true);
  expect(isInside('/in', '/in/sub/a.png')).toBe(true);
  expect(isInside('/in', '/in')).toBe(false);
  expect(isInside('/in', '/in/..')).toBe(false);
  expect(isInside('/in', '/out/a.png')).toBe(false);
  expect(isInside('/in', '/inside/a.png')).toBe(false);
});

it('decodes percent escapes, and refuses malformed ones', () => {
  expect(decodePath('a%20b.png')).toBe('a b.png');
  expect(decodePath('..%2F..%2Fetc')).toBe('../../etc');
  expect(decodePath('100%.png')).toBeUndefined();
});
