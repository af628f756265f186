// Types for scripts/epub-gen-no-fetch.mjs, which the tests import.
export declare function fetchRefused(source: string, file?: string): string;
export declare const epubGenNoFetch: {name: string; setup(build: unknown): void};
