import {readFileSync} from 'node:fs';
import path from 'node:path';
import {parseArgs, type ParseArgsConfig} from 'node:util';
import {articleToJson, articleToText, warningToJson, type WarningJson} from './article-json.js';
import type {BuildProgress, BuildReport, OutputFormat} from './build.js';
import {CONFIG_KEYS, flagName, UserConfig, type ConfigKey} from './config/schema.js';
import {isPamphletError, PamphletError} from './errors.js';
import {removePendingOutputs, writeFileAtomic} from './outputs.js';
import {reportToJson} from './report.js';
import {PACKAGE_ROOT} from './package-root.js';

const VERSION = (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {version: string}).version;

const SHORT: Partial<Record<string, string>> = {out: 'o', format: 'f', quiet: 'q'};

/** The options table of --help, from the schema: one line per key. */
function optionLines(): string {
  return CONFIG_KEYS.map((key) => {
    const field = UserConfig.shape[key];
    const isFlag = field.unwrap().def.type === 'boolean';
    const short = SHORT[key] ? `-${SHORT[key]}, ` : '    ';
    const name = `${short}--${flagName(key)}${isFlag ? '' : ' VALUE'}`;
    return `  ${name.padEnd(22)} ${field.description ?? ''}`;
  }).join('\n');
}

const HELP = `pamphlet ${VERSION}: web articles → print-ready pamphlet PDFs and EPUB books

Usage:
  pamphlet build [inputs...] [options]
      A PDF and an EPUB for each input (saved web page, Markdown, text copied from a browser;
      files, folders, globs, "-" for stdin, "@list.txt"). With --title, one pamphlet of them
      all. With no inputs, builds the bundled examples into output/.
  pamphlet check <FILE.pdf...> [--paper P] [--bleed L] [--booklet] [--pdfx]
      Preflight a PDF, rule by rule: trim size, boxes, bleed, page count, fonts embedded,
      no Type 3 fonts, image resolution, PDF/X output intent, text layer. Exit 1 on a failure.
  pamphlet preview <FILE.pdf|inputs...> [options]
      Write a PNG contact sheet of a PDF's pages (for inputs: build, then preview each PDF).
  pamphlet template init NAME
      Copy the default template into ./templates/NAME to edit; build with --template NAME.
  pamphlet clean <inputs...> [--to json|text|html] [-o DIR]
      Print the cleaned article: json (the whole Article), text (the body, paragraphs
      separated by blank lines) or html (the body). With -o, writes DIR/<name>.<ext> each.

Options (each is also a key of pamphlet.config.json or .yaml):
${optionLines()}
      --config FILE      read options from FILE (default: pamphlet.config.json/.yaml beside
                         the first input, else in the working folder)
  -t, --to FORMAT        clean: json, text or html (default json)
      --debug            print stack traces of unexpected errors
  -h, --help             show this help
  -v, --version          show the version

Exit codes: 0 success, 1 an input failed (the others are still written), 2 usage or config error.`;

export interface Streams {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is a terminal: progress is drawn as a bar, not printed as lines. */
  isTTY?: boolean;
}

const defaultStreams: Streams = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stderr.isTTY,
};

/** A path as the user would type it: relative when under the working folder; a URL as it is. */
function displayPath(file: string): string {
  if (/^[a-z][a-z\d+.-]*:\/\//i.test(file)) return file;
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

function formatWarning(file: string, warning: WarningJson): string {
  const place = warning.line ? `:${warning.line}:${warning.column ?? 1}` : '';
  return `${file}${place}  warning  ${warning.reason}  ${warning.ruleId ?? ''}`.trimEnd();
}

function parseFormats(value: string): OutputFormat[] {
  const formats = value.split(',').map((part) => part.trim()).filter(Boolean);
  for (const format of formats) {
    if (format !== 'pdf' && format !== 'epub') throw new PamphletError('E_USAGE', `--format: unknown format "${format}"; use pdf, epub or pdf,epub`);
  }
  if (formats.length === 0) throw new PamphletError('E_USAGE', '--format: empty; use pdf, epub or pdf,epub');
  return formats as OutputFormat[];
}

/** CLI values → the same shape as the config file, so both pass one schema. */
function flagsToConfig(values: Record<string, unknown>): UserConfig {
  const config: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const value = values[flagName(key)];
    if (value === undefined) continue;
    const type = UserConfig.shape[key].unwrap().def.type;
    config[key] = key === 'format' ? parseFormats(String(value)) : type === 'number' ? Number(value) : value;
  }
  const parsed = UserConfig.safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PamphletError('E_USAGE', `--${flagName(issue.path.join('.') as ConfigKey)}: ${issue.message}`);
  }
  return parsed.data;
}

function progressReporter(io: Streams, quiet: boolean): ((progress: BuildProgress) => void) | undefined {
  if (quiet) return undefined;
  let last = '';
  return ({done, total, current}) => {
    if (total <= 1) return;
    if (io.isTTY) {
      const width = 24;
      const filled = Math.round((done / total) * width);
      const name = current ? displayPath(current).slice(-40) : 'done';
      io.stderr(`\r\x1b[2K[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${name}${done === total ? '\n' : ''}`);
    } else if (current && current !== last) {
      // After the last input comes the collection, rendered as one.
      io.stderr(done < total ? `[${done + 1}/${total}] ${displayPath(current)}\n` : `rendering ${current}\n`);
    }
    last = current;
  };
}

function reportBuild(report: BuildReport, quiet: boolean, debug: boolean, io: Streams): void {
  for (const input of report.inputs) {
    if (!quiet) for (const warning of input.warnings) io.stderr(`${formatWarning(displayPath(input.input), warningToJson(warning))}\n`);
    if (input.status === 'failed') {
      io.stderr(`pamphlet: error: ${input.error}\n`);
      if (debug && input.stack) io.stderr(`${input.stack}\n`);
    }
  }
  if (!quiet) {
    for (const output of report.outputs) {
      const pages = output.pages ? `, ${output.pages} ${output.pages === 1 ? 'page' : 'pages'}` : '';
      io.stdout(`wrote ${displayPath(output.path)} (${Math.ceil(output.bytes / 1024)} KB${pages})\n`);
    }
  }
}

/** Ctrl-C: close Chromium (and its temporary profile) and stop; finished outputs stay whole. */
function stopOnInterrupt(io: Streams): () => void {
  const stop = () => {
    removePendingOutputs();
    io.stderr('\npamphlet: interrupted; the outputs already written are complete, nothing half-written was kept\n');
    void import('./pdf/index.js')
      .then(({closeBrowser}) => closeBrowser())
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  return () => process.off('SIGINT', stop);
}

async function runBuild(inputs: string[], values: Record<string, unknown>, io: Streams): Promise<number> {
  // Chromium's launch is the longest wait of a short build: start it before loading the
  // pipeline's modules, which takes as long again. The build closes it; so does a build that
  // fails before it starts (a bad config), here.
  const browser = import('./pdf/browser.js');
  void browser.then(({getBrowser}) => getBrowser()).catch(() => undefined);
  const {build} = await import('./build.js');
  const release = stopOnInterrupt(io);
  const flags = flagsToConfig(values);
  const report = await build({
    ...flags,
    inputs,
    config: values['config'] as string | undefined,
    onProgress: flags.json ? undefined : progressReporter(io, Boolean(flags.quiet)),
  }).finally(async () => {
    release();
    await (await browser).closeBrowser();
  });
  if (flags.json) {
    io.stdout(`${JSON.stringify(reportToJson(report), null, 2)}\n`);
    for (const input of report.inputs) if (input.status === 'failed') io.stderr(`pamphlet: error: ${input.error}\n`);
  } else {
    reportBuild(report, Boolean(flags.quiet), Boolean(values['debug']), io);
  }
  return report.ok ? 0 : 1;
}

const CLEAN_EXTENSIONS = {json: 'json', text: 'txt', html: 'html'} as const;

async function runClean(inputs: string[], values: Record<string, unknown>, io: Streams): Promise<number> {
  if (inputs.length === 0) throw new PamphletError('E_USAGE', 'clean: give at least one input file (or - for stdin)');
  const to = (values['to'] as string | undefined) ?? 'json';
  if (!(to in CLEAN_EXTENSIONS)) throw new PamphletError('E_USAGE', `--to: unknown format "${to}"; use json, text or html`);
  const {cleanOne, outputName} = await import('./build.js');
  const {maxInputMb} = flagsToConfig(values);
  const limits = maxInputMb === undefined ? undefined : {maxBytes: maxInputMb * 1024 * 1024};
  const {expandInputs} = await import('./expand-inputs.js');
  const {toHtml} = await import('hast-util-to-html');
  const outDir = values['out'] as string | undefined;
  let failed = false;
  for (const input of await expandInputs(inputs, process.cwd())) {
    try {
      const {article} = await cleanOne(input, undefined, limits);
      const json = articleToJson(article);
      const output = to === 'json' ? `${JSON.stringify(json, null, 2)}\n` : to === 'text' ? articleToText(article) : `${toHtml(article.body)}\n`;
      if (!values['quiet']) for (const warning of json.warnings) io.stderr(`${formatWarning(displayPath(input), warning)}\n`);
      if (outDir) {
        const name = outputName(input);
        await writeFileAtomic(path.resolve(outDir, `${name}.${CLEAN_EXTENSIONS[to as keyof typeof CLEAN_EXTENSIONS]}`), output);
      } else {
        io.stdout(output);
      }
    } catch (error) {
      if (!isPamphletError(error)) throw error;
      io.stderr(`pamphlet: error: ${error.message}\n`);
      failed = true;
    }
  }
  return failed ? 1 : 0;
}

async function runCheck(files: string[], values: Record<string, unknown>, io: Streams): Promise<number> {
  if (files.length === 0) throw new PamphletError('E_USAGE', 'check: give the PDF files to preflight');
  const {preflightFile, formatPreflight} = await import('./pdf/index.js');
  const {parseBleed, parsePaper} = await import('./config/paper.js');
  const flags = flagsToConfig(values);
  const expect = {
    trim: flags.paper ? parsePaper(flags.paper) : undefined,
    bleedMm: flags.bleed ? parseBleed(flags.bleed) : undefined,
    booklet: flags.booklet,
    pdfx: flags.pdfx,
  };
  let failed = false;
  for (const file of files) {
    const report = await preflightFile(file, expect);
    io.stdout(`${displayPath(file)}: ${report.ok ? 'passes' : 'FAILS'}\n${formatPreflight(report)}\n`);
    failed ||= !report.ok;
  }
  return failed ? 1 : 0;
}

async function runPreview(inputs: string[], values: Record<string, unknown>, io: Streams): Promise<number> {
  if (inputs.length === 0) throw new PamphletError('E_USAGE', 'preview: give a PDF or the inputs to build');
  const {previewPdf} = await import('./preview.js');
  let pdfs = inputs.filter((input) => input.toLowerCase().endsWith('.pdf'));
  let status = 0;
  const articles = inputs.filter((input) => !input.toLowerCase().endsWith('.pdf'));
  if (articles.length > 0) {
    const {build} = await import('./build.js');
    const report = await build({...flagsToConfig(values), format: ['pdf'], inputs: articles, config: values['config'] as string | undefined});
    reportBuild(report, true, Boolean(values['debug']), io);
    pdfs = [...pdfs, ...report.outputs.filter((output) => output.format === 'pdf').map((output) => output.path)];
    if (!report.ok) status = 1;
  }
  for (const pdf of pdfs) io.stdout(`wrote ${displayPath(await previewPdf(pdf))}\n`);
  return status;
}

async function runTemplate([action, name, ...rest]: string[], io: Streams): Promise<number> {
  if (action !== 'init' || !name || rest.length > 0) throw new PamphletError('E_USAGE', 'usage: pamphlet template init NAME');
  const {initTemplate} = await import('./template-init.js');
  const target = await initTemplate(name);
  io.stdout(`created ${displayPath(target)}: edit print.css (the custom properties at its top) and build with --template ${name}\n`);
  return 0;
}

function argsConfig(): NonNullable<ParseArgsConfig['options']> {
  const options: NonNullable<ParseArgsConfig['options']> = {
    config: {type: 'string'},
    to: {type: 'string', short: 't'},
    debug: {type: 'boolean'},
    help: {type: 'boolean', short: 'h'},
    version: {type: 'boolean', short: 'v'},
  };
  for (const key of CONFIG_KEYS) {
    const type = UserConfig.shape[key].unwrap().def.type === 'boolean' ? 'boolean' : 'string';
    options[flagName(key)] = SHORT[key] ? {type, short: SHORT[key]} : {type};
  }
  return options;
}

/** `argv` as `main` reads it: the options, then the command and its inputs. Throws on an unknown option. */
function parseCommandLine(argv: string[]) {
  return parseArgs({args: argv, allowPositionals: true, options: argsConfig()});
}

/** The command `argv` runs ("build", "clean", …), read as `main` reads it; undefined when it names none. */
export function commandOf(argv: string[]): string | undefined {
  try {
    return parseCommandLine(argv).positionals[0];
  } catch {
    return undefined;
  }
}

/** argv → options → build()/clean(); the only place that prints and chooses exit codes. */
export async function main(argv: string[] = process.argv.slice(2), io: Streams = defaultStreams): Promise<number> {
  let debug = argv.includes('--debug');
  try {
    const {values, positionals} = parseCommandLine(argv);
    debug = Boolean(values['debug']);
    if (values['version']) {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    const [command, ...inputs] = positionals;
    if (values['help'] || command === undefined || command === 'help') {
      io.stdout(`${HELP}\n`);
      return command === undefined && !values['help'] ? 2 : 0;
    }
    if (command === 'build') return await runBuild(inputs, values, io);
    if (command === 'clean') return await runClean(inputs, values, io);
    if (command === 'template') return await runTemplate(inputs, io);
    if (command === 'preview') return await runPreview(inputs, values, io);
    if (command === 'check') return await runCheck(inputs, values, io);
    throw new PamphletError('E_USAGE', `unknown command "${command}"; use build, clean, check, preview or template (see pamphlet --help)`);
  } catch (error) {
    if (isPamphletError(error)) {
      io.stderr(`pamphlet: error: ${error.message}\n`);
      return error.code === 'E_USAGE' || error.code === 'E_TEMPLATE' ? 2 : 1;
    }
    const code = (error as {code?: string}).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`pamphlet: error: ${(error as Error).message.split('\n')[0]}; see pamphlet --help\n`);
      return 2;
    }
    io.stderr(`pamphlet: internal error: ${(error as Error).message ?? error}${debug ? '' : ' (run with --debug for details)'}\n`);
    if (debug) io.stderr(`${(error as Error).stack}\n`);
    return 1;
  }
}
