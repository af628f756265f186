import {availableParallelism} from 'node:os';
import type {OutputFormat} from '../build.js';
import {DEFAULT_TIME_BUDGET_S} from '../security/time-budget.js';
import {parseBleed, parsePaper, type PaperSize} from './paper.js';
import type {UserConfig} from './schema.js';
import {MAX_INPUT_BYTES} from '../ingest/read-input.js';

/** Options after defaults, config file and flags are merged: what the build reads, never writes. */
export interface ResolvedOptions {
  readonly out: string;
  readonly formats: readonly OutputFormat[];
  readonly template: string;
  readonly paper: PaperSize;
  readonly bleedMm: number;
  readonly marks: boolean;
  readonly booklet: boolean;
  readonly pdfx: boolean;
  readonly icc?: string;
  /** Set when the inputs make one collection rather than one pamphlet each. */
  readonly collection?: Readonly<{title: string; subtitle?: string; editor?: string; intro?: string}>;
  /** Fetch the web images articles name (a URL input's are fetched regardless). */
  readonly fetchImages: boolean;
  /** Fetched images may come from private addresses. */
  readonly allowPrivateNetwork: boolean;
  /** Inputs larger than this are refused. */
  readonly maxInputBytes: number;
  /** Time each article may take to be read, cleaned and have its images fetched. */
  readonly timeBudgetMs: number;
  /** Articles worked on at once. */
  readonly jobs: number;
  readonly quiet: boolean;
  readonly json: boolean;
}

export const DEFAULTS = Object.freeze({
  out: 'output',
  format: ['pdf', 'epub'] as OutputFormat[],
  template: 'pamphlet',
  paper: 'a5',
  /** A long article with its markup is under 1 MB; 20 MB leaves room for inline images. */
  maxInputMb: MAX_INPUT_BYTES / (1024 * 1024),
});

/** user config → CLI overrides → resolved (later layers win key by key). */
export function resolveOptions(...layers: Array<UserConfig | undefined>): ResolvedOptions {
  const merged: UserConfig = Object.assign({}, ...layers.map((layer) => Object.fromEntries(Object.entries(layer ?? {}).filter(([, value]) => value !== undefined))));
  const collection = merged.title && !merged.individual ? {title: merged.title, subtitle: merged.subtitle, editor: merged.editor, intro: merged.intro} : undefined;
  return Object.freeze({
    out: merged.out ?? DEFAULTS.out,
    formats: Object.freeze([...(merged.format ?? DEFAULTS.format)]),
    template: merged.template ?? DEFAULTS.template,
    paper: parsePaper(merged.paper ?? DEFAULTS.paper),
    bleedMm: parseBleed(merged.bleed ?? '0mm'),
    marks: merged.marks ?? false,
    booklet: merged.booklet ?? false,
    pdfx: merged.pdfx ?? false,
    icc: merged.icc,
    collection: collection ? Object.freeze(collection) : undefined,
    fetchImages: merged.fetchImages ?? false,
    allowPrivateNetwork: merged.allowPrivateNetwork ?? false,
    maxInputBytes: Math.round((merged.maxInputMb ?? DEFAULTS.maxInputMb) * 1024 * 1024),
    timeBudgetMs: (merged.timeBudget ?? DEFAULT_TIME_BUDGET_S) * 1000,
    jobs: merged.jobs ?? availableParallelism(),
    quiet: merged.quiet ?? false,
    json: merged.json ?? false,
  });
}
