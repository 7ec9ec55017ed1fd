import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/harness/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // end-to-end files each start a bot, an emulator and a simulator: two cores, two at a time
    maxWorkers: 2,
  },
});
