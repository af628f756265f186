/**
 * Paths we write into the zip come from the caller's asset map and the template: allow only plain
 * names in one folder, so no entry can climb out of OEBPS/ or land on a package file.
 */
export function isPlainHref(href: string, folder: 'assets' | 'fonts'): boolean {
  return href.startsWith(`${folder}/`) && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(href.slice(folder.length + 1));
}
