import { startPlayground, type Playground } from '../mock-server/playground.ts';
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
  /** Play in this browser instead of launching one. */
  driver?: BrowserDriver;
}

/** Launches `name` through its driver, loading only that driver. */
export async function launchDriver(name: BrowserName): Promise<BrowserDriver> {
  if (name === 'firefox') {
    const { launchFirefoxDriver } = await import('./firefox.ts');
    return launchFirefoxDriver();
  }
  const [{ launchChromium }, { chromiumDriver }] = await Promise.all([
    import('./chromium.ts'),
    import('./chromium-driver.ts'),
  ]);
  return chromiumDriver(await launchChromium(), true);
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
  const driver = options.driver ?? (await launchDriver(options.browser ?? 'chromium'));
  let playground: Playground | undefined;
  try {
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
    return await playAll(scenarios, driver, playground, options);
  } finally {
    if (options.driver === undefined) await driver.close();
    if (options.playground === undefined) await playground?.close();
  }
}

async function playAll(
  scenarios: readonly LoadedScenario[],
  driver: BrowserDriver,
  playground: Playground,
  options: RunOptions,
): Promise<ScenarioResult[]> {
  const isolation = options.isolation ?? 'reuse';
  const results: ScenarioResult[] = new Array<ScenarioResult>(scenarios.length);
  let next = 0;
  let told = 0;

  const worker = async (): Promise<void> => {
    let runner: DriverPage | undefined;
    try {
      for (let index = next++; index < scenarios.length; index = next++) {
        const loaded = scenarios[index] as LoadedScenario;
        if (runner === undefined || isolation === 'fresh') {
          await runner?.close();
          runner = await driver.open(playground);
        } else {
          // No cookies from the scenario before.
          await runner.reset();
        }
        results[index] = await playScenario(runner, driver.name, playground, loaded);
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
