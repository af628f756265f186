import {execFile, spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';

/** Debian's EPUBCheck 4.2.6; its /usr/bin/epubcheck wrapper is broken, so the jar is run directly. */
export const EPUBCHECK_JAR = '/usr/share/java/epubcheck.jar';

export type EpubcheckSeverity = 'FATAL' | 'ERROR' | 'WARNING' | 'INFO' | 'USAGE' | 'SUPPRESSED';

export interface EpubcheckMessage {
  severity: EpubcheckSeverity;
  /** EPUBCheck's message id, e.g. `RSC-005`. */
  id: string;
  message: string;
  /** `path:line:column` inside the EPUB, when EPUBCheck gives one. */
  location?: string;
}

export interface EpubcheckReport {
  /** Fatal errors and errors. */
  errors: number;
  warnings: number;
  infos: number;
  messages: EpubcheckMessage[];
}

export interface EpubcheckOptions {
  jar?: string;
  java?: string;
  /** Milliseconds; EPUBCheck starts a JVM and loads its schemas, which takes seconds. */
  timeout?: number;
}

/** Whether `runEpubcheck` can run here: Java answers and the jar exists. Tests skip on false. */
export function isEpubcheckAvailable(options: EpubcheckOptions = {}): boolean {
  if (!existsSync(options.jar ?? EPUBCHECK_JAR)) return false;
  return spawnSync(options.java ?? 'java', ['-version'], {stdio: 'ignore'}).status === 0;
}

/** The parts of EPUBCheck's `--json` report read here. */
interface JsonReport {
  messages?: Array<{
    ID?: string;
    severity?: EpubcheckSeverity;
    message?: string;
    locations?: Array<{path?: string; line?: number; column?: number}>;
  }>;
}

function describeLocation(location: {path?: string; line?: number; column?: number} | undefined): string | undefined {
  if (location?.path === undefined) return undefined;
  const line = location.line !== undefined && location.line >= 0 ? `:${location.line}` : '';
  const column = line && location.column !== undefined && location.column >= 0 ? `:${location.column}` : '';
  return `${location.path}${line}${column}`;
}

/**
 * Validates an EPUB file with EPUBCheck and returns its findings, one message per location as
 * its console output lists them. Exit status 1 only means errors were found; the report says which.
 */
export async function runEpubcheck(epubPath: string, options: EpubcheckOptions = {}): Promise<EpubcheckReport> {
  const folder = await mkdtemp(path.join(tmpdir(), 'pamphlet-epubcheck-'));
  const jsonPath = path.join(folder, 'report.json');
  try {
    const {stdout, stderr} = await new Promise<{stdout: string; stderr: string}>((resolve) => {
      execFile(
        options.java ?? 'java',
        ['-jar', options.jar ?? EPUBCHECK_JAR, epubPath, '--json', jsonPath, '--locale', 'en'],
        {timeout: options.timeout ?? 60_000, maxBuffer: 16 * 1024 * 1024},
        (_error, stdout, stderr) => resolve({stdout, stderr}),
      );
    });
    const json = await readFile(jsonPath, 'utf8').catch(() => undefined);
    if (json === undefined) {
      throw new Error(`EPUBCheck wrote no report for ${epubPath}:\n${stderr || stdout}`);
    }
    const report = JSON.parse(json) as JsonReport;
    const messages = (report.messages ?? []).flatMap((entry) => {
      const base = {
        severity: entry.severity ?? 'ERROR',
        id: entry.ID ?? '',
        message: entry.message ?? '',
      } satisfies EpubcheckMessage;
      const locations = entry.locations?.length ? entry.locations : [undefined];
      return locations.map((location): EpubcheckMessage => {
        const place = describeLocation(location);
        return place === undefined ? base : {...base, location: place};
      });
    });
    const count = (...severities: EpubcheckSeverity[]) =>
      messages.filter((message) => severities.includes(message.severity)).length;
    return {errors: count('FATAL', 'ERROR'), warnings: count('WARNING'), infos: count('INFO'), messages};
  } finally {
    await rm(folder, {recursive: true, force: true});
  }
}
