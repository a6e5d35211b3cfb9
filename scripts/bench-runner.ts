// Scenarios per second: the runner as it runs (contexts and pages reused, several side by
// side) against the naive loop (a new context per scenario, one at a time), on the same
// scenarios, with the same browser and playground, in one run. Run with
// `npm run bench:runner [-- --browser chromium|firefox --sample N --concurrency C --rounds R]`.
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { startPlayground } from '../mock-server/playground.ts';
import { resolveChromium } from '../runner/chromium.ts';
import { resolveFirefox } from '../runner/firefox.ts';
import { launchDriver, runScenarios } from '../runner/run.ts';
import { loadScenarioFiles, type LoadedScenario } from '../runner/scenario-files.ts';

const { values } = parseArgs({
  options: {
    sample: { type: 'string', default: '60' },
    concurrency: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '3' },
    browser: { type: 'string', default: 'chromium' },
  },
});
if (values.browser !== 'chromium' && values.browser !== 'firefox') {
  throw new Error(`--browser must be chromium or firefox, got "${values.browser}"`);
}
const browserName = values.browser;
const sampleSize = Number(values.sample);
const concurrency = Number(values.concurrency);
const rounds = Number(values.rounds);

const { scenarios } = await loadScenarioFiles(['e2e/scenarios']);
// Waits measure the clock, not the runner: leave them out. Spread the sample over the suite.
const quick = scenarios.filter((loaded) =>
  loaded.scenario.steps.every((step) => step.waitMs === 0),
);
const stride = Math.max(1, Math.floor(quick.length / sampleSize));
const sample = quick.filter((_, index) => index % stride === 0).slice(0, sampleSize);

const executablePath = browserName === 'firefox' ? resolveFirefox() : resolveChromium();
const driver = await launchDriver(browserName);
const playground = await startPlayground({
  ports: { app: 0, target: 0, second: 0 },
  app: (_request, response) => {
    response.writeHead(404).end();
  },
});

async function rate(
  list: LoadedScenario[],
  isolation: 'reuse' | 'fresh',
  workers: number,
): Promise<number> {
  const started = performance.now();
  const results = await runScenarios(list, {
    driver,
    playground,
    isolation,
    concurrency: workers,
  });
  const seconds = (performance.now() - started) / 1000;
  const disagreeing = results.filter((result) => !result.agree).length;
  if (disagreeing > 0) console.warn(`  (${disagreeing} of ${list.length} disagreed in this pass)`);
  return list.length / seconds;
}

const median = (list: number[]): number =>
  [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0;

try {
  console.log(`${browserName}: ${executablePath}; ${cpus().length} cores; Node ${process.version}`);
  console.log(
    `Sample: ${sample.length} of ${scenarios.length} scenarios; ${rounds} interleaved rounds\n`,
  );
  await rate(sample.slice(0, 8), 'reuse', concurrency); // warm up the browser and the JIT
  const fast: number[] = [];
  const naive: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    fast.push(await rate(sample, 'reuse', concurrency));
    naive.push(await rate(sample, 'fresh', 1));
    console.log(
      `round ${round + 1}: runner ${fast.at(-1)?.toFixed(1)}/s, naive ${naive.at(-1)?.toFixed(2)}/s`,
    );
  }
  const full = await rate(scenarios, 'reuse', concurrency);
  const ratio = median(fast) / median(naive);
  console.log(`
                       scenarios/s (median)
runner (reuse, ${concurrency} contexts)   ${median(fast).toFixed(1)}
naive (fresh context, 1)    ${median(naive).toFixed(2)}
ratio                       ${ratio.toFixed(1)}x
runner, whole suite         ${full.toFixed(1)} (${scenarios.length} scenarios, waits included)

targets: >= 10 scenarios/s ${median(fast) >= 10 ? 'met' : 'NOT met'}; >= 7x the naive loop ${ratio >= 7 ? 'met' : 'NOT met'}`);
} finally {
  await driver.close();
  await playground.close();
}
