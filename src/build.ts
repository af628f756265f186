import {readdir} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {VFile} from 'vfile';
import type {VFileMessage} from 'vfile-message';
import type {Article} from './article.js';
import {cleanInput} from './clean/index.js';
import {now} from './env.js';
import {isPamphletError, PamphletError} from './errors.js';
import {ingest} from './ingest/index.js';
import {writeFileAtomic} from './outputs.js';
import {resolveAssets} from './render/assets.js';
import {loadTemplate} from './render/load-template.js';
import {A5, renderPrintHtml, type PageSize} from './render/render-print.js';
import {renderEpubChapter} from './render/render-epub.js';
import type {AssetMap} from './render/asset.js';
import type {Template} from './render/template.js';
import {typeset} from './typeset/index.js';

export type OutputFormat = 'pdf' | 'epub';

export interface BuildOptions {
  /** Input files ("-" for stdin); none builds the bundled examples. */
  inputs?: readonly string[];
  /** Folder the outputs are written to. */
  outDir?: string;
  formats?: readonly OutputFormat[];
  /** Bundled template name or a template folder. */
  template?: string;
  page?: PageSize;
  cwd?: string;
}

export interface OutputReport {
  format: OutputFormat;
  path: string;
  bytes: number;
}

export interface InputReport {
  input: string;
  status: 'ok' | 'failed';
  title?: string;
  outputs: OutputReport[];
  warnings: VFileMessage[];
  /** One line, for the user: set when status is "failed". */
  error?: string;
  code?: string;
  /** Stack of an unexpected (non-user) error, for `--debug`. */
  stack?: string;
}

export interface BuildReport {
  ok: boolean;
  inputs: InputReport[];
}

/** The bundled examples, built when no input is given. */
export const EXAMPLES_DIR = fileURLToPath(new URL('../examples/', import.meta.url));

export async function bundledExamples(): Promise<string[]> {
  const names = await readdir(EXAMPLES_DIR);
  return names
    .filter((name) => /\.(html|md|txt)$/.test(name))
    .sort()
    .map((name) => path.join(EXAMPLES_DIR, name));
}

/** Read, recognise and clean one input into an Article; problems are collected on `file`. */
export async function cleanOne(input: string, cwd?: string): Promise<{article: Article; file: VFile}> {
  const ingested = await ingest(input, cwd);
  const file = new VFile({path: ingested.source.path, value: ingested.text});
  return {article: cleanInput(ingested, file), file};
}

/** The library's `clean`: one input → its Article. */
export async function clean(input: string, options: {cwd?: string} = {}): Promise<Article> {
  return (await cleanOne(input, options.cwd)).article;
}

/** The article's own date, so a rebuild gives the same bytes; the clock only when it has none. */
function documentDate(article: Article): Date {
  const date = article.date ? new Date(article.date) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : now();
}

async function buildPdf(article: Article, template: Template, assets: AssetMap, page: PageSize, file: VFile): Promise<Uint8Array> {
  const {printPdf, finishPdf} = await import('./pdf/index.js');
  const printed = typeset(article, 'print', file);
  const html = await renderPrintHtml(printed, template, page);
  const {pdf, blocked} = await printPdf({html, template, assets}, {...page, title: article.title});
  for (const url of blocked) {
    file.message(`Unexpected request from the page to ${url.slice(0, 100)}, blocked`, {ruleId: 'blocked-request', source: 'pamphlet-pdf'});
  }
  return finishPdf(
    pdf,
    {
      title: article.title,
      authors: article.authors,
      subject: article.subtitle,
      keywords: [article.siteName, article.issue ? `Issue ${article.issue}` : undefined].filter((word): word is string => Boolean(word)),
      lang: article.lang,
      date: documentDate(article),
    },
    page,
  );
}

async function buildEpub(article: Article, template: Template, assets: AssetMap, file: VFile): Promise<Uint8Array> {
  const {writeEpub} = await import('./epub/index.js');
  const content = await renderEpubChapter(typeset(article, 'epub', file), template);
  return writeEpub({
    title: article.title,
    subtitle: article.subtitle,
    authors: article.authors,
    lang: article.lang,
    date: article.date,
    modified: documentDate(article),
    description: article.subtitle,
    publisher: article.siteName,
    sourceUrl: article.sourceUrl,
    identifierSeed: article.sourceUrl ?? `${article.title}\u0000${article.authors.join(',')}\u0000${article.date ?? ''}`,
    css: `${template.fontCss}\n${template.epubCss}`,
    fonts: template.fonts,
    assets,
    chapters: [{title: article.title, lang: article.lang, content}],
  });
}

function outputName(input: string): string {
  return input === '-' ? 'stdin' : path.basename(input).replace(/\.[^.]+$/, '');
}

async function buildOne(input: string, options: Required<Omit<BuildOptions, 'inputs'>>, template: Template): Promise<InputReport> {
  const report: InputReport = {input, status: 'ok', outputs: [], warnings: []};
  try {
    const {article: cleaned, file} = await cleanOne(input, options.cwd);
    report.title = cleaned.title;
    const {article, assets} = await resolveAssets(cleaned, file);
    const outputs: Array<[OutputFormat, Uint8Array]> = [];
    if (options.formats.includes('pdf')) outputs.push(['pdf', await buildPdf(article, template, assets, options.page, file)]);
    if (options.formats.includes('epub')) outputs.push(['epub', await buildEpub(article, template, assets, file)]);
    // Written only once every format succeeded: a failed input leaves no partial outputs.
    for (const [format, bytes] of outputs) {
      const target = path.resolve(options.cwd, options.outDir, `${outputName(input)}.${format}`);
      await writeFileAtomic(target, bytes);
      report.outputs.push({format, path: target, bytes: bytes.length});
    }
    report.warnings = [...file.messages];
  } catch (error) {
    report.status = 'failed';
    if (isPamphletError(error)) {
      report.error = error.message;
      report.code = error.code;
    } else {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      report.error = `${input}: ${reason}`;
      report.code = 'E_INTERNAL';
      report.stack = error instanceof Error ? error.stack : undefined;
    }
  }
  return report;
}

/** Inputs → Articles → PDFs and EPUBs. Every input is attempted; failures are reported, not thrown. */
export async function build(options: BuildOptions = {}): Promise<BuildReport> {
  const cwd = options.cwd ?? process.cwd();
  const inputs = options.inputs && options.inputs.length > 0 ? [...options.inputs] : await bundledExamples();
  const resolved = {
    outDir: options.outDir ?? 'output',
    formats: options.formats ?? (['pdf', 'epub'] as const),
    template: options.template ?? 'pamphlet',
    page: options.page ?? A5,
    cwd,
  };
  if (resolved.formats.length === 0) throw new PamphletError('E_USAGE', 'no output format chosen; use --format pdf, epub or pdf,epub');
  const template = await loadTemplate(resolved.template, cwd);
  const reports: InputReport[] = [];
  try {
    for (const input of inputs) reports.push(await buildOne(input, resolved, template));
  } finally {
    if (resolved.formats.includes('pdf')) await (await import('./pdf/index.js')).closeBrowser();
  }
  return {ok: reports.every((report) => report.status === 'ok'), inputs: reports};
}
