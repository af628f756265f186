import jpeg from 'jpeg-js';
import {PNG} from 'pngjs';
import {describe, expect, it} from 'vitest';
import {fitImage, fittedSize, MAX_IMAGE_PIXELS, readImageFacts, shrinkRgba} from '../../src/epub/images.js';

function png(width: number, height: number, rgba: [number, number, number, number] = [10, 20, 30, 255]): Uint8Array {
  const image = new PNG({width, height});
  for (let offset = 0; offset < image.data.length; offset += 4) image.data.set(rgba, offset);
  return new Uint8Array(PNG.sync.write(image));
}

function jpg(width: number, height: number): Uint8Array {
  return new Uint8Array(jpeg.encode({data: new Uint8Array(width * height * 4).fill(128), width, height}, 80).data);
}

/** A GIF89a header: the logical screen size is all `readImageFacts` reads. */
function gifHeader(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(13);
  bytes.set(Buffer.from('GIF89a', 'latin1'));
  new DataView(bytes.buffer).setUint16(6, width, true);
  new DataView(bytes.buffer).setUint16(8, height, true);
  return bytes;
}

describe('readImageFacts', () => {
  it('reads the size from PNG, JPEG and GIF headers', () => {
    expect(readImageFacts(png(7, 3))).toEqual({width: 7, height: 3, cmyk: false});
    expect(readImageFacts(jpg(33, 17))).toEqual({width: 33, height: 17, cmyk: false});
    expect(readImageFacts(gifHeader(640, 480))).toEqual({width: 640, height: 480, cmyk: false});
    expect(readImageFacts(new Uint8Array([1, 2, 3]))).toBeUndefined();
  });

  it('recognises a four-component (CMYK) JPEG frame', () => {
    const bytes = jpg(8, 8);
    const view = new DataView(bytes.buffer);
    let offset = 2;
    while (bytes[offset + 1] !== 0xc0) offset += 2 + view.getUint16(offset + 2);
    bytes[offset + 9] = 4;
    expect(readImageFacts(bytes)?.cmyk).toBe(true);
  });
});

describe('fittedSize', () => {
  it('keeps the proportions and stays within 5.6 million pixels', () => {
    expect(fittedSize(2000, 2000)).toEqual({width: 2000, height: 2000});
    expect(fittedSize(3000, 2000)).toEqual({width: 2898, height: 1932});
    for (const [width, height] of [[10_000, 10_000], [60_000, 101], [4001, 1401]] as const) {
      const fitted = fittedSize(width, height);
      expect(fitted.width * fitted.height).toBeLessThanOrEqual(MAX_IMAGE_PIXELS);
      // Whole pixels: the proportions move by at most about one pixel in the short side.
      expect(Math.abs(fitted.width / fitted.height / (width / height) - 1)).toBeLessThan(0.01);
    }
  });
});

describe('shrinkRgba', () => {
  it('averages the pixels each target pixel covers, weighting by alpha', () => {
    const data = new Uint8Array([0, 0, 0, 255, 200, 100, 50, 255, 255, 255, 255, 0, 100, 100, 100, 255]);
    expect([...shrinkRgba(data, 2, 2, 1, 1)]).toEqual([100, 67, 50, 191]);
  });
});

describe('fitImage', () => {
  it('leaves an image within the limits as it is', () => {
    const asset = {href: 'assets/a.png', mediaType: 'image/png', bytes: png(100, 50)};
    expect(fitImage(asset)).toEqual({asset, change: {kind: 'kept'}});
  });

  it('scales a JPEG over the limit down, as a JPEG', () => {
    const {asset, change} = fitImage({href: 'assets/b.jpg', mediaType: 'image/jpeg', bytes: jpg(3200, 1800)});
    expect(change).toEqual({kind: 'refitted', from: {width: 3200, height: 1800, cmyk: false}, to: {width: 3155, height: 1774}});
    expect(readImageFacts(asset.bytes)).toEqual({width: 3155, height: 1774, cmyk: false});
    expect(asset.href).toBe('assets/b.jpg');
  });

  it('reports a GIF over the limit as one it cannot take', () => {
    expect(fitImage({href: 'assets/c.gif', mediaType: 'image/gif', bytes: gifHeader(4000, 4000)}).change).toMatchObject({kind: 'unreadable'});
  });
});
