// Types for scripts/linkedom-lazy-css.mjs, which the tests import.
export declare function lazyCssParser(source: string, file?: string): string;
export declare const linkedomLazyCss: {name: string; setup(build: unknown): void};
