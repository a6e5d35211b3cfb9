import { UsageError } from '../mock-server/cli-error.ts';
import { startPlayground, type Playground } from '../mock-server/playground.ts';
import { isUrlDraft } from '../src/scenario/request-draft.ts';
import { loadDriver } from './browser-errors.ts';
import { servePageOrigins, type PageOrigins } from './page-origins.ts';
import type { BrowserName } from '../src/cors/browser.ts';
import type { BrowserDriver, DriverPage } from './driver.ts';
import { playScenario, type ScenarioResult } from './play.ts';
import type { LoadedScenario } from './scenario-files.ts';

export interface RunOptions {
  /** How many browser contexts play scenarios side by side. */
  concurrency?: number;
  /**
   * `reuse` (default) keeps each context and page and clears cookies between scenarios;
   * `fresh` gives every scenario a new context. Each scenario has its own session, so its
   * URLs are its own: no preflight or HTTP cache entry can carry over either way. A test
   * (runner/isolation.test.ts) shows both give the same verdicts.
   */
  isolation?: 'reuse' | 'fresh';
  /**
   * Told of each result in input order, as soon as it and every one before it are in: e.g.
   * for a report that streams, or a progress line.
   */
  onResult?: (result: ScenarioResult, done: number, total: number) => void;
  /** Use this playground instead of starting one on free ports. */
  playground?: Playground;
  /** The browser to launch (default `chromium`). */
  browser?: BrowserName;
  /**
   * Play in this browser instead of launching one. Scenarios with a `page.origin` still play
   * in a Chromium the run launches, with the flags that serve their page there.
   */
  driver?: BrowserDriver;
}

/** Launches `name` through its driver, loading only that driver. */
export async function launchDriver(name: BrowserName): Promise<BrowserDriver> {
  if (name === 'firefox') {
    const { launchFirefoxDriver } = await loadDriver(
      'Firefox',
      'puppeteer-core',
      () => import('./firefox.ts'),
    );
    return launchFirefoxDriver();
  }
  return launchChromiumDriver([]);
}

/** Launches Chromium with `args` after the usual flags, loading only its driver. */
async function launchChromiumDriver(args: readonly string[]): Promise<BrowserDriver> {
  const [{ launchChromium }, { chromiumDriver }] = await Promise.all([
    import('./chromium.ts'),
    import('./chromium-driver.ts'),
  ]);
  return chromiumDriver(await launchChromium({}, args), true);
}

/**
 * Plays scenarios in a headless browser (Chromium unless told) against an in-process playground and returns, in
 * input order, the model's verdict, what the browser did and Chromium's own reason.
 */
export async function runScenarios(
  scenarios: readonly LoadedScenario[],
  options: RunOptions = {},
): Promise<ScenarioResult[]> {
  // The browser first: when there is none, or it does not start, nothing else has been
  // started (a playground left listening would keep the process alive).
  const browserName = options.driver?.name ?? options.browser ?? 'chromium';
  const needOwnUrl = scenarios.filter(needsOwnContext);
  if (browserName !== 'chromium' && needOwnUrl.length > 0) {
    throw new UsageError(
      `${needOwnUrl.map((loaded) => loaded.file).join(', ')}: a \`url\` or a \`page.origin\` plays in Chromium only, whose DevTools tell the wire of a server of your own; run these without --browser ${browserName}.`,
    );
  }
  const driver = options.driver ?? (await launchDriver(browserName));
  let playground: Playground | undefined;
  let pages: PageOrigins | undefined;
  let pageDriver: BrowserDriver | undefined;
  try {
    const pageOrigins = scenarios.flatMap(({ scenario }) => scenario.page?.origin ?? []);
    if (pageOrigins.length > 0) {
      pages = await servePageOrigins(pageOrigins);
      pageDriver = await launchChromiumDriver(pages.chromiumArgs);
    }
    playground =
      options.playground ??
      (await startPlayground({
        ports: { app: 0, target: 0, second: 0 },
        // No UI here: the runner's page is the playground's own blank page.
        app: (_request, response) => {
          response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
          response.end('The runner serves no UI.\n');
        },
      }));
    return await playAll(scenarios, { driver, pageDriver, pages }, playground, options);
  } finally {
    await pageDriver?.close();
    await pages?.close();
    if (options.driver === undefined) await driver.close();
    if (options.playground === undefined) await playground?.close();
  }
}

/** The drivers of a run: the main one, and the Chromium that reaches the scenarios' page origins. */
interface Drivers {
  driver: BrowserDriver;
  pageDriver: BrowserDriver | undefined;
  pages: PageOrigins | undefined;
}

/**
 * Whether a scenario plays in a context of its own: its page is at an origin of its own, or it
 * sends to URLs that other scenarios may send to too (the HTTP cache is per context; the
 * playground's URLs are per session, so they never meet).
 */
export const needsOwnContext = ({ scenario }: LoadedScenario): boolean =>
  scenario.page !== undefined || scenario.steps.some((step) => isUrlDraft(step.request));

/** Plays one scenario in a new context, in the browser that reaches its page origin. */
async function playAlone(
  loaded: LoadedScenario,
  { driver, pageDriver, pages }: Drivers,
  playground: Playground,
): Promise<ScenarioResult> {
  const origin = loaded.scenario.page?.origin;
  const playing = origin === undefined ? driver : pageDriver;
  const pageUrl = origin === undefined ? undefined : pages?.pageUrl(origin);
  if (playing === undefined || (origin !== undefined && pageUrl === undefined)) {
    throw new Error(`no browser serves the page origin ${origin ?? ''}`);
  }
  const runner = await playing.open(playground, pageUrl);
  try {
    return await playScenario(runner, playing.name, playground, loaded);
  } finally {
    await runner.close();
  }
}

async function playAll(
  scenarios: readonly LoadedScenario[],
  drivers: Drivers,
  playground: Playground,
  options: RunOptions,
): Promise<ScenarioResult[]> {
  const { driver } = drivers;
  const isolation = options.isolation ?? 'reuse';
  const results: ScenarioResult[] = new Array<ScenarioResult>(scenarios.length);
  let next = 0;
  let told = 0;

  const worker = async (): Promise<void> => {
    let runner: DriverPage | undefined;
    const playShared = async (loaded: LoadedScenario): Promise<ScenarioResult> => {
      if (runner === undefined || isolation === 'fresh') {
        await runner?.close();
        runner = await driver.open(playground);
      } else {
        // No cookies from the scenario before.
        await runner.reset();
      }
      return playScenario(runner, driver.name, playground, loaded);
    };
    try {
      for (let index = next++; index < scenarios.length; index = next++) {
        const loaded = scenarios[index] as LoadedScenario;
        results[index] = needsOwnContext(loaded)
          ? await playAlone(loaded, drivers, playground)
          : await playShared(loaded);
        for (let result = results[told]; result !== undefined; result = results[told]) {
          told += 1;
          options.onResult?.(result, told, scenarios.length);
        }
      }
    } finally {
      await runner?.close();
    }
  };

  const workers = Math.max(1, Math.min(options.concurrency ?? 4, scenarios.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
