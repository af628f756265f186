// Types for scripts/puppeteer-unused.mjs, which the tests import.
type Plugin = {name: string; setup(build: unknown): void};
export declare function withoutDownloads(source: string, file?: string): string;
export declare function withoutWebSockets(source: string, file?: string): string;
export declare function withoutBidi(source: string, file?: string): string;
export declare const puppeteerWithoutDownloads: Plugin;
export declare const puppeteerWithoutWebSockets: Plugin;
export declare const puppeteerWithoutBidi: Plugin;
