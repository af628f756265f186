import {z} from 'zod';

/**
 * Every option Pamphlet has, once: the config file's keys, the CLI's flags (the same names in
 * kebab-case) and the README's options table are all generated from this schema.
 */
export const UserConfig = z.strictObject({
  out: z.string().min(1).optional().describe('Folder the outputs are written to (default "output").'),
  format: z
    .array(z.enum(['pdf', 'epub']))
    .min(1)
    .optional()
    .describe('Which outputs to build: pdf, epub or both (CLI: pdf,epub; default both).'),
  template: z.string().min(1).optional().describe('Template: a bundled name, a name under ./templates, or a folder (default "pamphlet").'),
  paper: z.string().min(1).optional().describe('Trim size: a4, a5, a6, letter, half-letter or WxHmm such as 110x178mm (default a5).'),
  bleed: z.string().min(1).optional().describe('Bleed beyond the trim on every side, such as 3mm or 0.125in (default 0mm); boxes are set exactly.'),
  marks: z.boolean().optional().describe('Crop marks outside the bleed, on a sheet that much larger.'),
  booklet: z.boolean().optional().describe('Also write NAME.booklet.pdf: pages padded to a multiple of 4 and imposed 2-up for saddle-stitch (print duplex, flip on the short edge, fold).'),
  pdfx: z.boolean().optional().describe('Convert the PDF to PDF/X-3 (CMYK) with Ghostscript, for a press.'),
  icc: z.string().min(1).optional().describe("CMYK ICC profile for --pdfx (default: Ghostscript's own)."),
  title: z.string().min(1).optional().describe('Title of a collection: with several inputs, builds one pamphlet and one EPUB of them all.'),
  subtitle: z.string().min(1).optional().describe("The collection's subtitle, on its cover."),
  editor: z.string().min(1).optional().describe("The collection's editor, on its cover and as its author."),
  intro: z.string().min(1).optional().describe('A Markdown file printed as the introduction of a collection.'),
  individual: z.boolean().optional().describe('One pamphlet and one EPUB per input, even when a collection title is set.'),
  fetchImages: z.boolean().optional().describe('Fetch the web images an article names (always on for a URL input); from private addresses only with --allow-private-network.'),
  allowPrivateNetwork: z
    .boolean()
    .optional()
    .describe('Let fetched images come from loopback, private, link-local and metadata addresses (an intranet); off by default.'),
  maxInputMb: z.number().positive().max(1024).optional().describe('Refuse inputs larger than this many MB (default 20).'),
  timeBudget: z.number().positive().max(3600).optional().describe('Seconds each article may take to be read, cleaned and have its images fetched (default 60).'),
  jobs: z.number().int().min(1).max(64).optional().describe('Articles worked on at once (default: the number of CPU cores).'),
  quiet: z.boolean().optional().describe('Print errors only.'),
  json: z.boolean().optional().describe('Print a JSON report of the build on standard output.'),
});
export type UserConfig = z.infer<typeof UserConfig>;

/** The keys of the config file, which are also the CLI's options. */
export type ConfigKey = keyof UserConfig;
export const CONFIG_KEYS = Object.keys(UserConfig.shape) as ConfigKey[];

/** A key's CLI flag, without the dashes: `fetchImages` → `fetch-images`. */
export function flagName(key: ConfigKey): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
