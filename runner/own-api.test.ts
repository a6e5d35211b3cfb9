import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioResult } from './play.ts';
import { EXIT, tally } from './run-outcome.ts';
import { runScenarios } from './run.ts';
import type { LoadedScenario } from './scenario-files.ts';
import { checkScenarioText } from './scenario-lint.ts';
import {
  startExpress,
  startFastify,
  startHono,
  startMistakes,
  type RunningServer,
} from './own-api/servers.ts';

// The runner against real servers of the kinds people bring (issue: "test your own API"):
// each scenario in own-api/ names its server's URL as {{api}}, filled in here with the port the
// server got. Every scenario must agree with Chromium and meet its expectations, from http and
// https page origins the runner serves inside the browser.

const FOLDER = join(import.meta.dirname, 'own-api');
const TEMPLATE = '.scenario.template.json';

const STARTERS = {
  express: startExpress,
  fastify: startFastify,
  hono: startHono,
  mistake: startMistakes,
  mixed: startExpress,
} as const;
type ServerName = keyof typeof STARTERS;

const servers = new Map<ServerName, RunningServer>();

beforeAll(async () => {
  for (const name of Object.keys(STARTERS) as ServerName[]) {
    servers.set(name, await STARTERS[name]());
  }
});
afterAll(async () => {
  await Promise.all([...servers.values()].map((server) => server.close()));
});

function loaded(id: string, text: string): LoadedScenario {
  const checked = checkScenarioText(text);
  if (!checked.ok) throw new Error(`${id}: ${JSON.stringify(checked.problems)}`);
  return { id, file: id, scenario: checked.scenario };
}

async function templates(): Promise<LoadedScenario[]> {
  const names = (await readdir(FOLDER)).filter((name) => name.endsWith(TEMPLATE)).sort();
  return Promise.all(
    names.map(async (name) => {
      const server = servers.get(name.split('-')[0] as ServerName);
      if (server === undefined) throw new Error(`${name}: no server for its prefix`);
      const text = await readFile(join(FOLDER, name), 'utf8');
      return loaded(name.slice(0, -TEMPLATE.length), text.replaceAll('{{api}}', server.origin));
    }),
  );
}

/** What failed in a result, in a line per step, or nothing. */
const failures = (result: ScenarioResult): string[] =>
  result.steps.flatMap((step, index) =>
    [...step.differences, ...step.unmet].map((text) => `${result.id} step ${index + 1}: ${text}`),
  );

/** A loopback port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the runner against servers of your own', () => {
  it('agrees with Chromium on Express, Fastify, Hono and a node:http server with the classic mistakes', async () => {
    const scenarios = await templates();
    expect(scenarios.length).toBeGreaterThanOrEqual(13);
    const results = await runScenarios(scenarios, { concurrency: 4 });
    expect(results.flatMap(failures)).toEqual([]);
    // The wire came from the browser: the preflight and the request as Chromium sent them.
    const put = results.find((result) => result.id === 'express-https-page')?.steps[1];
    expect(put?.log.map((entry) => [entry.request.method, entry.response.status])).toEqual([
      ['OPTIONS', 204],
      ['PUT', 200],
    ]);
    expect(put?.log[0]?.request.headers).toContainEqual(['Origin', 'https://app.example.com']);
  }, 60_000);

  it("plays the example in docs/scenarios.md against Express, on Express's port", async () => {
    const doc = await readFile(new URL('../docs/scenarios.md', import.meta.url), 'utf8');
    const [, example = ''] = /### Your own API[\s\S]*?```jsonc\n([\s\S]*?)```/.exec(doc) ?? [];
    const origin = servers.get('express')?.origin ?? '';
    const [result] = await runScenarios([
      loaded('docs', example.replaceAll('http://localhost:3000', origin)),
    ]);
    expect(result && failures(result)).toEqual([]);
  }, 30_000);

  it('with --browser all, plays a scenario of your own in Chromium and says it skipped Firefox', async () => {
    const work = await mkdtemp(join(tmpdir(), 'own-api-all-'));
    try {
      const file = join(work, 'own.scenario.json');
      const origin = servers.get('express')?.origin ?? '';
      const text = await readFile(join(FOLDER, `express-http-page${TEMPLATE}`), 'utf8');
      await writeFile(file, text.replaceAll('{{api}}', origin));
      const command = new URL('../bin/cors-playground.js', import.meta.url).pathname;
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [
        command,
        'run',
        '--browser',
        'all',
        file,
      ]);
      expect(stderr).toContain(
        'Not played in firefox: 1 scenario(s) with a `url` or a `page.origin`',
      );
      expect(stdout).toMatch(/^\[chromium\] ok +own /m);
      expect(stdout).not.toContain('[firefox]');
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }, 30_000);

  it('tells a server that is not there apart from a CORS error, and exits with 3', async () => {
    const port = await closedPort();
    const step = (expect: object) =>
      JSON.stringify({
        version: 1,
        title: 'down',
        page: { origin: 'https://app.example.com' },
        steps: [{ request: { url: `http://localhost:${port}/api/items` }, expect }],
      });
    const results = await runScenarios([
      loaded('expects-allowed', step({ outcome: 'allowed' })),
      loaded('expects-network-error', step({ outcome: 'network-error' })),
    ]);
    const [down, expected] = results;
    expect(down?.steps[0]).toMatchObject({
      unreachable: 'net::ERR_CONNECTION_REFUSED',
      chromium: null,
      differences: [],
    });
    expect(down?.unreachable).toBe(true);
    // A step that expects the failure passes: the server being down is what it pins.
    expect(expected).toMatchObject({ passed: true, agree: true, unreachable: false });
    expect(tally(results, 0).exitCode).toBe(EXIT.environment);
  }, 30_000);
});
