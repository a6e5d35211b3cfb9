import type { Browser, BrowserContext, Page } from '@playwright/test';
import { RUNNER_PAGE, type Playground } from '../mock-server/playground.ts';
import { runFetch } from '../src/scenario/run-fetch.ts';
import type { JsOutcome } from '../src/scenario/js-outcome.ts';
import { fetchInit, type RequestDraft } from '../src/scenario/request-draft.ts';
import { ChromiumRecorder } from './chromium-recorder.ts';
import type { BrowserDriver, DriverPage, ReceivedResponses, RequestMarker } from './driver.ts';

/** A page ready to play scenarios: on the app origin, with Chromium's reasons recorded. */
export interface RunnerPage {
  context: BrowserContext;
  page: Page;
  recorder: ChromiumRecorder;
}

/**
 * Opens the runner's blank page: on the playground's app origin, or at `pageUrl` (a page
 * origin of a scenario's, served by runner/page-origins.ts).
 */
export async function openRunnerPage(
  context: BrowserContext,
  playground: Playground,
  pageUrl = `${playground.origins.app}${RUNNER_PAGE}`,
): Promise<RunnerPage> {
  const page = await context.newPage();
  const recorder = await ChromiumRecorder.attach(page);
  await page.goto(pageUrl);
  return { context, page, recorder };
}

/**
 * Runs one draft's fetch() at `url` on the runner's page and waits for Chromium's account of
 * it (`runner.recorder`), recording only requests whose URL holds `marker`. The URL may be
 * any origin's: the exporters' round-trip tests point it at servers outside the playground,
 * where there is no target log and only the browser's account is compared.
 */
export async function fetchOnPage(
  runner: RunnerPage,
  url: string,
  draft: RequestDraft,
  marker: RequestMarker,
): Promise<JsOutcome> {
  runner.recorder.begin(marker);
  const js = await runner.page.evaluate(runFetch, { url, init: fetchInit(draft) });
  await runner.recorder.settle(js.kind === 'rejected');
  return js;
}

/**
 * Where the facts, read from the target's log, contradict what Chromium's network service
 * sent and received for the same fetch (the DevTools Protocol's ExtraInfo events).
 */
function networkContradictions(expected: ReceivedResponses, received: ReceivedResponses): string[] {
  const found: string[] = [];
  if (expected.preflights !== received.preflights) {
    found.push(
      `preflight responses: the target's log makes ${expected.preflights}, Chromium received ${received.preflights}`,
    );
  }
  if (expected.requests !== received.requests) {
    found.push(
      `request responses: the target's log makes ${expected.requests}, Chromium received ${received.requests}`,
    );
  }
  if (expected.cookie !== received.cookie) {
    found.push(
      `cookie: the target's log shows ${expected.cookie ? 'a' : 'no'} Cookie line, Chromium sent ${received.cookie ? 'one' : 'none'}`,
    );
  }
  return found;
}

/** Chromium as the runner drives it: Playwright, with DevTools for its reasons. */
export function chromiumDriver(browser: Browser, owned: boolean): BrowserDriver {
  return {
    name: 'chromium',
    version: browser.version(),
    async open(playground, pageUrl): Promise<DriverPage> {
      const runner = await openRunnerPage(await browser.newContext(), playground, pageUrl);
      return {
        fetch: (url, draft, marker) => fetchOnPage(runner, url, draft, marker),
        account: () => ({
          chromium: runner.recorder.reason,
          firefox: undefined,
          requests: runner.recorder.requests,
        }),
        async browserWire() {
          await runner.recorder.wireSettled();
          return {
            log: runner.recorder.wire(),
            usedHttpCache: runner.recorder.usedHttpCache,
            unreachable: runner.recorder.unreachable,
          };
        },
        async wireContradictions(expected) {
          await runner.recorder.responsesReach(expected);
          return networkContradictions(expected, runner.recorder.responses);
        },
        // The page itself keeps no state between fetches, and Chromium reports every CORS
        // failure again in the same document (DevTools issues included), so it is not reloaded.
        reset: () => runner.context.clearCookies(),
        close: () => runner.context.close(),
      };
    },
    close: async () => {
      if (owned) await browser.close();
    },
  };
}
