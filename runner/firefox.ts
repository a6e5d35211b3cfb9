import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type BrowserContext, type Page } from 'puppeteer-core';
import { RUNNER_PAGE, type Playground } from '../mock-server/playground.ts';
import type { FirefoxReason } from '../src/cors/errors.ts';
import { parseFirefoxConsole } from '../src/cors/firefox-reasons.ts';
import { runFetch } from '../src/scenario/run-fetch.ts';
import { fetchInit } from '../src/scenario/request-draft.ts';
import { FirefoxLaunchError, FirefoxNotFoundError } from './browser-errors.ts';
import { recordsUrl, type BrowserDriver, type DriverPage, type RequestMarker } from './driver.ts';

/** Debian's Firefox ESR, then a Firefox of the system. */
export const SYSTEM_FIREFOX = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];

const HOW_TO_GET_ONE = [
  '  Debian/Ubuntu:  sudo apt-get install firefox-esr',
  '  or point FIREFOX_PATH at a Firefox executable (version 129 or later: WebDriver BiDi).',
].join('\n');

/**
 * The Firefox the runner drives: `FIREFOX_PATH`, else Debian's `/usr/bin/firefox-esr`, else
 * `/usr/bin/firefox`. A FIREFOX_PATH that does not exist is an error, not a fallback.
 */
export function resolveFirefox(
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
): string {
  const explicit = env.FIREFOX_PATH;
  if (explicit !== undefined && explicit !== '') {
    if (exists(explicit)) return explicit;
    throw new FirefoxNotFoundError(
      `FIREFOX_PATH is set to ${explicit}, but there is no file there. To get a Firefox:\n${HOW_TO_GET_ONE}`,
    );
  }
  const found = SYSTEM_FIREFOX.find((path) => exists(path));
  if (found !== undefined) return found;
  throw new FirefoxNotFoundError(`No Firefox found. To get one:\n${HOW_TO_GET_ONE}`);
}

/**
 * How long a rejected fetch waits for Firefox's console message: the parent process writes it
 * after the promise may have settled, and a network failure that is no CORS check writes none.
 */
const REASON_GRACE_MS = 250;

/**
 * Firefox's reason for each fetch, read from its console: "Cross-Origin Request Blocked: …
 * (Reason: …)" arrives as a WebDriver BiDi log entry of type `javascript`, which the driver
 * reports as a page error. A failed preflight writes its own reason, then "CORS request did
 * not succeed" for the request: the first one is the step's.
 */
class FirefoxRecorder {
  #records: (url: string) => boolean = () => false;
  #failed = false;
  #reasons: FirefoxReason[] = [];
  #waiters: (() => void)[] = [];

  constructor(page: Page) {
    page.on('pageerror', (error: unknown) => {
      const reason = parseFirefoxConsole(error instanceof Error ? error.message : String(error));
      if (reason === undefined || !this.#records(reason.url)) return;
      this.#reasons.push({ code: reason.code, param: reason.param });
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  begin(marker: RequestMarker): void {
    this.#records = recordsUrl(marker);
    this.#failed = false;
    this.#reasons = [];
    this.#waiters = [];
  }

  /**
   * The step's reason. A fetch that resolved was blocked by nothing: a message that comes then
   * is a late one about the step before (its steps share the session's URLs, and so the marker).
   */
  get reason(): FirefoxReason | undefined {
    return this.#failed ? this.#reasons[0] : undefined;
  }

  /** Waits for the reason of a fetch that rejected, or the grace period. */
  async settle(failed: boolean): Promise<void> {
    this.#failed = failed;
    if (!failed || this.#reasons.length > 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, REASON_GRACE_MS);
      this.#waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

async function openPage(context: BrowserContext, playground: Playground): Promise<DriverPage> {
  const page = await context.newPage();
  const recorder = new FirefoxRecorder(page);
  await page.goto(`${playground.origins.app}${RUNNER_PAGE}`);
  const origins = Object.values(playground.origins);
  return {
    async fetch(url, draft, marker) {
      recorder.begin(marker);
      const js = await page.evaluate(runFetch, { url, init: fetchInit(draft) });
      await recorder.settle(js.kind === 'rejected');
      return js;
    },
    account: () => ({ chromium: undefined, firefox: recorder.reason, requests: [] }),
    // Firefox's driver does not report what its network layer received: the target's log
    // alone tells what crossed the wire.
    wireContradictions: () => Promise.resolve([]),
    // Nor what it sent and received for a server of the user's (run.ts refuses those steps).
    browserWire: () => Promise.resolve(undefined),
    async reset() {
      await context.deleteCookie(...(await context.cookies()));
      // A cookie a cross-site target set lives in the page's partition (Firefox's Total
      // Cookie Protection), which the context's own list leaves out.
      const partitioned = await page.cookies(...origins);
      await page.deleteCookie(
        ...partitioned.map(({ name, domain, path }) => ({ name, domain, path })),
      );
    },
    close: () => context.close(),
  };
}

/**
 * Launches Firefox headless over WebDriver BiDi (puppeteer-core). One that does not start is a
 * FirefoxLaunchError with the driver's reason.
 */
export async function launchFirefox(env: NodeJS.ProcessEnv = process.env): Promise<Browser> {
  const executablePath = resolveFirefox(env);
  try {
    return await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath,
      headless: true,
    });
  } catch (error) {
    const [reason = ''] = (error as Error).message.split('\n');
    throw new FirefoxLaunchError(
      `Firefox at ${executablePath} did not start: ${reason}\nTo get a Firefox that runs:\n${HOW_TO_GET_ONE}`,
    );
  }
}

/** Launches Firefox (see launchFirefox) and drives it for the runner. */
export async function launchFirefoxDriver(
  env: NodeJS.ProcessEnv = process.env,
): Promise<BrowserDriver> {
  const browser = await launchFirefox(env);
  return {
    name: 'firefox',
    // The driver reports `firefox/153.8.0`.
    version: (await browser.version()).replace(/^firefox\//, ''),
    open: async (playground, pageUrl) => {
      if (pageUrl !== undefined) throw new Error('the Firefox driver serves no page origin');
      return openPage(await browser.createBrowserContext(), playground);
    },
    close: () => browser.close(),
  };
}
