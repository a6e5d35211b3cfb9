// The main UI flows in Firefox (firefox-esr over WebDriver BiDi, through the runner's driver):
// the page explains what Firefox did in Firefox's own words, and the console line it shows is
// the one Firefox printed. Run by `npm run test:firefox` (vitest.firefox.config.ts); Playwright
// cannot drive Debian's Firefox, so these are not Playwright specs.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../mock-server/build.ts';
import { startPlayground, type Playground } from '../../mock-server/playground.ts';
import { createStaticHandler } from '../../mock-server/static-files.ts';
import { launchFirefox } from '../../runner/firefox.ts';
import { makeShareLink } from '../../src/lib/share-link.ts';
import { parseScenario } from '../../src/scenario/scenario.ts';
import { stateOf } from '../../src/scenario/scenario-file.ts';

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

/** The share link's fragment for a scenario file's first step, as Copy share link makes it. */
async function shareFragment(file: string): Promise<string> {
  const parsed = parseScenario(JSON.parse(await readFile(`${ROOT}${file}`, 'utf8')));
  if (!parsed.ok) throw new Error(`${file} is not a valid scenario`);
  const link = await makeShareLink(stateOf(parsed.value));
  if (!link.ok) throw new Error(link.problem.message);
  return link.fragment;
}

/**
 * Opens a preset (`#preset=…`) or a share link in a fresh Firefox context, waits until its
 * request to `path` is drafted, sends it, and collects Firefox's CORS lines.
 */
async function sendOpened(
  fragment: string,
  path: string,
): Promise<{ shown: Shown; firefoxSaid: string[] }> {
  const context = await firefox.createBrowserContext();
  try {
    const page = await context.newPage();
    const firefoxSaid: string[] = [];
    // Firefox's CORS messages arrive as BiDi log entries of type `javascript` (page errors).
    page.on('pageerror', (error: unknown) => {
      const text = error instanceof Error ? error.message : String(error);
      if (text.startsWith(FIREFOX_BLOCKED)) firefoxSaid.push(text);
    });
    await page.goto(`${playground.origins.app}/${fragment}`);
    // Loaded once the fetch() Send will run is the scenario's, in its own new session (the
    // page starts one of its own first, then replaces it).
    await page.waitForFunction(
      (expectedPath: string) => {
        const code = document.querySelector('[aria-label="Code to run"]')?.textContent ?? '';
        const session = sessionStorage.getItem('cors-playground.session') ?? '';
        const opened =
          document.querySelector('article h3') !== null ||
          document.querySelector('[aria-label="Shared scenario"]') !== null;
        const send = [...document.querySelectorAll('button')].find(
          (button) => button.textContent === 'Send',
        );
        return (
          opened &&
          session !== '' &&
          code.includes(`/s/${session}/`) &&
          code.includes(expectedPath) &&
          send?.disabled === false
        );
      },
      { timeout: 15_000 },
      path,
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
    const { shown, firefoxSaid } = await sendOpened(
      '#preset=first-request/simple-get-blocked',
      '/api/products',
    );
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
    const { shown, firefoxSaid } = await sendOpened(
      '#preset=preflights/put-not-allowed',
      '/api/todos/7',
    );
    expect(shown.jsError).toBe(NETWORK_ERROR);
    expect(shown.verdict).toContain('CORSMethodNotFound (as Firefox names it, at the preflight)');
    // Firefox then adds "CORS request did not succeed" for the request it never sent.
    expect(shown.consoleLine).toBe(firefoxSaid[0]);
    expect(shown.agreement).toBe(AGREES);
  });

  it('where Chromium would differ, the verdict says so: a page-set User-Agent', async () => {
    const { shown } = await sendOpened(
      await shareFragment('e2e/scenarios/forbidden-headers/user-agent-header.scenario.json'),
      '/api/data',
    );
    expect(shown.agreement).toBe(AGREES);
    expect(shown.otherBrowser).toMatch(
      /^Chromium would send no preflight to \S+, where Firefox needs one: user-agent is not a CORS-safelisted request header\. Chromium drops User-Agent without an error/,
    );
  });

  it('the readable-headers table says what Firefox let JavaScript read', async () => {
    const { shown } = await sendOpened('#preset=reading-headers/expose-headers', '/api/repos');
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
