import {readdir} from 'node:fs/promises';
import path from 'node:path';
import {VFile} from 'vfile';
import type {VFileMessage} from 'vfile-message';
import type {Article} from './article.js';
import {cleanInput} from './clean/index.js';
import {findConfig, loadConfig} from './config/load.js';
import {resolveOptions, type ResolvedOptions} from './config/resolve.js';
import type {UserConfig} from './config/schema.js';
import {documentDate} from './env.js';
import {isPamphletError, PamphletError, firstLine} from './errors.js';
import {expandInputs} from './expand-inputs.js';
import {ingest, type FetchLimits, type IngestedInput} from './ingest/index.js';
import {writeFileAtomic} from './outputs.js';
import {mergeAssets, type AssetMap} from './render/asset.js';
import {resolveAssets} from './render/assets.js';
import {loadTemplate} from './render/load-template.js';
import {layoutCollection, partIds, renderPrintDocument, type CollectionFront, type CollectionLayout, type PrintDocument} from './render/render-print.js';
import type {Template} from './render/template.js';
import type {PrintPdfOptions, PrintPdfs} from './pdf/index.js';
import {startTimeBudget} from './security/time-budget.js';
import {typeset} from './typeset/index.js';
import {PACKAGE_ROOT} from './package-root.js';

export type OutputFormat = 'pdf' | 'epub';

export interface BuildProgress {
  /** Inputs finished so far, of `total`. */
  done: number;
  total: number;
  /** The input or collection being worked on. */
  current: string;
}

export interface BuildOptions extends UserConfig {
  /** Inputs: files, folders, globs, "-" for stdin, URLs, "@list.txt"; none builds the bundled examples. */
  inputs?: readonly string[];
  cwd?: string;
  /** A config file to read; by default pamphlet.config.json/.yaml beside the first input or in `cwd`; false reads none. */
  config?: string | false;
  onProgress?: (progress: BuildProgress) => void;
}

export interface OutputReport {
  format: OutputFormat;
  path: string;
  bytes: number;
  /** Pages of a PDF. */
  pages?: number;
}

/**
 * Milliseconds an input spent in each stage. `ingest` reads and decodes it; `clean` makes the
 * Article and loads its images; `typeset` and `render` add up the print and the EPUB's
 * typesetting and templates; `pdf` and `epub` are each output from start to finish, their own
 * typesetting and rendering included. A collection's articles share its output stages.
 */
export interface StageTimings {
  ingestMs?: number;
  cleanMs?: number;
  typesetMs?: number;
  renderMs?: number;
  pdfMs?: number;
  epubMs?: number;
}

export interface InputReport {
  input: string;
  status: 'ok' | 'failed';
  title?: string;
  /** The files this input went into (one collection's files are shared by all its inputs). */
  outputs: OutputReport[];
  warnings: VFileMessage[];
  /** One line, for the user: set when status is "failed". */
  error?: string;
  code?: string;
  /** Stack of an unexpected (non-user) error, for `--debug`. */
  stack?: string;
  timings: StageTimings;
}

export interface BuildReport {
  ok: boolean;
  inputs: InputReport[];
  outputs: OutputReport[];
  timings: {totalMs: number};
}

/** The bundled examples, built when no input is given. */
export const EXAMPLES_DIR = path.join(PACKAGE_ROOT, 'examples');

export async function bundledExamples(): Promise<string[]> {
  const names = await readdir(EXAMPLES_DIR);
  return names
    .filter((name) => /\.(html|md|txt)$/.test(name))
    .sort()
    .map((name) => path.join(EXAMPLES_DIR, name));
}

/** Read, recognise and clean one input into an Article; problems are collected on `file`. */
export async function cleanOne(input: string, cwd?: string, limits?: FetchLimits): Promise<{article: Article; file: VFile}> {
  return cleanIngested(await ingest(input, cwd, limits));
}

function cleanIngested(ingested: IngestedInput): {article: Article; file: VFile} {
  const file = new VFile({path: ingested.source.path, value: ingested.text});
  for (const {reason, ruleId} of ingested.warnings) file.message(reason, {ruleId, source: 'pamphlet-ingest'});
  return {article: cleanInput(ingested, file), file};
}

/** The library's `clean`: one input → its Article. */
export async function clean(input: string, options: {cwd?: string} = {}): Promise<Article> {
  return (await cleanOne(input, options.cwd)).article;
}

/** A file name from a title: "Housing & Rent, 2024" → "housing-rent-2024". */
export function slug(title: string): string {
  return (
    title
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 80) || 'pamphlet'
  );
}

function failure(input: string, error: unknown): Pick<InputReport, 'error' | 'code' | 'stack'> {
  if (isPamphletError(error)) return {error: error.message, code: error.code};
  const reason = firstLine(error);
  return {error: `${input}: ${reason}`, code: 'E_INTERNAL', stack: error instanceof Error ? error.stack : undefined};
}

/** One input made ready to render: cleaned, images in memory. */
interface Prepared {
  report: InputReport;
  article: Article;
  assets: AssetMap;
  file: VFile;
}

/** A document to write: one article, or a collection of them. */
interface Job {
  name: string;
  parts: Prepared[];
  collection?: Omit<CollectionFront, 'intro'> & {intro?: Prepared};
}

/** The job's articles with a collection's introduction first. */
function everyPart(job: Job): Prepared[] {
  return job.collection?.intro ? [job.collection.intro, ...job.parts] : job.parts;
}

async function prepare(input: string, cwd: string, options: ResolvedOptions): Promise<Prepared | InputReport> {
  let started = performance.now();
  const report: InputReport = {input, status: 'ok', outputs: [], warnings: [], timings: {}};
  try {
    const budget = startTimeBudget(input, options.timeBudgetMs);
    const ingested = await ingest(input, cwd, {maxBytes: options.maxInputBytes});
    report.timings.ingestMs = Math.round(performance.now() - started);
    started = performance.now();
    const cleaned = cleanIngested(ingested);
    budget.check('reading and cleaning');
    const {article, assets} = await resolveAssets(cleaned.article, cleaned.file, {fetchImages: options.fetchImages, allowPrivateNetwork: options.allowPrivateNetwork, budget});
    report.title = article.title;
    report.timings.cleanMs = Math.round(performance.now() - started);
    return {report, article, assets, file: cleaned.file};
  } catch (error) {
    return {...report, status: 'failed', ...failure(input, error)};
  }
}

/** The PDFs of one job: the pamphlet, and its imposed booklet when asked for. */
async function makePdf(job: Job, template: Template, options: ResolvedOptions): Promise<PrintPdfs> {
  const {printPdf, finishPrintPdfs, printedPageSize, retryOnRenderFailure} = await import('./pdf/index.js');
  const printOptions: PrintPdfOptions = {
    paper: options.paper,
    bleedMm: options.bleedMm,
    marks: options.marks,
    booklet: options.booklet,
    // A collection's back cover stays last: a booklet's blank pages go before it.
    backCover: Boolean(job.collection),
    pdfx: options.pdfx,
    icc: options.icc,
  };
  const {destinationPages} = await import('./pdf/destinations.js');
  const typesetStarted = performance.now();
  const document: PrintDocument = {
    articles: job.parts.map((part) => typeset(part.article, 'print', part.file)),
    collection: job.collection && {...job.collection, intro: job.collection.intro && typeset(job.collection.intro.article, 'print', job.collection.intro.file)},
  };
  addStageTime(job, 'typesetMs', performance.now() - typesetStarted);
  const assets = mergeAssets(everyPart(job).map((part) => part.assets));
  const first = job.parts[0]!;
  const print = async (layout?: CollectionLayout) => {
    const renderStarted = performance.now();
    const html = await renderPrintDocument({...document, layout}, template, options.paper, options.bleedMm);
    addStageTime(job, 'renderMs', performance.now() - renderStarted);
    const request = () => printPdf({html, template, assets}, {...printedPageSize(printOptions), title: job.collection?.title ?? first.article.title});
    // A crashed or hung Chromium is restarted and the document printed once more.
    const printed = await retryOnRenderFailure(request, (reason) =>
      first.file.message(`Chromium failed while printing (${reason}); restarted it and retried`, {ruleId: 'render-retry', source: 'pamphlet-pdf'}),
    );
    for (const url of printed.blocked) {
      first.file.message(`Unexpected request from the page to ${url.slice(0, 100)}, blocked`, {ruleId: 'blocked-request', source: 'pamphlet-pdf'});
    }
    for (const url of printed.missing) {
      first.file.message(`Unexpected reference to ${url.slice(0, 100)}, expected a file of the template or an image of the article`, {ruleId: 'missing-resource', source: 'pamphlet-pdf'});
    }
    return printed.pdf;
  };
  let pdf = await print();
  if (job.collection) {
    // Chromium can neither number the contents nor start a part on a right-hand page: print,
    // read where each part landed, lay out the blanks and numbers, print again.
    const ids = partIds(document);
    const placed = await destinationPages(pdf);
    const layout = layoutCollection(ids, placed.pages, placed.pageCount);
    pdf = await print(layout);
    const landed = (await destinationPages(pdf)).pages;
    const moved = ids.find((id) => landed.get(id) !== layout.startPages.get(id));
    if (moved) {
      throw new PamphletError('E_RENDER', `${job.name}: "${moved}" landed on page ${landed.get(moved)}, not ${layout.startPages.get(moved)} as the contents say; please report this with the inputs`);
    }
  }
  const articles = job.parts.map((part) => part.article);
  const made = await finishPrintPdfs(
    pdf,
    {
      title: job.collection?.title ?? first.article.title,
      authors: job.collection?.editor ? [job.collection.editor] : [...new Set(articles.flatMap((article) => article.authors))],
      subject: job.collection?.subtitle ?? first.article.subtitle,
      keywords: [...new Set(articles.flatMap((article) => [article.siteName, article.issue ? `Issue ${article.issue}` : undefined]))].filter((word): word is string => Boolean(word)),
      lang: first.article.lang,
      date: documentDate(articles.map((article) => article.date)),
    },
    printOptions,
  );
  // Preflight runs on what is written: its warnings and failures reach the user here.
  for (const warning of made.warnings) first.file.message(warning.reason, {ruleId: warning.ruleId, source: 'pamphlet-preflight'});
  return made;
}

async function makeEpub(job: Job, template: Template): Promise<Uint8Array> {
  const {makeEpub: packageEpub} = await import('./epub/index.js');
  const stageTimes = {typesetMs: 0, renderMs: 0};
  const epub = await packageEpub({parts: job.parts, collection: job.collection}, template, stageTimes);
  addStageTime(job, 'typesetMs', stageTimes.typesetMs);
  addStageTime(job, 'renderMs', stageTimes.renderMs);
  return epub;
}

/** Adds `ms` to a stage's time on every article of the job (a collection's share it). */
function addStageTime(job: Job, key: 'typesetMs' | 'renderMs', ms: number): void {
  for (const part of job.parts) part.report.timings[key] = Math.round((part.report.timings[key] ?? 0) + ms);
}

/** Messages of the EPUB stage after the PDF's, each stage's in the order it made them. */
function sortByStage(file: VFile): void {
  const stage = (message: VFileMessage) => (message.source === 'pamphlet-epub' ? 1 : 0);
  file.messages.sort((a, b) => stage(a) - stage(b));
}

/** Render and write one job's outputs; written only when every format succeeded. */
async function runJob(job: Job, template: Template, options: ResolvedOptions, cwd: string): Promise<OutputReport[]> {
  const made: Array<[OutputFormat, Uint8Array, number?, string?]> = [];
  const timed = async <T>(key: 'pdfMs' | 'epubMs', work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    for (const part of job.parts) part.report.timings[key] = Math.round(performance.now() - started);
    return result;
  };
  // The PDF and the EPUB are made at once: while Chromium prints, Node packages the book, and
  // the cover is drawn on another page. Their messages are put back in the order of a
  // one-after-the-other build below, so reports do not depend on which finished first.
  const [pdfs, epub] = await Promise.all([
    options.formats.includes('pdf') ? timed('pdfMs', () => makePdf(job, template, options)) : undefined,
    options.formats.includes('epub') ? timed('epubMs', () => makeEpub(job, template)) : undefined,
  ]).finally(() => {
    for (const part of everyPart(job)) sortByStage(part.file);
  });
  if (pdfs) {
    made.push(['pdf', pdfs.pdf, pdfs.pages]);
    if (pdfs.booklet) made.push(['pdf', pdfs.booklet, undefined, '.booklet']);
  }
  if (epub) made.push(['epub', epub]);
  const outputs: OutputReport[] = [];
  for (const [format, bytes, pages, suffix = ''] of made) {
    const target = path.resolve(cwd, options.out, `${job.name}${suffix}.${format}`);
    await writeFileAtomic(target, bytes);
    outputs.push({format, path: target, bytes: bytes.length, ...(pages ? {pages} : {})});
  }
  return outputs;
}

/** Run `work` over `items` with at most `limit` at once, in order of start. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({length: Math.max(1, Math.min(limit, items.length))}, worker));
}

export function outputName(input: string): string {
  return input === '-' ? 'stdin' : path.basename(input.replace(/[?#].*$/, '').replace(/\/+$/, '')).replace(/\.[^.]+$/, '') || 'article';
}

/** One output name per input: a second "index.html" (or "post.md" beside "post.html") becomes "index-2". */
function uniqueOutputNames(inputs: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return inputs.map((input) => {
    const name = outputName(input);
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name}-${count}`;
  });
}

/**
 * Inputs → Articles → PDFs and EPUBs: one pair per input, or one pair for a collection
 * (when a collection title is set). Every input is attempted; failures are reported, not thrown.
 */
export async function build(options: BuildOptions = {}): Promise<BuildReport> {
  const started = performance.now();
  const cwd = options.cwd ?? process.cwd();
  const {inputs: specs = [], cwd: _cwd, config, onProgress, ...flags} = options;
  const configFile = config === false ? undefined : (config ?? findConfig(cwd, specs));
  const resolved = resolveOptions(configFile ? await loadConfig(configFile) : undefined, flags);
  const inputs = specs.length > 0 ? await expandInputs(specs, cwd) : await bundledExamples();
  const template = await loadTemplate(resolved.template, cwd);
  const reports: InputReport[] = [];
  const outputs: OutputReport[] = [];
  let done = 0;
  const progress = (current: string) => onProgress?.({done, total: inputs.length, current});

  const record = async (job: Job) => {
    // A collection's introduction is reported like its articles.
    const parts = everyPart(job);
    try {
      const written = await runJob(job, template, resolved, cwd);
      outputs.push(...written);
      for (const part of parts) part.report.outputs = written;
    } catch (error) {
      for (const part of parts) Object.assign(part.report, {status: 'failed'}, failure(part.report.input, error));
    }
    for (const part of parts) part.report.warnings = [...part.file.messages];
  };

  // Start Chromium now, while Node reads and cleans the first inputs: PDFs and EPUB covers
  // both need it, and its launch is the longest single wait of a short job.
  void import('./pdf/index.js').then(({getBrowser}) => getBrowser()).catch(() => undefined);
  try {
    if (resolved.collection) {
      const {intro: introPath, ...front} = resolved.collection;
      // The introduction is read first and reported like an input; one that fails is left out.
      const introResult = introPath ? await prepare(introPath, cwd, resolved) : undefined;
      if (introResult) reports.push('article' in introResult ? introResult.report : introResult);
      const intro = introResult && 'article' in introResult ? introResult : undefined;
      // An introduction without a byline is the editor's.
      if (intro && intro.article.authors.length === 0 && front.editor) intro.article = {...intro.article, authors: [front.editor]};
      const prepared: Prepared[] = [];
      for (const input of inputs) {
        progress(input);
        const result = await prepare(input, cwd, resolved);
        if ('article' in result) prepared.push(result);
        reports.push('article' in result ? result.report : result);
        done++;
      }
      if (prepared.length > 0) {
        progress(front.title);
        await record({name: slug(front.title), parts: prepared, collection: {...front, intro}});
      }
    } else {
      // Articles in flight at once: while Chromium lays out one, Node cleans the next. Each
      // is written as soon as it is done and then let go, so memory stays flat in a batch.
      reports.length = inputs.length;
      const names = uniqueOutputNames(inputs);
      await inParallel(inputs, resolved.jobs, async (input, index) => {
        progress(input);
        const result = await prepare(input, cwd, resolved);
        if ('article' in result) await record({name: names[index]!, parts: [result]});
        reports[index] = 'article' in result ? result.report : result;
        done++;
      });
    }
  } finally {
    // PDFs and EPUB covers both use Chromium; closing a browser never launched does nothing.
    await (await import('./pdf/index.js')).closeBrowser();
  }
  onProgress?.({done: inputs.length, total: inputs.length, current: ''});
  return {
    ok: reports.every((report) => report.status === 'ok'),
    inputs: reports,
    outputs,
    timings: {totalMs: Math.round(performance.now() - started)},
  };
}
