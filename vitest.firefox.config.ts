import { defineConfig } from 'vitest/config';

// The main UI flows in Firefox (`npm run test:firefox`): one Firefox, driven over WebDriver
// BiDi, against a playground started in process.
export default defineConfig({
  test: {
    include: ['e2e/firefox/**/*.firefox.ts'],
    fileParallelism: false,
  },
});
