import type {Root as HastRoot} from 'hast';
import type {Heading, Root as MdastRoot, Yaml} from 'mdast';
import {toString as mdastToString} from 'mdast-util-to-string';
import rehypeMinifyWhitespace from 'rehype-minify-whitespace';
import rehypeSanitize from 'rehype-sanitize';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import {unified} from 'unified';
import type {VFile} from 'vfile';
import {parse as parseYaml} from 'yaml';
import {z} from 'zod';
import type {Article, ArticleSource} from '../article.js';
import {PamphletError, firstLine} from '../errors.js';
import {takeLeadImage} from './lead-image.js';
import {isoDate, splitAuthors} from './metadata.js';
import {normaliseText} from './normalise.js';
import {rehypeRemoveRepeatedHeader} from './rules/repeated-header.js';
import {articleSchema} from './sanitize.js';

const text = z.string().trim().min(1);

/** The front matter keys Pamphlet reads; others are kept out of the Article and ignored. */
const FrontMatter = z.object({
  title: text.optional(),
  subtitle: text.optional(),
  standfirst: text.optional(),
  author: text.optional(),
  authors: z.union([text, z.array(text)]).optional(),
  date: z.union([text, z.date()]).optional(),
  issue: z.union([text, z.number()]).optional(),
  lang: text.optional(),
  language: text.optional(),
  source_url: z.string().url().optional(),
  url: z.string().url().optional(),
  site_name: text.optional(),
  site: text.optional(),
});

function readFrontMatter(tree: MdastRoot, source: ArticleSource): z.infer<typeof FrontMatter> {
  const yaml = tree.children.find((node): node is Yaml => node.type === 'yaml');
  if (!yaml) return {};
  let data: unknown;
  try {
    data = parseYaml(yaml.value) ?? {};
  } catch (error) {
    const reason = firstLine(error);
    throw new PamphletError('E_NO_ARTICLE', `${source.path}: front matter is not valid YAML (${reason})`, {input: source.path});
  }
  const parsed = FrontMatter.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PamphletError('E_NO_ARTICLE', `${source.path}: front matter key "${issue?.path.join('.')}": ${issue?.message}`, {
      input: source.path,
    });
  }
  return parsed.data;
}

const isTitleHeading = (node: MdastRoot['children'][number]): node is Heading => node.type === 'heading' && node.depth === 1;
const headingText = (heading: Heading) => mdastToString(heading).replace(/\s+/g, ' ').trim();

/**
 * The heading the Markdown gives its title in: with no title in the front matter, its first
 * `# Heading`; with one, a `# Heading` that opens the body and says the same. The template prints
 * the title, so this heading leaves the body; it is the writer's own title, not a page repeating
 * its header, so it goes without a warning.
 */
function titleHeading(tree: MdastRoot, frontTitle: string | undefined): Heading | undefined {
  if (frontTitle === undefined) return tree.children.find(isTitleHeading);
  const opening = tree.children.find((node) => node.type !== 'yaml');
  return opening !== undefined && isTitleHeading(opening) && normaliseText(headingText(opening)) === normaliseText(frontTitle) ? opening : undefined;
}

/** Markdown with YAML front matter → Article (remark → rehype). */
export function cleanMarkdown(markdown: string, source: ArticleSource, file: VFile): Article {
  const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);
  const mdast = parser.parse(file) as MdastRoot;
  const front = readFrontMatter(mdast, source);
  const heading = titleHeading(mdast, front.title);
  const title = front.title ?? (heading && (headingText(heading) || undefined));
  if (!title) {
    throw new PamphletError('E_NO_ARTICLE', `${source.path}: no title; add "title:" to the front matter or start with a "# Heading"`, {
      input: source.path,
    });
  }
  const authors = Array.isArray(front.authors) ? front.authors : splitAuthors(front.authors ?? front.author ?? '');
  const subtitle = front.subtitle ?? front.standfirst;

  // The title's own heading leaves without a word (see titleHeading); remark-rehype drops the
  // yaml node; the repeated-header rule removes what else repeats the header at the body's top
  // (another level-1 heading, the subtitle, a byline), and says so.
  if (heading !== undefined) mdast.children.splice(mdast.children.indexOf(heading), 1);
  const toHast = unified()
    .use(remarkRehype)
    .use(rehypeRemoveRepeatedHeader, {title, subtitle, authors})
    .use(rehypeSanitize, articleSchema)
    .use(rehypeMinifyWhitespace);
  const body = toHast.runSync(mdast, file) as HastRoot;
  if (body.children.every((node) => node.type === 'text' && node.value.trim() === '')) {
    throw new PamphletError('E_NO_ARTICLE', `${source.path}: no article found: the Markdown has a title but no body`, {input: source.path});
  }
  const date = front.date instanceof Date ? front.date.toISOString().slice(0, 10) : isoDate(front.date);
  return {
    title,
    subtitle,
    authors,
    date,
    issue: front.issue === undefined ? undefined : String(front.issue),
    siteName: front.site_name ?? front.site,
    lang: front.lang ?? front.language ?? 'en',
    sourceUrl: front.source_url ?? front.url,
    leadImage: takeLeadImage(body),
    body,
    warnings: file.messages,
    source,
  };
}
