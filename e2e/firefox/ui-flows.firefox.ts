// The main UI flows in Firefox (firefox-esr over WebDriver BiDi, through the runner's driver):
// the page explains what Firefox did in Firefox's own words, and the console line it shows is
// the one Firefox printed. Run by `npm run test:firefox` (vitest.firefox.config.ts); Playwright
// cannot drive Debian's Firefox, so these are not Playwright specs.
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../mock-server/build.ts';
import { startPlayground, type Playground } from '../../mock-server/playground.ts';
import { createStaticHandler } from '../../mock-server/static-files.ts';
import { launchFirefox } from '../../runner/firefox.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIREFOX_BLOCKED = 'Cross-Origin Request Blocked:';

let playground: Playground;
let firefox: Browser;

beforeAll(async () => {
  await ensureBuilt(ROOT);
  playground = await startPlayground({
    ports: { app: 0, target: 0, second: 0 },
    app: createStaticHandler(`${ROOT}dist`),
  });
  firefox = await launchFirefox();
}, 180_000);

afterAll(async () => {
  await firefox?.close();
  await playground?.close();
});

/** What the result shows after a Send, read as a person reads it. */
interface Shown {
  browserLine: string;
  verdict: string;
  consoleLine: string | undefined;
  jsError: string | undefined;
  agreement: string;
  /** The readable-headers table: each header and whether JavaScript read it. */
  headers: [string, string][];
  /** The note on how the other browser would differ, if any. */
  otherBrowser: string | undefined;
}

/** Opens a preset in a fresh Firefox context, sends it, and collects Firefox's CORS lines. */
async function sendPreset(id: string): Promise<{ shown: Shown; firefoxSaid: string[] }> {
  const context = await firefox.createBrowserContext();
  try {
    const page = await context.newPage();
    const firefoxSaid: string[] = [];
    // Firefox's CORS messages arrive as BiDi log entries of type `javascript` (page errors).
    page.on('pageerror', (error: unknown) => {
      const text = error instanceof Error ? error.message : String(error);
      if (text.startsWith(FIREFOX_BLOCKED)) firefoxSaid.push(text);
    });
    await page.goto(`${playground.origins.app}/#preset=${id}`);
    await page.waitForFunction(
      () =>
        document.querySelector('article h3') !== null &&
        [...document.querySelectorAll('button')].some(
          (button) => button.textContent === 'Send' && !button.disabled,
        ),
      { timeout: 15_000 },
    );
    await page.evaluate(() => {
      const send = [...document.querySelectorAll('button')].find(
        (button) => button.textContent === 'Send',
      );
      send?.click();
    });
    await page.waitForFunction(() => document.querySelector('[aria-label="Agreement"]') !== null, {
      timeout: 15_000,
    });
    return { shown: await readResult(page), firefoxSaid };
  } finally {
    await context.close();
  }
}

function readResult(page: Page): Promise<Shown> {
  return page.evaluate(() => {
    const text = (selector: string) => document.querySelector(selector)?.textContent ?? undefined;
    const region = (name: string) =>
      [...document.querySelectorAll('section')].find(
        (section) => section.querySelector('h3')?.textContent === name,
      );
    const rows = [...(region('What JavaScript saw')?.querySelectorAll('table tbody tr') ?? [])];
    return {
      browserLine: text('[aria-label="Browser"]') ?? '',
      verdict: region('Verdict')?.textContent ?? '',
      consoleLine: text('[aria-label="Console message"]'),
      jsError: text('.js-error'),
      agreement: text('[aria-label="Agreement"]') ?? '',
      headers: rows.map((row): [string, string] => [
        row.querySelector('th')?.textContent ?? '',
        row.querySelector('td')?.textContent ?? '',
      ]),
      otherBrowser: text('[role="note"][aria-label="In Chromium"]'),
    };
  });
}

const AGREES = '✓ The model agrees with what the browser did.';
const NETWORK_ERROR = 'TypeError: NetworkError when attempting to fetch resource.';

describe('the UI in Firefox', { timeout: 60_000 }, () => {
  it("the first slice: Firefox's error, Firefox's reason, and the console line Firefox printed", async () => {
    const { shown, firefoxSaid } = await sendPreset('first-request/simple-get-blocked');
    expect(shown.browserLine).toMatch(/^Explained as Firefox \d+ behaves/);
    expect(shown.jsError).toBe(NETWORK_ERROR);
    expect(shown.verdict).toContain(
      'CORSMissingAllowOrigin (as Firefox names it, at the response)',
    );
    expect(firefoxSaid[0]).toBeDefined();
    expect(shown.consoleLine).toBe(firefoxSaid[0]);
    expect(shown.agreement).toBe(AGREES);
    expect(shown.otherBrowser).toBeUndefined();
  });

  it("a preflight failure: Firefox's reason for the method, and its console line", async () => {
    const { shown, firefoxSaid } = await sendPreset('preflights/put-not-allowed');
    expect(shown.jsError).toBe(NETWORK_ERROR);
    expect(shown.verdict).toContain('CORSMethodNotFound (as Firefox names it, at the preflight)');
    // Firefox then adds "CORS request did not succeed" for the request it never sent.
    expect(shown.consoleLine).toBe(firefoxSaid[0]);
    expect(shown.agreement).toBe(AGREES);
  });

  it('the readable-headers table says what Firefox let JavaScript read', async () => {
    const { shown } = await sendPreset('reading-headers/expose-headers');
    expect(shown.headers).toEqual([
      ['Access-Control-Allow-Origin', '✗ hidden'],
      ['Access-Control-Expose-Headers', '✗ hidden'],
      ['Vary', '✗ hidden'],
      ['ETag', '✓ readable'],
      ['Link', '✓ readable'],
      ['X-RateLimit-Remaining', '✓ readable'],
      ['Content-Type', '✓ readable'],
      ['Content-Length', '✓ readable'],
    ]);
    expect(shown.agreement).toBe(AGREES);
  });
});
