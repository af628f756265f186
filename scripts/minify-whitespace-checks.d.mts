// Types for scripts/minify-whitespace-checks.mjs, which the tests import.
export declare function checksMadeOnce(source: string, file?: string): string;
export declare const minifyWhitespaceChecks: {name: string; setup(build: unknown): void};
