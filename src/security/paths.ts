import path from 'node:path';

/** A percent-encoded path, or undefined when its escapes are malformed ("100%.png"). */
export function decodePath(encoded: string): string | undefined {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}

/**
 * True when `file` lies strictly inside `folder` (both already resolved through links). The
 * folder itself is not inside it; a file named "..notes" is.
 */
export function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
