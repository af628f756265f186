import {readFile, stat} from 'node:fs/promises';
import path from 'node:path';
import {PamphletError} from '../errors.js';

/** The raw bytes of one input and where its local assets live. */
export interface RawInput {
  /** As the user named it ("-" for stdin). */
  path: string;
  /** Folder that local assets are resolved against. */
  baseDir: string;
  bytes: Uint8Array;
}

/** Reading stops here: a page this large is not an article (issue 8 makes it configurable). */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function readInput(input: string, cwd: string = process.cwd()): Promise<RawInput> {
  if (input === '-') return {path: '-', baseDir: cwd, bytes: await readStdin()};
  const absolute = path.resolve(cwd, input);
  const info = await stat(absolute).catch(() => undefined);
  if (!info) {
    throw new PamphletError('E_INPUT_MISSING', `${input}: no such file; check the path`, {input});
  }
  if (info.isDirectory()) {
    throw new PamphletError('E_INPUT_MISSING', `${input}: is a folder, expected an article file`, {input});
  }
  if (info.size > MAX_INPUT_BYTES) {
    throw new PamphletError(
      'E_INPUT_TOO_LARGE',
      `${input}: ${(info.size / 1048576).toFixed(1)} MB is over the ${MAX_INPUT_BYTES / 1048576} MB input limit`,
      {input},
    );
  }
  return {path: input, baseDir: path.dirname(absolute), bytes: await readFile(absolute)};
}
