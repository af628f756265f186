import type {Element, Root} from 'hast';
import {h} from 'hastscript';
import type {Position} from 'unist';
import type {VFile} from 'vfile';
import type {Article, ArticleImage, ArticleSource} from '../article.js';
import {PamphletError} from '../errors.js';
import {donationRecipient, matchDumpChrome, relatedBoxLength} from './rules/dump-chrome.js';
import {
  issueIn,
  looksLikeHeadline,
  parseByline,
  parseDateLine,
  parseIssueLine,
  parseLoneCaption,
  parsePhoto,
  wordCount,
} from './rules/dump-header.js';

/** One non-blank line of the dump: its text trimmed and collapsed, and where it stood. */
interface DumpLine {
  text: string;
  position: Position;
}

/** What the lines above the body said about the article. */
interface Header {
  title?: string;
  authors: string[];
  date?: string;
  issue?: string;
  siteName?: string;
  leadImage?: ArticleImage;
}

const SOURCE = 'pamphlet-text-dump';

function readLines(text: string): DumpLine[] {
  return text.split(/\r\n|\r|\n/).flatMap((raw, index) => {
    // JavaScript's \s covers the no-break and other Unicode spaces that browsers copy out.
    const collapsed = raw.replace(/\s+/g, ' ').trim();
    if (collapsed === '') return [];
    const line = index + 1;
    const position = {start: {line, column: raw.search(/\S/) + 1}, end: {line, column: raw.trimEnd().length + 1}};
    return [{text: collapsed, position}];
  });
}

function quote(text: string): string {
  return `“${text.length > 60 ? `${text.slice(0, 59)}…` : text}”`;
}

/**
 * Text copied from a news page in a browser → Article. Such a dump has one paragraph per
 * line and keeps the page's furniture: byline, issue and photo lines above the body,
 * related-article boxes inside it, prompts below it. The header lines become the Article's
 * fields, furniture is removed with a message naming its line, and every other line is a
 * paragraph, in order.
 */
export function cleanTextDump(text: string, source: ArticleSource, file: VFile): Article {
  const lines = readLines(text);
  const header: Header = {authors: []};

  const remove = (line: DumpLine, ruleId: string, what: string, because?: string) => {
    file.message(`Unexpected ${what} ${quote(line.text)}, removed${because ? `: ${because}` : ''}`, {
      place: line.position,
      ruleId,
      source: SOURCE,
    });
  };

  /** Remove the line if it is page furniture; true when it was. */
  const removeChrome = (line: DumpLine): boolean => {
    const rule = matchDumpChrome(line.text);
    if (!rule) return false;
    remove(line, rule.id, rule.label, rule.because);
    header.issue ??= issueIn(line.text);
    header.siteName ??= donationRecipient(line.text);
    return true;
  };

  /** Read one line above the body; returns how many lines it took, 0 when the body starts here. */
  const readHeaderLine = (line: DumpLine, next: DumpLine | undefined): number => {
    if (line.text === header.title) {
      remove(line, 'repeated-header', 'repeat of the headline');
      return 1;
    }
    const photo = !header.leadImage && next ? parsePhoto(line.text, next.text) : undefined;
    if (photo) {
      header.leadImage = photo;
      return 2;
    }
    const byline = header.authors.length === 0 ? parseByline(line.text) : undefined;
    if (byline) {
      header.authors = byline;
      return 1;
    }
    const issue = parseIssueLine(line.text);
    if (issue) {
      header.issue ??= issue;
      return 1;
    }
    const dated = parseDateLine(line.text);
    if (dated?.updated) {
      remove(line, 'update-date', 'update date', 'the article is dated by its publication');
      return 1;
    }
    if (dated) {
      header.date ??= dated.date;
      return 1;
    }
    if (removeChrome(line)) return 1;
    const caption = header.leadImage ? undefined : parseLoneCaption(line.text);
    if (caption) {
      header.leadImage = caption;
      return 1;
    }
    if (header.title !== undefined) return 0;
    if (looksLikeHeadline(line.text)) {
      header.title = line.text;
      return 1;
    }
    // A site name or section label above the headline; prose here means there is no headline.
    if (wordCount(line.text) < 3) {
      remove(line, 'before-title', 'short line above the headline');
      return 1;
    }
    return 0;
  };

  let index = 0;
  while (index < lines.length) {
    const taken = readHeaderLine(lines[index]!, lines[index + 1]);
    if (taken === 0) break;
    index += taken;
  }

  if (header.title === undefined) {
    const where = lines[index] ? `line ${lines[index]!.position.start.line} reads as prose` : 'every line is a byline, date or page furniture';
    throw new PamphletError(
      'E_NO_ARTICLE',
      `${source.path}: no article found in the text (no headline line before the first paragraph; ${where}); put the headline on a line of its own at the top`,
      {input: source.path},
    );
  }

  const texts = lines.map((line) => line.text);
  const paragraphs: Element[] = [];
  while (index < lines.length) {
    const line = lines[index]!;
    const boxLength = relatedBoxLength(texts, index);
    if (boxLength > 0) {
      for (const boxLine of lines.slice(index, index + boxLength)) remove(boxLine, 'related-box', 'related-article box line');
      index += boxLength;
      continue;
    }
    if (!removeChrome(line)) paragraphs.push(h('p', line.text));
    index++;
  }

  if (paragraphs.length === 0) {
    throw new PamphletError(
      'E_NO_ARTICLE',
      `${source.path}: no article found in the text (the headline ${quote(header.title)} has no paragraphs after it); give the article's full text`,
      {input: source.path},
    );
  }

  return {
    title: header.title,
    authors: header.authors,
    ...(header.date ? {date: header.date} : {}),
    ...(header.issue ? {issue: header.issue} : {}),
    ...(header.siteName ? {siteName: header.siteName} : {}),
    lang: 'en',
    ...(header.leadImage ? {leadImage: header.leadImage} : {}),
    body: {type: 'root', children: paragraphs},
    warnings: file.messages,
    source,
  };
}
