import {rmSync} from 'node:fs';
import {mkdir, rename, rm, writeFile} from 'node:fs/promises';
import path from 'node:path';

/** Temporary files being written right now, so an interrupt can remove them. */
const pending = new Set<string>();
let writes = 0;

/**
 * Write a whole file or nothing: into a temporary name beside the target, then rename.
 * A crash half way never leaves a truncated PDF or replaces a good earlier one.
 */
export async function writeFileAtomic(target: string, bytes: Uint8Array | string): Promise<void> {
  await mkdir(path.dirname(target), {recursive: true});
  // Unique per write: two jobs of one process may write the same target at once.
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${++writes}.tmp`);
  pending.add(temporary);
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, {force: true});
    throw error;
  } finally {
    pending.delete(temporary);
  }
}

/** Remove half-written temporary files (on Ctrl-C): synchronous, as the process is about to exit. */
export function removePendingOutputs(): void {
  for (const file of pending) rmSync(file, {force: true});
  pending.clear();
}
