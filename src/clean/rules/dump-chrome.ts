import {isCallToAction} from './call-to-action.js';
import {looksLikeHeadline, wordCount} from './dump-header.js';

/**
 * A family of lines that a reader copies along with an article but that belong to the page
 * around it. `test` sees one trimmed, whitespace-collapsed line.
 */
export interface DumpChromeRule {
  /** vfile rule id, printed next to each message. */
  id: string;
  /** What such a line is, in the message: "navigation word". */
  label: string;
  /** Why removing it is right, when that is not obvious from the label. */
  because?: string;
  test: (line: string) => boolean;
}

const NAVIGATION =
  /^(?:Home|Menu|Search|Share|Tweet|Print|Email|Facebook|Twitter|X|WhatsApp|LinkedIn|Close|Back to top|Skip to (?:main )?content|Comments?)$/i;

/** Tried in order; the first that matches names the message. */
export const dumpChromeRules: readonly DumpChromeRule[] = [
  {
    // Text dumps keep link text and lose the link: "Open letter from … Go to" was a button.
    // On paper "Go to" points nowhere and the sentence before it only introduces the link,
    // so the line is removed, and the message quotes it so that a user who wants it can put
    // it back with the address written out. Tried first because such a line may also open
    // like a sign-up prompt.
    id: 'lost-link',
    label: 'call to action whose link was lost in copying',
    because: 'on paper it points nowhere',
    test: (line) => /(?:^|[.!?:”’)] )(?:Go to|Click here)$/.test(line),
  },
  {id: 'pdf-notice', label: 'PDF download notice', test: (line) => /^Downloading PDF\b/i.test(line)},
  {
    id: 'age-notice',
    label: 'article age notice',
    because: 'it was true on the day of copying, not on the day of printing',
    test: (line) => /^This (?:article|story|page) is (?:over|more than) [\w ,]{1,40} old\.?$/i.test(line),
  },
  {id: 'navigation', label: 'navigation word', test: (line) => NAVIGATION.test(line)},
  // Sign-up, donation, "Latest News", "Read More": the same list the HTML cleaner uses.
  {id: 'call-to-action', label: 'call to action', test: isCallToAction},
];

export function matchDumpChrome(line: string): DumpChromeRule | undefined {
  return dumpChromeRules.find((rule) => rule.test(line));
}

const READ_MORE = /^Read (?:more|next|the (?:full )?(?:article|story))$/i;

/**
 * How many lines from `index` form a related-article box: a headline printed twice (the
 * link's text, then its image's alt text) and an optional "Read more". 0 when none starts
 * there. Only a headline counts as the repeated line, so a paragraph that a page happens
 * to print twice is left to the body.
 */
export function relatedBoxLength(lines: readonly string[], index: number): number {
  const headline = lines[index];
  if (headline === undefined || headline !== lines[index + 1] || !looksLikeHeadline(headline)) return 0;
  return READ_MORE.test(lines[index + 2] ?? '') ? 3 : 2;
}

/**
 * A donation prompt names the publication: "Make a donation to Socialist Worker" → "Socialist
 * Worker". Only a short, capitalised name counts ("Donate to the strike fund" names nothing).
 */
export function donationRecipient(line: string): string | undefined {
  const name = /^(?:Make a donation|Donate) to (?:the (?=\p{Lu}))?(.+?)\.?$/u.exec(line)?.[1];
  return name && /^\p{Lu}/u.test(name) && wordCount(name) <= 5 ? name : undefined;
}
