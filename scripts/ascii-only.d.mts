// Types for scripts/ascii-only.mjs, which the tests import.
export interface AsciiEdit {
  offset: number;
  added: number;
}
export declare function asciiOnly(code: string, where?: string): {code: string; edits: AsciiEdit[]};
export declare function shiftSourceMap<T extends {mappings: string}>(map: T, code: string, edits: readonly AsciiEdit[]): T;
