import { defineConfig } from '@playwright/test';
import { ChromiumNotFoundError } from './runner/browser-errors.ts';
import { CHROMIUM_ARGS, resolveChromium } from './runner/chromium.ts';

function chromiumOrExit(): string {
  try {
    return resolveChromium();
  } catch (error) {
    if (!(error instanceof ChromiumNotFoundError)) throw error;
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
}

export default defineConfig({
  // The project's own specs, and the documented fixture example (run so it stays true).
  projects: [
    { name: 'e2e', testDir: './e2e' },
    { name: 'examples', testDir: './examples' },
  ],
  globalSetup: './e2e/global-setup.ts',
  // For its paths: examples/ import the fixture as cors-playground/playwright.
  tsconfig: './tsconfig.node.json',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: process.env.CI ? 2 : undefined,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], ['./e2e/summary-reporter.ts']],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: chromiumOrExit(), args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
  },
});
