import { describe, expect, it } from 'vitest';
import { runScenarios } from './run.ts';
import { loadScenarioFiles } from './scenario-files.ts';
import type { ScenarioResult } from './play.ts';

// The runner's speed comes from reusing browser contexts and pages. This plays the
// scenarios most sensitive to leftover state (cookies, the preflight cache, credentials,
// redirects) both ways, and requires the same verdicts, browser outcomes and reasons.
const SENSITIVE = ['cookies', 'preflight-cache', 'credentials', 'redirects'].map(
  (topic) => `e2e/scenarios/${topic}`,
);

function essence(result: ScenarioResult) {
  return result.steps.map((step) => ({
    model: step.model,
    js:
      step.browser.js.kind === 'resolved'
        ? [step.browser.js.status, step.browser.js.type]
        : step.browser.js.message,
    chromium: step.chromium,
    // What reached the server, with any cookie the browser sent along.
    received: step.log.map(({ request, response }) => [
      request.method,
      response.status,
      request.headers.find(([name]) => name.toLowerCase() === 'cookie')?.[1] ?? 'no cookie',
    ]),
  }));
}

describe('reusing contexts', () => {
  it('gives the same results as a fresh context per scenario', async () => {
    const { scenarios, errors } = await loadScenarioFiles(SENSITIVE);
    expect(errors).toEqual([]);
    // Waits test the clock, not isolation, and would only slow this down.
    const quick = scenarios.filter((loaded) =>
      loaded.scenario.steps.every((step) => step.waitMs === 0),
    );
    expect(quick.length).toBeGreaterThanOrEqual(30);
    const reused = await runScenarios(quick, { isolation: 'reuse', concurrency: 4 });
    const fresh = await runScenarios(quick, { isolation: 'fresh', concurrency: 2 });
    expect(reused.map(essence)).toEqual(fresh.map(essence));
  }, 240_000);
});
