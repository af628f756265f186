// The seed text dump: what issue 3 says it must become, next to what it became.
import {toString} from 'hast-util-to-string';

export const SEED_EXPECTED = {
  title: 'Labour sources reveal how party retreated over Palestine solidarity',
  authors: ['Charlie Kimber'],
  issue: '2621',
  credit: 'Guy Smallman',
  paragraphs: 16,
  first: 'Socialist Worker can reveal',
  last: 'reverse the NEC’s move this week.',
};

export function seedReport(article) {
  const paragraphs = article.body.children.filter((node) => node.type === 'element').map((node) => toString(node));
  const got = {
    title: article.title,
    authors: article.authors,
    issue: article.issue,
    credit: article.leadImage?.credit,
    paragraphs: paragraphs.length,
    first: paragraphs[0] ?? '',
    last: paragraphs.at(-1) ?? '',
  };
  const checks = [
    ['title', got.title === SEED_EXPECTED.title, got.title],
    ['byline', got.authors.join(', ') === SEED_EXPECTED.authors.join(', '), got.authors.join(', ')],
    ['issue', got.issue === SEED_EXPECTED.issue, got.issue],
    ['caption credit', got.credit === SEED_EXPECTED.credit, got.credit],
    ['paragraphs', got.paragraphs === SEED_EXPECTED.paragraphs, got.paragraphs],
    ['first paragraph', got.first.startsWith(SEED_EXPECTED.first), `${got.first.slice(0, 40)}…`],
    ['last paragraph', got.last.endsWith(SEED_EXPECTED.last), `…${got.last.slice(-40)}`],
    ['each paragraph once', new Set(paragraphs).size === paragraphs.length, `${new Set(paragraphs).size} distinct`],
  ];
  return checks.map(([name, ok, value]) => ({name, ok, value}));
}
