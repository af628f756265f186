/**
 * windows-1252 → text. Node's TextDecoder accepts the label but decodes it as ISO-8859-1, so
 * 0x80–0x9F (the curly quotes, dashes, € and … that Western pages are full of) come out as
 * C1 control characters. This table is the WHATWG index for that range; the rest of the
 * bytes are ISO-8859-1.
 */
const HIGH_CONTROLS = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  const chunk: number[] = [];
  for (const byte of bytes) {
    chunk.push(byte >= 0x80 && byte < 0xa0 ? HIGH_CONTROLS[byte - 0x80]! : byte);
    if (chunk.length === 8192) text += String.fromCharCode(...chunk.splice(0));
  }
  return text + String.fromCharCode(...chunk);
}
