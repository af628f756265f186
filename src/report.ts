import {z} from 'zod';
import {warningToJson} from './article-json.js';
import type {BuildReport} from './build.js';

/** The `--json` report: what a script can rely on. Tests validate real output against it. */
export const WarningRecord = z.strictObject({
  line: z.number().int().positive().optional(),
  column: z.number().int().positive().optional(),
  reason: z.string(),
  ruleId: z.string().optional(),
  source: z.string().optional(),
});

export const OutputRecord = z.strictObject({
  format: z.enum(['pdf', 'epub']),
  path: z.string(),
  bytes: z.number().int().positive(),
  pages: z.number().int().positive().optional(),
});

export const BuildReportJson = z.strictObject({
  ok: z.boolean(),
  inputs: z.array(
    z.strictObject({
      input: z.string(),
      status: z.enum(['ok', 'failed']),
      title: z.string().optional(),
      outputs: z.array(OutputRecord),
      warnings: z.array(WarningRecord),
      error: z.string().optional(),
      code: z.string().optional(),
      timings: z.strictObject({
        ingestMs: z.number().optional(),
        cleanMs: z.number().optional(),
        typesetMs: z.number().optional(),
        renderMs: z.number().optional(),
        pdfMs: z.number().optional(),
        epubMs: z.number().optional(),
      }),
    }),
  ),
  outputs: z.array(OutputRecord),
  timings: z.strictObject({totalMs: z.number()}),
});
export type BuildReportJson = z.infer<typeof BuildReportJson>;

export function reportToJson(report: BuildReport): BuildReportJson {
  return {
    ok: report.ok,
    inputs: report.inputs.map(({stack: _stack, warnings, ...input}) => ({
      ...input,
      warnings: warnings.map(warningToJson),
    })),
    outputs: report.outputs,
    timings: report.timings,
  };
}
