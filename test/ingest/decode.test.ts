import {describe, expect, it} from 'vitest';
import {decode, declaredCharset, detectFormat} from '../../src/ingest/index.js';

const SENTENCE = 'We’d rather pay the rent — “on time”.';
const page = (head: string, body = SENTENCE) => `<!doctype html><html><head>${head}<title>t</title></head><body><p>${body}</p></body></html>`;

/** windows-1252 bytes of a string (Node has no 1252 encoder; the quotes and dash are the ones that matter here). */
function windows1252(text: string): Uint8Array {
  const special: Record<string, number> = {'’': 0x92, '‘': 0x91, '“': 0x93, '”': 0x94, '—': 0x97, '–': 0x96, '€': 0x80, '…': 0x85};
  return Uint8Array.from([...text].map((char) => special[char] ?? char.charCodeAt(0)));
}

function utf16(text: string, order: 'le' | 'be'): Uint8Array {
  const bytes = Buffer.from(text, 'utf16le');
  if (order === 'be') bytes.swap16();
  return Buffer.concat([Buffer.from(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]), bytes]);
}

describe('decode', () => {
  it('reads UTF-8 with a BOM and drops the BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SENTENCE)]);
    expect(decode(bytes, 'text')).toEqual({text: SENTENCE, encoding: 'utf-8'});
  });

  it.each(['le', 'be'] as const)('reads UTF-16%s by its BOM', (order) => {
    const {text, encoding} = decode(utf16(page(''), order), 'html');
    expect(encoding).toBe(`utf-16${order}`);
    expect(text).toContain(SENTENCE);
  });

  it('lets the BOM win over a <meta charset> that contradicts it', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page('<meta charset="windows-1252">'))]);
    expect(decode(bytes, 'html').encoding).toBe('utf-8');
  });

  it('follows <meta charset>', () => {
    const bytes = Buffer.concat([Buffer.from(page('<meta charset="windows-1252">', '')), windows1252(SENTENCE)]);
    const {text, encoding} = decode(bytes, 'html');
    expect(encoding).toBe('windows-1252');
    expect(text).toContain(SENTENCE);
  });

  it('follows <meta http-equiv="Content-Type" content="text/html; charset=…">', () => {
    const head = '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">';
    expect(declaredCharset(Buffer.from(page(head)))).toBe('iso-8859-1');
    const bytes = Buffer.concat([Buffer.from(page(head, '')), Uint8Array.from([0x43, 0x61, 0x66, 0xe9])]);
    // WHATWG maps the label iso-8859-1 to windows-1252.
    expect(decode(bytes, 'html')).toMatchObject({encoding: 'windows-1252'});
    expect(decode(bytes, 'html').text).toContain('Café');
  });

  it('lets a server’s Content-Type charset win over the page’s own <meta>', () => {
    const bytes = Buffer.concat([Buffer.from(page('<meta charset="utf-8">', '')), windows1252(SENTENCE)]);
    expect(decode(bytes, 'html', 'windows-1252').text).toContain(SENTENCE);
  });

  it('ignores an unknown declared charset and falls back to sniffing', () => {
    expect(decode(Buffer.from(page('<meta charset="x-no-such-charset">')), 'html')).toMatchObject({encoding: 'utf-8'});
  });

  it('reads undeclared UTF-8 as UTF-8', () => {
    expect(decode(Buffer.from(SENTENCE), 'text')).toEqual({text: SENTENCE, encoding: 'utf-8'});
  });

  it('reads undeclared windows-1252 as windows-1252, never as “Weâ€™d”', () => {
    const {text, encoding} = decode(windows1252(SENTENCE), 'text');
    expect(encoding).toBe('windows-1252');
    expect(text).toBe(SENTENCE);
    expect(text).not.toContain('â€');
  });

  it('does not read a charset out of a text dump that quotes HTML', () => {
    const dump = Buffer.from(`A note on <meta charset="windows-1252"> tags.\n${SENTENCE}`);
    expect(decode(dump, 'text')).toMatchObject({encoding: 'utf-8', text: expect.stringContaining(SENTENCE)});
  });
});

describe('detectFormat', () => {
  const sniff = (name: string, text: string, mediaType?: string) => detectFormat(name, Buffer.from(text), () => text, mediaType);

  it('trusts a server’s media type, then the extension, then the text', () => {
    expect(sniff('https://example.org/story', 'plain words', 'text/html')).toBe('html');
    expect(sniff('https://example.org/story.md?ref=feed', 'plain words')).toBe('markdown');
    expect(sniff('page', '<!-- saved -->\n<html lang="en"><body></body></html>')).toBe('html');
    expect(sniff('notes', '---\ntitle: x\n---\nbody')).toBe('markdown');
    expect(sniff('notes', 'Just a line of text')).toBe('text');
  });

  it('refuses binary files whatever their name', () => {
    expect(() => detectFormat('photo.html', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0]), () => '')).toThrow(/PNG image/);
  });
});
