import type { Browser } from '@playwright/test';
import { startPlayground, type Playground } from '../mock-server/playground.ts';
import { launchChromium } from './chromium.ts';
import { openRunnerPage, playScenario, type RunnerPage, type ScenarioResult } from './play.ts';
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
  /** Use this browser instead of launching one. */
  browser?: Browser;
}

/**
 * Plays scenarios in headless Chromium against an in-process playground and returns, in
 * input order, the model's verdict, what the browser did and Chromium's own reason.
 */
export async function runScenarios(
  scenarios: readonly LoadedScenario[],
  options: RunOptions = {},
): Promise<ScenarioResult[]> {
  // The browser first: when there is none, or it does not start, nothing else has been
  // started (a playground left listening would keep the process alive).
  const browser = options.browser ?? (await launchChromium());
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
    return await playAll(scenarios, browser, playground, options);
  } finally {
    if (options.browser === undefined) await browser.close();
    if (options.playground === undefined) await playground?.close();
  }
}

async function playAll(
  scenarios: readonly LoadedScenario[],
  browser: Browser,
  playground: Playground,
  options: RunOptions,
): Promise<ScenarioResult[]> {
  const isolation = options.isolation ?? 'reuse';
  const results: ScenarioResult[] = new Array<ScenarioResult>(scenarios.length);
  let next = 0;
  let told = 0;

  const worker = async (): Promise<void> => {
    let runner: RunnerPage | undefined;
    try {
      for (let index = next++; index < scenarios.length; index = next++) {
        const loaded = scenarios[index] as LoadedScenario;
        if (runner === undefined || isolation === 'fresh') {
          await runner?.context.close();
          runner = await openRunnerPage(await browser.newContext(), playground);
        } else {
          // No cookies from the scenario before. The page itself keeps no state between
          // fetches, and Chromium reports every CORS failure again in the same document
          // (DevTools issues included), so it is not reloaded.
          await runner.context.clearCookies();
        }
        results[index] = await playScenario(runner, playground, loaded);
        for (let result = results[told]; result !== undefined; result = results[told]) {
          told += 1;
          options.onResult?.(result, told, scenarios.length);
        }
      }
    } finally {
      await runner?.context.close();
    }
  };

  const workers = Math.max(1, Math.min(options.concurrency ?? 4, scenarios.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
