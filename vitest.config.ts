import {defineConfig} from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/temporary-folder.ts'],
    // Chromium, Java (EPUBCheck) and poppler run in these tests: slow, but never timed.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores: one Chromium-heavy file at a time keeps the machine responsive.
    maxWorkers: 2,
  },
});
