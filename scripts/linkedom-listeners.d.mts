// Types for scripts/linkedom-listeners.mjs, which the tests import.
export declare function lazyListeners(source: string, file?: string): string;
export declare const linkedomLazyListeners: {name: string; setup(build: unknown): void};
