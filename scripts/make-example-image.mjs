// Draws examples/images/lead.png, the lead picture of examples/library-closures.html:
// a branch library under an evening sky, in flat shapes and one gradient so that it
// prints cleanly and compresses small. Deterministic: the same bytes on every run.
//
//   node scripts/make-example-image.mjs
import {mkdirSync, writeFileSync} from 'node:fs';
import {PNG} from 'pngjs';

const WIDTH = 1200;
const HEIGHT = 800;
const HORIZON = 620;

// pngjs holds pixels as RGBA whatever it writes; the file itself is RGB (colorType 2).
const png = new PNG({width: WIDTH, height: HEIGHT});

function setPixel(x, y, [r, g, b]) {
  if (x < 0 || y < 0 || x >= WIDTH || y >= HEIGHT) return;
  const i = (y * WIDTH + x) * 4;
  png.data[i] = r;
  png.data[i + 1] = g;
  png.data[i + 2] = b;
  png.data[i + 3] = 255;
}

function fillRect(x0, y0, width, height, colour) {
  for (let y = y0; y < y0 + height; y++) for (let x = x0; x < x0 + width; x++) setPixel(x, y, colour);
}

function fillCircle(cx, cy, radius, colour) {
  for (let y = cy - radius; y <= cy + radius; y++) {
    for (let x = cx - radius; x <= cx + radius; x++) {
      if ((x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2) setPixel(x, y, colour);
    }
  }
}

/** An isosceles triangle standing on the row `baseY`, apex at (`cx`, `apexY`). */
function fillGable(cx, apexY, baseY, halfWidth, colour) {
  for (let y = apexY; y <= baseY; y++) {
    const half = Math.round((halfWidth * (y - apexY)) / (baseY - apexY));
    for (let x = cx - half; x <= cx + half; x++) setPixel(x, y, colour);
  }
}

function mix(a, b, t) {
  return a.map((channel, i) => Math.round(channel + (b[i] - channel) * t));
}

// Sky: deep blue at the top to a warm band at the horizon, in horizontal rows so PNG's
// row filters compress it to almost nothing.
const ZENITH = [38, 52, 102];
const DUSK = [236, 160, 112];
for (let y = 0; y < HORIZON; y++) {
  const colour = mix(ZENITH, DUSK, (y / HORIZON) ** 1.6);
  for (let x = 0; x < WIDTH; x++) setPixel(x, y, colour);
}
fillCircle(930, 470, 70, [250, 214, 150]);

// Hills behind the town, then the street.
for (let x = 0; x < WIDTH; x++) {
  const top = Math.round(560 + 28 * Math.sin(x / 150) + 14 * Math.sin(x / 47));
  for (let y = top; y < HORIZON; y++) setPixel(x, y, [84, 92, 120]);
}
fillRect(0, HORIZON, WIDTH, HEIGHT - HORIZON, [70, 70, 78]);
fillRect(0, HORIZON, WIDTH, 24, [150, 146, 140]);

// Terraced houses either side of the library.
const ROOF = [60, 48, 56];
const HOUSE = [120, 84, 74];
const DARK_WINDOW = [52, 58, 84];
for (const x0 of [20, 160, 900, 1040]) {
  fillRect(x0, 450, 130, HORIZON - 450, HOUSE);
  fillGable(x0 + 65, 400, 450, 70, ROOF);
  fillRect(x0 + 22, 480, 30, 44, DARK_WINDOW);
  fillRect(x0 + 78, 480, 30, 44, DARK_WINDOW);
  fillRect(x0 + 50, 550, 30, HORIZON - 550, ROOF);
}

// The library: brick body, stone pediment and columns, lit windows, steps.
const BRICK = [168, 88, 66];
const STONE = [226, 214, 190];
const LIT = [255, 208, 120];
fillRect(320, 330, 560, HORIZON - 330, BRICK);
fillGable(600, 220, 330, 300, STONE);
fillGable(600, 246, 318, 240, BRICK);
fillRect(300, 318, 600, 26, STONE);
for (let column = 0; column < 6; column++) fillRect(352 + column * 96, 344, 26, 230, STONE);
for (let bay = 0; bay < 5; bay++) {
  const x0 = 394 + bay * 96;
  if (bay === 2) continue;
  fillRect(x0, 380, 46, 76, LIT);
  fillRect(x0 + 21, 380, 4, 76, BRICK);
  fillRect(x0, 494, 46, 60, LIT);
}
fillRect(570, 470, 60, 104, [92, 60, 48]);
fillCircle(600, 470, 30, [92, 60, 48]);
for (let step = 0; step < 3; step++) fillRect(300 - step * 14, 574 + step * 15, 600 + step * 28, 15, mix(STONE, [150, 146, 140], step / 3));

// A round clock in the pediment and a lamp post on the pavement.
fillCircle(600, 290, 20, STONE);
fillCircle(600, 290, 15, [70, 70, 78]);
fillRect(240, 470, 8, 174, [40, 40, 46]);
fillCircle(244, 466, 14, LIT);

mkdirSync(new URL('../examples/images/', import.meta.url), {recursive: true});
writeFileSync(new URL('../examples/images/lead.png', import.meta.url), PNG.sync.write(png, {colorType: 2}));
