import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'mock-server/**/*.test.ts', 'runner/**/*.test.ts'],
    coverage: {
      provider: 'v8',
      include: ['src/cors/**/*.ts'],
      exclude: ['**/*.test.ts'],
      reporter: ['text-summary'],
      thresholds: { branches: 95 },
    },
  },
});
