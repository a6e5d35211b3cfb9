import { isUrlDraft } from '../src/scenario/request-draft.ts';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlayground, type Playground } from '../mock-server/playground.ts';
import { freePort } from '../mock-server/testing.ts';
import type { ChromiumReason } from '../src/scenario/agreement.ts';
import { EXPORTERS, type ExportTarget } from '../src/scenario/exporters/exporters.ts';
import type { JsOutcome } from '../src/scenario/js-outcome.ts';
import type { ServerConfig } from '../src/scenario/server-config.ts';
import { launchChromium } from './chromium.ts';
import type { ChromiumRequest } from './driver.ts';
import { chromiumDriver, fetchOnPage, openRunnerPage } from './chromium-driver.ts';
import type { ScenarioResult } from './play.ts';
import { runScenarios } from './run.ts';
import { loadScenarioFiles, type LoadedScenario } from './scenario-files.ts';

// Round trip: every preset (presets/) an exporter can express, and the minimal responses, is played in Chromium against
// the playground's own target and against the server the exporter wrote, and the browser must
// come to the same verdict on each step: fetch()'s outcome and status, Chromium's failing
// check, the headers JavaScript can read, and whether a preflight went out. The generated
// Express, Fastify, Hono and node:http servers run in this process; nginx, Apache and
// Caddy are Debian's (.ci/run installs them), started with the exported config for each preset and
// stopped after it. Loopback only.

/** What the browser alone tells of one fetch, whatever server answered it. */
interface BrowserVerdict {
  js: string;
  chromium: ChromiumReason | undefined;
  readable: string[];
  preflight: boolean;
}

/** Headers any server adds of itself (the target adds none of them): not the config's. */
const SERVERS_OWN = new Set(['connection', 'date', 'keep-alive', 'server', 'transfer-encoding']);

function browserVerdict(
  js: JsOutcome,
  chromium: ChromiumReason | undefined,
  requests: readonly ChromiumRequest[],
  /** The server's origin, which a value built from `{{target}}` holds. */
  server: string,
): BrowserVerdict {
  return {
    js: js.kind === 'resolved' ? `${js.status} ${js.type}` : `${js.name}: ${js.message}`,
    chromium: chromium && {
      ...chromium,
      failedParameter: chromium.failedParameter.replaceAll(server, '{{target}}'),
    },
    readable:
      js.kind === 'resolved'
        ? [...new Set(js.headers.map(([name]) => name.toLowerCase()))]
            .filter((name) => !SERVERS_OWN.has(name))
            .sort()
        : [],
    preflight: requests.some((request) => request.preflight),
  };
}

async function untilListening(port: number, child: ChildProcess, output: () => string) {
  for (let tries = 0; tries < 200; tries += 1) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${output()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`the server never listened on ${port}: ${output()}`);
}

/** A running exported server, and how to stop it. */
type Started = () => Promise<void>;

type Starter = (code: string, port: number, dir: string) => Promise<Started>;

let imported = 0;

/** Imports the generated module, which listens on PORT and HOST as it loads. */
const inProcess: Starter = async (code, port, dir) => {
  // A file of its own each time: a port may come round again, and import() caches by URL.
  imported += 1;
  const file = join(dir, `server-${imported}.mjs`);
  await writeFile(file, code);
  process.env.PORT = String(port);
  process.env.HOST = '127.0.0.1';
  const { server } = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as {
    server: Server;
  };
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  return async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
};

/** Runs `command` with the exported config written to `file`, as a child of this process. */
function child(
  file: string,
  wrap: (path: string, dir: string) => string,
  args: (dir: string) => string[],
  command: string,
): Starter {
  return async (code, port, dir) => {
    const own = await mkdtemp(join(dir, `${command}-`));
    await writeFile(join(own, 'exported'), code);
    await writeFile(join(own, file), wrap(join(own, 'exported'), own));
    const process_ = spawn(command, args(own), {
      env: { ...process.env, HOME: own, XDG_DATA_HOME: own, XDG_CONFIG_HOME: own },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    process_.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    process_.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await untilListening(port, process_, () => output);
    return async () => {
      if (process_.exitCode !== null || process_.signalCode !== null) return;
      const exited = new Promise((resolve) => process_.once('exit', resolve));
      process_.kill('SIGTERM');
      await exited;
    };
  };
}

// nginx in the foreground, one process, with every path it writes in its own directory.
const nginx = child(
  'nginx.conf',
  (exported, dir) =>
    [
      'daemon off;',
      'master_process off;',
      `pid ${dir}/nginx.pid;`,
      'error_log stderr;',
      'events {}',
      'http {',
      '  access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
        (kind) => `  ${kind}_temp_path ${dir}/${kind};`,
      ),
      `  include ${exported};`,
      '}',
    ].join('\n'),
  (dir) => ['-p', dir, '-c', join(dir, 'nginx.conf')],
  'nginx',
);

// Apache in the foreground, with only the modules the exported site needs.
const apache = child(
  'httpd.conf',
  (exported, dir) =>
    [
      `ServerRoot ${dir}`,
      'ServerName localhost',
      `PidFile ${dir}/httpd.pid`,
      // Not /dev/stderr, which Apache cannot open when it is a pipe.
      `ErrorLog ${dir}/error.log`,
      // Root must hand the workers to a user of their own; anyone else runs them as itself.
      ...(process.getuid?.() === 0 ? ['User nobody', 'Group nogroup'] : []),
      ...['mpm_event', 'authz_core', 'headers', 'rewrite'].map(
        (module) => `LoadModule ${module}_module /usr/lib/apache2/modules/mod_${module}.so`,
      ),
      `Include ${exported}`,
    ].join('\n'),
  (dir) => ['-f', join(dir, 'httpd.conf'), '-DFOREGROUND'],
  'apache2',
);

// Caddy reads the exported Caddyfile as it is.
const caddy = child(
  'Caddyfile',
  (exported) => `import ${exported}\n`,
  (dir) => ['run', '--adapter', 'caddyfile', '--config', join(dir, 'Caddyfile')],
  'caddy',
);

const STARTERS: Record<ExportTarget, { start: Starter; command?: string }> = {
  express: { start: inProcess },
  fastify: { start: inProcess },
  hono: { start: inProcess },
  node: { start: inProcess },
  nginx: { start: nginx, command: 'nginx' },
  apache: { start: apache, command: 'apache2' },
  caddy: { start: caddy, command: 'caddy' },
};

const installed = (command: string): boolean =>
  spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

/** Why a preset is out of a round trip outside the playground, if it is. */
function outOfReach(loaded: LoadedScenario): string | undefined {
  const { steps } = loaded.scenario;
  if (steps.some((step) => step.server !== undefined)) return 'changes the server between steps';
  if (steps.some((step) => step.waitMs > 0)) return 'waits (kept out to stay fast)';
  const targets = new Set(
    steps.map((step) => (isUrlDraft(step.request) ? 'url' : step.request.target)),
  );
  if (targets.has('url')) return 'sends to a URL of its own';
  if (targets.has('second') || targets.has('sameOrigin'))
    return "uses the playground's own origins";
  if (targets.size > 1) return 'sends to two sites';
  return undefined;
}

describe('exported servers give the browser the same verdicts as the playground', () => {
  let browser: Browser;
  let playground: Playground;
  let dir: string;
  let presets: LoadedScenario[];
  let reference: ScenarioResult[];

  beforeAll(async () => {
    browser = await launchChromium();
    playground = await startPlayground({
      ports: { app: 0, target: 0, second: 0 },
      app: (_request, response) => {
        response.writeHead(404);
        response.end();
      },
    });
    // Beside node_modules, so that the generated modules find express, fastify and hono.
    dir = await mkdtemp(join(process.cwd(), 'node_modules', '.export-round-trip-'));
    // The presets, and the minimal responses (no Content-Type line: one that JavaScript reads).
    const loaded = await loadScenarioFiles(['presets', 'e2e/scenarios/minimal-responses']);
    expect(loaded.errors).toEqual([]);
    presets = loaded.scenarios.filter((scenario) => outOfReach(scenario) === undefined);
    reference = await runScenarios(presets, {
      driver: chromiumDriver(browser, false),
      playground,
    });
    // The reference itself: the model and Chromium agree on every step.
    expect(reference.filter((result) => !result.agree).map((result) => result.id)).toEqual([]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await playground?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  for (const target of Object.keys(EXPORTERS) as ExportTarget[]) {
    const { start, command } = STARTERS[target];
    const missing = command !== undefined && !installed(command);
    it.skipIf(missing)(
      missing
        ? `${target}: skipped, ${command} is not installed (.ci/run installs it from Debian)`
        : `${target}: every preset it can express`,
      async () => {
        let played = 0;
        // One page for the whole run, as the runner reuses its pages: each preset has paths of
        // its own, so no preflight cache entry carries over, and its cookies are cleared.
        const runner = await openRunnerPage(await browser.newContext(), playground);
        try {
          for (const [index, loaded] of presets.entries()) {
            const first = loaded.scenario.steps[0]?.request;
            const crossSite =
              first !== undefined && !isUrlDraft(first) && first.target === 'crossSite';
            const host = crossSite ? '127.0.0.1' : 'localhost';
            const port = await freePort();
            const server = `http://${host}:${port}`;
            const config: ServerConfig = { version: 1, ...loaded.scenario.server };
            const exported = EXPORTERS[target].exporter(config, {
              page: playground.origins.app,
              server,
            });
            if (!exported.ok) continue;
            await runner.context.clearCookies();
            const stop = await start(exported.code, port, dir);
            try {
              for (const [n, { request }] of loaded.scenario.steps.entries()) {
                if (isUrlDraft(request)) throw new Error('outOfReach keeps URL steps out');
                const url = `${server}/${target}-${index}${request.path}`;
                const js = await fetchOnPage(runner, url, request, `:${port}/`);
                const expected = reference[index]?.steps[n];
                expect
                  .soft(
                    browserVerdict(js, runner.recorder.reason, runner.recorder.requests, server),
                    `${loaded.id}, step ${n + 1}`,
                  )
                  .toEqual(
                    expected &&
                      browserVerdict(
                        expected.browser.js,
                        expected.chromium ?? undefined,
                        expected.browser.chromiumRequests,
                        playground.origins[
                          request.target === 'crossSite' ? 'crossSite' : 'sameSite'
                        ],
                      ),
                  );
              }
              played += 1;
            } finally {
              await stop();
            }
          }
        } finally {
          await runner.context.close();
        }
        expect(played).toBeGreaterThan(0);
      },
      120_000,
    );
  }
});
