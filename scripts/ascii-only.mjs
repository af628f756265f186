// Makes the bundle plain ASCII, for scripts/bundle.mjs, and moves its source map to match.
//
// esbuild writes every string literal and identifier in ASCII, but keeps a regular expression
// literal and a tagged template as written: Readability's and the cleaning rules' words in other
// languages ("publicité", "»", "реклама") reach the bundle as they are. One such character
// makes V8 hold the whole 7 MB source in UTF-16 (twice the bytes), and makes Node decode the
// file as UTF-8 on every start, which took 10-25 ms of a one-article build; an ASCII file is
// read as Latin-1, a copy. Each remaining character is written as an escape that means the
// same to the program:
// - in a regular expression, `\uXXXX` (`\u{X}` for astral characters with the u or v flag);
//   only the expression's `source` spells it differently;
// - in a template, an inserted `${"\uXXXX"}`, which keeps both its text and, under
//   `String.raw`, its raw text; a template with any other tag would see its parts change,
//   so one is refused;
// - in an identifier, a string or a comment, `\uXXXX`.
// A character anywhere else (a non-ASCII space) is refused, as is a tokenization this code
// does not expect: the bundle then fails and says where.
import {decode, encode} from '@jridgewell/sourcemap-codec';
import jsTokens from 'js-tokens';

const NON_ASCII = /[^\x00-\x7f]/u;
const NON_ASCII_CHARS = /[^\x00-\x7f]/gu;

/** `\uXXXX` for each UTF-16 unit of `char`, or one `\u{X}` when `codePoint` is asked for. */
function escape(char, codePoint = false) {
  const point = char.codePointAt(0);
  if (codePoint && point > 0xffff) return `\\u{${point.toString(16).toUpperCase()}}`;
  let out = '';
  for (let i = 0; i < char.length; i++) out += `\\u${char.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`;
  return out;
}

/** Whether the character at `index` of `text` follows an odd number of backslashes (is escaped). */
function escapedAt(text, index) {
  let count = 0;
  while (index - count - 1 >= 0 && text[index - count - 1] === '\\') count++;
  return count % 2 === 1;
}

/**
 * `text` with each non-ASCII character replaced by `replace(char, escaped)`. An escaped character
 * (`\»`, which means `»`) is replaced together with its backslash, so the escape stands alone.
 */
function rewrite(text, replace) {
  let out = '';
  let last = 0;
  for (const {0: char, index} of text.matchAll(NON_ASCII_CHARS)) {
    const escaped = escapedAt(text, index);
    out += text.slice(last, escaped ? index - 1 : index) + replace(char, escaped);
    last = index + char.length;
  }
  return out + text.slice(last);
}

/**
 * `code` with every non-ASCII character escaped, and where it grew: `edits` lists, in order,
 * each place (an offset in `code`) and how many characters were added there.
 * `where` names the file in errors.
 */
export function asciiOnly(code, where = 'the bundle') {
  const parts = [];
  const edits = [];
  // The tag of each template open around the current token: 'raw' (String.raw), 'none', 'other'.
  const templates = [];
  // The last three tokens that are not space or comments, to find a template's tag.
  const recent = [];
  let offset = 0;
  for (const token of jsTokens(code)) {
    const {type, value} = token;
    let tag;
    if (type === 'TemplateHead' || type === 'NoSubstitutionTemplate') tag = templateTag(recent);
    else if (type === 'TemplateMiddle' || type === 'TemplateTail') tag = templates.at(-1);
    if (type === 'TemplateHead') templates.push(tag);
    if (type === 'TemplateTail') templates.pop();
    let out = value;
    if (NON_ASCII.test(value)) {
      const first = offset + value.search(NON_ASCII);
      out = escapeToken(type, value, tag, () => `${where}: ${lineAndColumn(code, first)}`);
      // All of a token's growth is put at its first non-ASCII character: a source map's
      // segments start at tokens, so none starts inside one.
      if (out.length !== value.length) edits.push({offset: first, added: out.length - value.length});
    }
    parts.push(out);
    if (type !== 'WhiteSpace' && type !== 'LineTerminatorSequence' && type !== 'MultiLineComment' && type !== 'SingleLineComment') {
      recent.push(token);
      if (recent.length > 3) recent.shift();
    }
    offset += value.length;
  }
  const ascii = parts.join('');
  if (NON_ASCII.test(ascii)) throw new Error(`${where}: still not ASCII after escaping, at ${lineAndColumn(ascii, ascii.search(NON_ASCII))}`);
  return {code: ascii, edits};
}

function escapeToken(type, value, tag, where) {
  switch (type) {
    case 'RegularExpressionLiteral': {
      const flags = value.slice(value.lastIndexOf('/') + 1);
      const unicode = flags.includes('u') || flags.includes('v');
      return rewrite(value, (char) => escape(char, unicode));
    }
    case 'NoSubstitutionTemplate':
    case 'TemplateHead':
    case 'TemplateMiddle':
    case 'TemplateTail':
      if (tag === 'other') throw new Error(`${where()}: non-ASCII text in a tagged template, which only String.raw may have; write it as an escape`);
      return rewrite(value, (char, escaped) => {
        if (escaped) throw new Error(`${where()}: a backslash before a non-ASCII character in a template; write the character as an escape`);
        return `\${"${escape(char)}"}`;
      });
    case 'StringLiteral':
    case 'IdentifierName':
    case 'PrivateIdentifier':
      return rewrite(value, (char) => escape(char, true));
    case 'MultiLineComment':
    case 'SingleLineComment':
      // `*/` cannot arise: only non-ASCII characters are replaced.
      return rewrite(value, (char) => escape(char));
    default:
      throw new Error(`${where()}: a non-ASCII character in a ${type} token, which has no escape`);
  }
}

/** 'raw' after `String.raw`, 'other' after any other tag, 'none' for a template with no tag. */
function templateTag(recent) {
  const [a, b, c] = recent.slice(-3);
  if (a?.value === 'String' && b?.value === '.' && c?.value === 'raw') return 'raw';
  const last = recent.at(-1);
  if (last === undefined) return 'none';
  // A template right after a name, a closing bracket or another template is tagged by it.
  const tagged =
    (last.type === 'IdentifierName' && !['return', 'typeof', 'void', 'delete', 'in', 'of', 'instanceof', 'new', 'case', 'do', 'else', 'yield', 'await', 'throw'].includes(last.value)) ||
    last.type === 'PrivateIdentifier' ||
    last.type === 'NoSubstitutionTemplate' ||
    last.type === 'TemplateTail' ||
    (last.type === 'Punctuator' && (last.value === ')' || last.value === ']' || last.value === '}'));
  return tagged ? 'other' : 'none';
}

function lineAndColumn(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

/**
 * The source map of the code `asciiOnly` returned, from the map of the code it was given:
 * each generated column after an edit on its line moves right by what the edit added.
 * Edits never add or remove lines.
 */
export function shiftSourceMap(map, code, edits) {
  if (edits.length === 0) return map;
  const lines = decode(map.mappings);
  const byLine = new Map();
  let line = 0;
  let lineStart = 0;
  let scanned = 0;
  for (const edit of edits) {
    for (; scanned < edit.offset; scanned++) {
      if (code.charCodeAt(scanned) === 10) {
        line++;
        lineStart = scanned + 1;
      }
    }
    const list = byLine.get(line) ?? [];
    list.push({column: edit.offset - lineStart, added: edit.added});
    byLine.set(line, list);
  }
  for (const [index, list] of byLine) {
    const segments = lines[index];
    if (segments === undefined) continue;
    for (const segment of segments) {
      let added = 0;
      for (const edit of list) if (edit.column < segment[0]) added += edit.added;
      segment[0] += added;
    }
  }
  return {...map, mappings: encode(lines)};
}
