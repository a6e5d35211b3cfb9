import { defineConfig } from 'vitest/config';

// npm run test:package: the packing test on its own, after the unit tests, because npm pack
// rebuilds dist/ and lib/, which the unit tests and the e2e suite read.
export default defineConfig({
  test: { include: ['scripts/package.test.ts'] },
});
