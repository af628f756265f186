// Types for scripts/puppeteer-quiet-debug.mjs, which the tests import.
export declare function quietUnlessDebug(source: string, file?: string): string;
export declare const puppeteerQuietDebug: {name: string; setup(build: unknown): void};
