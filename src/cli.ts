import {readFileSync} from 'node:fs';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {articleToJson, articleToText} from './article-json.js';
import type {BuildReport, OutputFormat} from './build.js';
import {isPamphletError, PamphletError} from './errors.js';
import {writeFileAtomic} from './outputs.js';
import type {WarningJson} from './article-json.js';

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {version: string}).version;

const HELP = `pamphlet ${VERSION}: web articles → print-ready pamphlet PDFs and EPUB books

Usage:
  pamphlet build [inputs...] [-o DIR] [--format pdf,epub] [--template NAME|DIR]
      Build a PDF and an EPUB for each input (HTML page, Markdown, or text copied from a
      browser; "-" reads stdin). With no inputs, builds the bundled examples into output/.
  pamphlet clean <inputs...> [--to json|text|html] [-o DIR]
      Print the cleaned article: json (the whole Article), text (the body, paragraphs
      separated by blank lines) or html (the body). With -o, writes DIR/<name>.<ext> each.

Options:
  -o, --out DIR        output folder (build: default "output")
  -f, --format LIST    build: pdf, epub or pdf,epub (default pdf,epub)
  -t, --to FORMAT      clean: json, text or html (default json)
      --template NAME  build: bundled template name or template folder (default "pamphlet")
  -q, --quiet          print errors only
      --debug          print stack traces of unexpected errors
  -h, --help           show this help
  -v, --version        show the version

Exit codes: 0 success, 1 an input failed (the others are still written), 2 usage error.`;

interface Streams {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const defaultStreams: Streams = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

function formatWarning(file: string, warning: WarningJson): string {
  const place = warning.line ? `:${warning.line}:${warning.column ?? 1}` : '';
  return `${file}${place}  warning  ${warning.reason}  ${warning.ruleId ?? ''}`.trimEnd();
}

function parseFormats(value: string | undefined): OutputFormat[] {
  if (value === undefined) return ['pdf', 'epub'];
  const formats = value.split(',').map((part) => part.trim()).filter(Boolean);
  for (const format of formats) {
    if (format !== 'pdf' && format !== 'epub') {
      throw new PamphletError('E_USAGE', `--format: unknown format "${format}"; use pdf, epub or pdf,epub`);
    }
  }
  if (formats.length === 0) throw new PamphletError('E_USAGE', '--format: empty; use pdf, epub or pdf,epub');
  return formats as OutputFormat[];
}

/** A path as the user would type it: relative when under the working folder. */
function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

function reportBuild(report: BuildReport, quiet: boolean, debug: boolean, io: Streams): void {
  for (const input of report.inputs) {
    if (!quiet) {
      for (const warning of input.warnings) {
        io.stderr(`${formatWarning(displayPath(input.input), {reason: warning.reason, line: warning.line ?? undefined, column: warning.column ?? undefined, ruleId: warning.ruleId ?? undefined})}\n`);
      }
    }
    if (input.status === 'failed') {
      io.stderr(`pamphlet: error: ${input.error}\n`);
      if (debug && input.stack) io.stderr(`${input.stack}\n`);
    } else if (!quiet) {
      const outputs = input.outputs.map((output) => `${displayPath(output.path)} (${Math.ceil(output.bytes / 1024)} KB)`);
      io.stdout(`built ${displayPath(input.input)} → ${outputs.join(', ')}\n`);
    }
  }
}

async function runBuild(positionals: string[], values: Record<string, unknown>, io: Streams): Promise<number> {
  const {build} = await import('./build.js');
  const report = await build({
    inputs: positionals,
    outDir: (values['out'] as string | undefined) ?? 'output',
    formats: parseFormats(values['format'] as string | undefined),
    template: values['template'] as string | undefined,
  });
  reportBuild(report, Boolean(values['quiet']), Boolean(values['debug']), io);
  return report.ok ? 0 : 1;
}

const CLEAN_EXTENSIONS = {json: 'json', text: 'txt', html: 'html'} as const;

async function runClean(positionals: string[], values: Record<string, unknown>, io: Streams): Promise<number> {
  if (positionals.length === 0) throw new PamphletError('E_USAGE', 'clean: give at least one input file (or - for stdin)');
  const to = (values['to'] as string | undefined) ?? 'json';
  if (!(to in CLEAN_EXTENSIONS)) throw new PamphletError('E_USAGE', `--to: unknown format "${to}"; use json, text or html`);
  const {cleanOne} = await import('./build.js');
  const {toHtml} = await import('hast-util-to-html');
  const outDir = values['out'] as string | undefined;
  let failed = false;
  for (const input of positionals) {
    try {
      const {article} = await cleanOne(input);
      const json = articleToJson(article);
      const output =
        to === 'json' ? `${JSON.stringify(json, null, 2)}\n` : to === 'text' ? articleToText(article) : `${toHtml(article.body)}\n`;
      if (!values['quiet']) for (const warning of json.warnings) io.stderr(`${formatWarning(input, warning)}\n`);
      if (outDir) {
        const name = input === '-' ? 'stdin' : path.basename(input).replace(/\.[^.]+$/, '');
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

/** argv → options → build()/clean(); the only place that prints and chooses exit codes. */
export async function main(argv: string[] = process.argv.slice(2), io: Streams = defaultStreams): Promise<number> {
  let debug = argv.includes('--debug');
  try {
    const {values, positionals} = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: {type: 'string', short: 'o'},
        format: {type: 'string', short: 'f'},
        to: {type: 'string', short: 't'},
        template: {type: 'string'},
        quiet: {type: 'boolean', short: 'q'},
        debug: {type: 'boolean'},
        help: {type: 'boolean', short: 'h'},
        version: {type: 'boolean', short: 'v'},
      },
    });
    debug = Boolean(values.debug);
    if (values.version) {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    const [command, ...inputs] = positionals;
    if (values.help || command === undefined || command === 'help') {
      io.stdout(`${HELP}\n`);
      return command === undefined && !values.help ? 2 : 0;
    }
    if (command === 'build') return await runBuild(inputs, values, io);
    if (command === 'clean') return await runClean(inputs, values, io);
    throw new PamphletError('E_USAGE', `unknown command "${command}"; use build or clean (see pamphlet --help)`);
  } catch (error) {
    if (isPamphletError(error)) {
      io.stderr(`pamphlet: error: ${error.message}\n`);
      return error.code === 'E_USAGE' || error.code === 'E_TEMPLATE' ? 2 : 1;
    }
    const code = (error as {code?: string}).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`pamphlet: error: ${(error as Error).message}; see pamphlet --help\n`);
      return 2;
    }
    io.stderr(`pamphlet: internal error: ${(error as Error).message ?? error}${debug ? '' : ' (run with --debug for details)'}\n`);
    if (debug) io.stderr(`${(error as Error).stack}\n`);
    return 1;
  }
}
