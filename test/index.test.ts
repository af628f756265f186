import {expect, it} from 'vitest';
import * as pamphlet from '../src/index.js';

it('exports exactly the public API', () => {
  expect(Object.keys(pamphlet).sort()).toEqual(['PamphletError', 'articleToJson', 'articleToText', 'build', 'clean', 'isPamphletError']);
});
