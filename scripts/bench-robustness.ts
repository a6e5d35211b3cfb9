// The robustness suite's long versions (mock-server/robustness/): many more fuzzed cases,
// and the memory floods at the sizes issue 11 reported, each against a playground in a
// process of its own, printing what the server held. Run with `npm run bench:robustness`,
// or with options:
// `npm run bench:robustness -- --seed 42 --configs 3000 --fuzz-seconds 120 --sessions 100`.
// Exits non-zero if the fuzzer finds a failure or the server stops serving.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import {
  floodLogStream,
  floodLogs,
  floodPipelineWithoutReading,
  type Growth,
} from '../mock-server/robustness/floods.ts';
import { fuzz } from '../mock-server/robustness/fuzz.ts';
import { runSeed } from '../mock-server/robustness/seeded-random.ts';
import {
  startServerProcess,
  type ServerProcess,
} from '../mock-server/robustness/server-process.ts';
import type { SessionStoreOptions } from '../mock-server/sessions.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    configs: { type: 'string', default: '3000' },
    'requests-per-config': { type: 'string', default: '6' },
    concurrency: { type: 'string', default: '4' },
    'fuzz-seconds': { type: 'string', default: '120' },
    events: { type: 'string', default: '10000' },
    requests: { type: 'string', default: '20000' },
    sessions: { type: 'string', default: '100' },
    // Past the log stream's 15 s heartbeat, which once wrote after the stream had ended.
    linger: { type: 'string', default: '16' },
  },
});
if (values.seed !== undefined) process.env.ROBUSTNESS_SEED = values.seed;
const seed = runSeed();

const MB = 1024 * 1024;
const mb = (bytes: number): string => (bytes / MB).toFixed(1).padStart(7);
const load = (): string =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

let failed = false;

/** Runs `body` against a fresh server process and reports whether it stayed well. */
async function withServer<T>(
  options: SessionStoreOptions,
  body: (server: ServerProcess) => Promise<T>,
): Promise<T> {
  const server = await startServerProcess(options);
  try {
    const result = await body(server);
    const trouble = await server.trouble();
    if (trouble !== undefined) {
      failed = true;
      console.error(trouble);
    }
    return result;
  } finally {
    server.stop();
  }
}

async function timed<T>(body: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await body();
  return [result, (performance.now() - started) / 1000];
}

console.log(`load average before: ${load()}`);

console.log(`\nFuzzer, seed ${seed}`);
const [report, fuzzSeconds] = await timed(() =>
  withServer({ inUseMs: 0 }, (server) =>
    fuzz(server, {
      seed,
      configs: Number(values.configs),
      requestsPerConfig: Number(values['requests-per-config']),
      timeBudgetMs: Number(values['fuzz-seconds']) * 1000,
      concurrency: Number(values.concurrency),
    }),
  ),
);
const byClass = new Map<string, number>();
for (const [status, count] of report.statuses) {
  const kind = `${Math.floor(status / 100)}xx`;
  byClass.set(kind, (byClass.get(kind) ?? 0) + count);
}
console.log(`config cases    ${report.configCases} (${report.accepted} accepted)`);
console.log(
  `request cases   ${report.requestCases} (${(report.requestCases / fuzzSeconds).toFixed(0)}/s)`,
);
console.log(
  `answers         ${[...byClass]
    .sort()
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ')} (5xx only where the config asked)`,
);
if (report.failure !== undefined) {
  failed = true;
  console.error(`FAILURE: ${report.failure}`);
  console.error(
    `Replay: ROBUSTNESS_SEED=${seed} npx vitest run mock-server/robustness/fuzz.test.ts`,
  );
}

const linger = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));
const row = (name: string, sent: number, growth: Growth, seconds: number): string =>
  `${name.padEnd(44)}${mb(sent)}${mb(growth.held)}${mb(growth.rss)}${seconds.toFixed(1).padStart(8)}`;

console.log('\nFloods (MiB; held = heapUsed + external after a full collection, growth)');
console.log(
  `${'flood'.padEnd(44)}${'sent'.padStart(7)}${'held'.padStart(7)}${'rss'.padStart(7)}${'s'.padStart(8)}`,
);

const events = Number(values.events);
const [stream, streamSeconds] = await withServer({ maxSessions: 2, inUseMs: 0 }, async (server) => {
  const flood = await timed(() => floodLogStream(server, { events, padBytes: 30 * 1024 }));
  await linger(Number(values.linger));
  return flood;
});
console.log(
  row(
    `log stream, unread (${events} entries), open`,
    stream.pushedBytes,
    stream.during,
    streamSeconds,
  ),
);
console.log(
  row('  after its session was evicted', stream.pushedBytes, stream.afterEnd, streamSeconds),
);

const requests = Number(values.requests);
const [pipeline, pipelineSeconds] = await timed(() =>
  withServer({}, (server) =>
    floodPipelineWithoutReading(server, { requests, bodyBytes: 60 * 1024 }),
  ),
);
console.log(
  row(
    `${requests} pipelined GETs of 60 KB, unread`,
    requests * 60 * 1024,
    pipeline.during,
    pipelineSeconds,
  ),
);
console.log(`  (the server answered ${pipeline.answered} before it stopped reading)`);

const sessions = Number(values.sessions);
const [logs, logsSeconds] = await timed(() =>
  withServer({}, (server) => floodLogs(server, { sessions, entries: 200, padBytes: 24 * 1024 })),
);
console.log(
  row(`${sessions} sessions x 200 heads of 24 KB`, logs.sentBytes, logs.after, logsSeconds),
);

console.log(`\nload average after: ${load()}`);
if (failed) process.exitCode = 1;
