// Measures the target's preflight and actual-request throughput (req/s) and p99 latency
// side by side with a bare node:http server answering the same precomputed bytes, Express
// + cors and Fastify + @fastify/cors answering the same CORS config, in interleaved rounds
// on loopback, and prints the ratios against bare node:http and whether the target meets
// its goals. Run with `npm run bench:server`, or with options:
// `npm run bench:server -- --rounds 5 --duration 3 --warmup 2 --connections 10 --rate 0`.
// Results are recorded in docs/benchmarks.md.
//
// Each server runs in its own child process (this file, run with `--serve <server>`) and
// autocannon runs in this process: the machine has two cores, so the measured server gets
// one and the load generator the other, and no server shares an event loop or a garbage
// collector with the load. All four get exactly the same treatment. Cores are not pinned
// with taskset: tried on the shared two-core machine, pinning server and load generator
// to separate cores was slower and no steadier than leaving them to the scheduler.
import { fork, type ChildProcess } from 'node:child_process';
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import cors from 'cors';
import express from 'express';
import fastifyCors from '@fastify/cors';
import Fastify from 'fastify';
import { startPlayground } from '../mock-server/playground.ts';
import { compileResponsePlan } from '../mock-server/response-plan.ts';
import { planOrigins } from '../mock-server/origins.ts';
import type { RawRequest } from '../mock-server/http/request-reader.ts';
import { serverConfigSchema } from '../src/scenario/server-config.ts';

// One realistic CORS setup, configured alike in all four servers: a credentialed API
// that allows the playground page's origin, reflected on match with `Vary: Origin`.
const PAGE_ORIGIN = 'http://localhost:5173';
const OTHER_ORIGIN = 'http://evil.example';
const ALLOW_METHODS = ['GET', 'POST', 'PUT', 'DELETE'];
const ALLOW_HEADERS = ['content-type', 'authorization', 'x-custom'];
const EXPOSE_HEADERS = ['etag'];
const MAX_AGE = 600;
const CONTENT_TYPE = 'application/json; charset=utf-8';
const BODY_TEXT = '{"message":"Hello from the target"}\n';
const BODY = Buffer.from(BODY_TEXT, 'utf8');
const ETAG = '"v1"';

const targetConfig = serverConfigSchema.parse({
  version: 1,
  cors: {
    allowOrigin: { allowList: [PAGE_ORIGIN] },
    allowCredentials: true,
    allowMethods: ALLOW_METHODS,
    allowHeaders: ALLOW_HEADERS,
    exposeHeaders: EXPOSE_HEADERS,
    maxAge: MAX_AGE,
  },
  preflight: { handling: { kind: 'answer', status: 204 } },
  actual: {
    status: 200,
    body: { contentType: CONTENT_TYPE, text: BODY_TEXT },
    headers: [['ETag', ETAG]],
  },
});

const corsOptions = {
  origin: [PAGE_ORIGIN],
  credentials: true,
  methods: ALLOW_METHODS,
  allowedHeaders: ALLOW_HEADERS,
  exposedHeaders: EXPOSE_HEADERS,
  maxAge: MAX_AGE,
  optionsSuccessStatus: 204,
};

const KINDS = {
  preflight: {
    method: 'OPTIONS',
    headers: {
      origin: PAGE_ORIGIN,
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'content-type,x-custom',
    },
  },
  actual: { method: 'GET', headers: { origin: PAGE_ORIGIN } },
} as const;
type Kind = keyof typeof KINDS;
const KIND_NAMES = Object.keys(KINDS) as Kind[];

const SERVERS = {
  target: 'target (exchange log on)',
  bare: 'bare node:http',
  express: 'Express + cors',
  fastify: 'Fastify + @fastify/cors',
} as const;
type ServerName = keyof typeof SERVERS;
const SERVER_NAMES = Object.keys(SERVERS) as ServerName[];

/** What a server child tells the parent once it listens. */
interface Ready {
  type: 'ready';
  port: number;
  /** The path every request goes to: a session URL for the target. */
  path: string;
  logCapacity?: number;
}
type ParentMessage = { type: 'cpu' } | { type: 'logged' };
type ChildMessage =
  Ready | { type: 'cpu'; micros: number } | { type: 'logged'; count: number; capacity: number };

// ---------------------------------------------------------------------------------------
// Server side: one of the four servers, in a child process.

/**
 * The bare server's answers: the target's own header lines for these requests, computed
 * once here, so per request it only hands a precomputed raw header array to writeHead.
 */
function precomputedAnswers(): Record<Kind, { status: number; raw: string[]; body: Buffer }> {
  const plan = compileResponsePlan(targetConfig);
  const origins = planOrigins({ app: 0, target: 0, second: 0 });
  const answer = (kind: Kind) => {
    const request: RawRequest = {
      method: KINDS[kind].method,
      target: '/s/bench/items',
      httpVersion: '1.1',
      headers: Object.entries(KINDS[kind].headers),
      body: Buffer.alloc(0),
    };
    const { response } = plan(request, { sessionId: 'bench', hop: 0, rest: '/items' }, origins);
    return { status: response.status, raw: response.headers.flat(), body: response.body };
  };
  return { preflight: answer('preflight'), actual: answer('actual') };
}

async function startServer(name: ServerName): Promise<Omit<Ready, 'type'>> {
  const path = '/s/bench/items';
  switch (name) {
    case 'target': {
      const playground = await startPlayground({
        ports: { app: 0, target: 0, second: 0 },
        app: (_request, response) => {
          response.writeHead(404);
          response.end();
        },
      });
      const session = playground.sessions.create(targetConfig);
      process.on('message', (message: ParentMessage) => {
        if (message.type !== 'logged') return;
        const { nextSeq } = session.log.list(Number.MAX_SAFE_INTEGER);
        send({ type: 'logged', count: nextSeq - 1, capacity: session.log.capacity });
      });
      return {
        port: playground.ports.target,
        path: `/s/${session.id}/items`,
        logCapacity: session.log.capacity,
      };
    }
    case 'bare': {
      const { preflight, actual } = precomputedAnswers();
      const server = createServer((request, response) => {
        const answer = request.method === 'OPTIONS' ? preflight : actual;
        response.writeHead(answer.status, answer.raw);
        response.end(answer.body);
      });
      return { port: await listen(server), path };
    }
    case 'express': {
      const app = express();
      // X-Powered-By and a computed ETag are lines the others don't send: the ETag here is
      // the same fixed line as everywhere else.
      app.disable('x-powered-by');
      app.set('etag', false);
      app.use(cors(corsOptions));
      app.get('/s/:session/items', (_request, response) => {
        response.set('ETag', ETAG).type(CONTENT_TYPE).send(BODY);
      });
      return { port: await listen(createServer(app)), path };
    }
    case 'fastify': {
      const app = Fastify({ logger: false });
      await app.register(fastifyCors, corsOptions);
      app.get('/s/:session/items', (_request, reply) => {
        void reply.header('ETag', ETAG).type(CONTENT_TYPE).send(BODY);
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      return { port: (app.server.address() as AddressInfo).port, path };
    }
  }
}

function listen(server: ReturnType<typeof createServer>): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

async function serve(name: ServerName): Promise<void> {
  // Whatever happens to the parent, this process ends with it.
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: ParentMessage) => {
    if (message.type !== 'cpu') return;
    const { user, system } = process.cpuUsage();
    send({ type: 'cpu', micros: user + system });
  });
  send({ type: 'ready', ...(await startServer(name)) });
}

// ---------------------------------------------------------------------------------------
// Load side: starts the servers, checks their answers, measures, reports.

interface Options {
  rounds: number;
  /** Seconds per measurement. */
  duration: number;
  /** Seconds of load per server and request before the rounds, to get past JIT warm-up. */
  warmup: number;
  connections: number;
  /**
   * Requests per second offered to every server, or 0 for as many as they answer. At a
   * fixed rate below everyone's limit, CPU µs per request compares the servers' work per
   * request without the throughput (and so the batching per wake-up) differing.
   */
  rate: number;
}

const OPTION_RANGES: Record<keyof Options, [min: number, max: number]> = {
  rounds: [1, 60],
  duration: [1, 60],
  warmup: [0, 60],
  connections: [1, 1000],
  rate: [0, 1_000_000],
};

function parseOptions(argv: string[]): Options {
  const options: Options = { rounds: 5, duration: 3, warmup: 2, connections: 10, rate: 0 };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i] ?? '';
    const key = flag.replace(/^--/, '') as keyof Options;
    const value = Number(argv[i + 1]);
    if (!flag.startsWith('--') || !(key in OPTION_RANGES)) {
      throw new Error(
        `Unknown option "${flag}". Options: ${Object.keys(OPTION_RANGES)
          .map((name) => `--${name}`)
          .join(', ')}.`,
      );
    }
    const [min, max] = OPTION_RANGES[key];
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`${flag} needs a whole number from ${min} to ${max}.`);
    }
    options[key] = value;
  }
  return options;
}

interface Child {
  name: ServerName;
  process: ChildProcess;
  ready: Ready;
}

function nextMessage<T extends ChildMessage['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<ChildMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ChildMessage): void => {
      if (message.type !== type) return;
      cleanup();
      resolve(message as Extract<ChildMessage, { type: T }>);
    };
    const onExit = (code: number | null): void => {
      cleanup();
      reject(new Error(`A server process exited (code ${code}) before answering "${type}".`));
    };
    const cleanup = (): void => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

async function startChild(name: ServerName): Promise<Child> {
  // The same loader as this process (tsx), inherited through process.execArgv.
  const child = fork(fileURLToPath(import.meta.url), ['--serve', name], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await nextMessage(child, 'ready');
  return { name, process: child, ready };
}

async function cpuMicros(child: Child): Promise<number> {
  const answer = nextMessage(child.process, 'cpu');
  child.process.send({ type: 'cpu' } satisfies ParentMessage);
  return (await answer).micros;
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function fetchOnce(port: number, path: string, kind: Kind, origin: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: KINDS[kind].method,
        headers: { ...KINDS[kind].headers, origin },
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    request.on('error', reject);
    request.setTimeout(5000, () => request.destroy(new Error('no answer within 5 s')));
    request.end();
  });
}

function listOf(value: string | string[] | undefined): string[] {
  const text = Array.isArray(value) ? value.join(',') : (value ?? '');
  return text
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item !== '');
}

/** What a correct answer must carry; each failed expectation is one line. */
function problemsWith(kind: Kind, answer: Answer): string[] {
  const h = answer.headers;
  const problems: string[] = [];
  const expect = (ok: boolean, what: string): void => {
    if (!ok) problems.push(what);
  };
  expect(
    h['access-control-allow-origin'] === PAGE_ORIGIN,
    `Access-Control-Allow-Origin: ${PAGE_ORIGIN}`,
  );
  expect(
    h['access-control-allow-credentials'] === 'true',
    'Access-Control-Allow-Credentials: true',
  );
  expect(listOf(h.vary).includes('origin'), 'Vary: Origin');
  if (kind === 'preflight') {
    expect(answer.status === 204, 'status 204');
    const methods = listOf(h['access-control-allow-methods']);
    expect(methods.includes('put'), 'PUT in Access-Control-Allow-Methods');
    const headers = listOf(h['access-control-allow-headers']);
    expect(
      ['content-type', 'x-custom'].every((name) => headers.includes(name)),
      'content-type and x-custom in Access-Control-Allow-Headers',
    );
    expect(h['access-control-max-age'] === String(MAX_AGE), `Access-Control-Max-Age: ${MAX_AGE}`);
  } else {
    expect(answer.status === 200, 'status 200');
    expect(listOf(h['access-control-expose-headers']).includes('etag'), 'etag exposed');
    expect(h['content-type'] === CONTENT_TYPE, `Content-Type: ${CONTENT_TYPE}`);
    expect(h.etag === ETAG, `ETag: ${ETAG}`);
    expect(answer.body === BODY_TEXT, 'the JSON body');
  }
  return problems;
}

/**
 * Checks each server's answers before measuring, so a misconfigured competitor can't win
 * by answering wrongly. The bare server is exempt from the denial check by design: it
 * writes the same bytes whatever the request.
 */
async function verify(child: Child): Promise<void> {
  const { port, path } = child.ready;
  for (const kind of KIND_NAMES) {
    const problems = problemsWith(kind, await fetchOnce(port, path, kind, PAGE_ORIGIN));
    if (problems.length > 0) {
      throw new Error(
        `${SERVERS[child.name]} answered the ${kind} wrongly; missing: ${problems.join('; ')}.`,
      );
    }
    if (child.name === 'bare') continue;
    const denied = await fetchOnce(port, path, kind, OTHER_ORIGIN);
    if (denied.headers['access-control-allow-origin'] !== undefined) {
      throw new Error(`${SERVERS[child.name]} allowed ${OTHER_ORIGIN} on the ${kind}.`);
    }
  }
}

interface Sample {
  reqPerSec: number;
  p99Ms: number;
  cpuMicrosPerRequest: number;
  /** The server process's CPU time over wall time: near 100% means it was the bottleneck. */
  serverCpuShare: number;
  /** The same for this process, the load generator. */
  loadCpuShare: number;
  requests: number;
}

/** Latencies in ms as autocannon timed them (its own histogram keeps whole ms only). */
class Latencies {
  #values = new Float64Array(1 << 18);
  #length = 0;

  add(ms: number): void {
    if (this.#length === this.#values.length) {
      const grown = new Float64Array(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[this.#length] = ms;
    this.#length += 1;
  }

  percentile(p: number): number {
    const sorted = this.#values.subarray(0, this.#length).sort();
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  }
}

async function measure(
  child: Child,
  kind: Kind,
  seconds: number,
  options: Options,
): Promise<Sample> {
  const latencies = new Latencies();
  const cpuBefore = await cpuMicros(child);
  const loadBefore = process.cpuUsage();
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${child.ready.port}${child.ready.path}`,
        method: KINDS[kind].method,
        headers: { ...KINDS[kind].headers },
        connections: options.connections,
        pipelining: 1,
        duration: seconds,
        timeout: 5,
        ...(options.rate > 0 ? { overallRate: options.rate } : {}),
      },
      (error: unknown, done) => (error ? reject(error as Error) : resolve(done)),
    );
    instance.on('response', (_client, statusCode, _bytes, ms) => {
      if (statusCode >= 200 && statusCode < 300) latencies.add(ms);
    });
  });
  const wallMicros = (performance.now() - started) * 1000;
  const load = process.cpuUsage(loadBefore);
  const cpu = (await cpuMicros(child)) - cpuBefore;
  if (result.errors > 0 || result.non2xx > 0 || result['2xx'] === 0) {
    throw new Error(
      `${SERVERS[child.name]} ${kind}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers, ${result['2xx']} 2xx.`,
    );
  }
  const requests = result['2xx'];
  return {
    reqPerSec: requests / result.duration,
    p99Ms: latencies.percentile(99),
    cpuMicrosPerRequest: cpu / requests,
    serverCpuShare: cpu / wallMicros,
    loadCpuShare: (load.user + load.system) / wallMicros,
    requests,
  };
}

const loadAverage = (): string =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

const fixed = (value: number, digits: number): string => value.toFixed(digits);

async function main(options: Options): Promise<void> {
  const cells = SERVER_NAMES.length * KIND_NAMES.length;
  const budgetSeconds = cells * (options.warmup + options.rounds * options.duration) * 1.5 + 60;
  const children: Child[] = [];
  const stopAll = (): void => {
    for (const child of children) child.process.kill();
  };
  // The run ends by itself even if a server stops answering.
  const watchdog = setTimeout(() => {
    console.error(`Gave up after ${Math.round(budgetSeconds)} s.`);
    stopAll();
    process.exit(1);
  }, budgetSeconds * 1000);
  watchdog.unref();

  try {
    for (const name of SERVER_NAMES) children.push(await startChild(name));
    for (const child of children) await verify(child);
    const target = children.find((child) => child.name === 'target');
    console.log(
      `Machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}, load average ${loadAverage()} before the run.`,
    );
    console.log(
      `All four servers answer the preflight and the actual request correctly. The target's exchange log is on: a ring of ${target?.ready.logCapacity} entries per session.`,
    );
    console.log(
      `${options.rounds} interleaved rounds of ${options.duration} s per server and request, ${options.connections} keep-alive connections, pipelining 1, ${options.rate > 0 ? `${options.rate} req/s offered` : 'as fast as each server answers'}, after a ${options.warmup} s warm-up each; about ${Math.ceil((cells * (options.warmup + options.rounds * options.duration)) / 60)} min.\n`,
    );

    if (options.warmup > 0) {
      for (const child of children) {
        for (const kind of KIND_NAMES) await measure(child, kind, options.warmup, options);
      }
    }

    const samples = new Map<string, Sample[]>();
    let targetRequests = 0;
    for (let round = 0; round < options.rounds; round += 1) {
      // The four servers answer one kind of request back to back, so the ratios compare
      // measurements seconds apart. Which server goes first rotates and the kinds
      // alternate, so none is always measured at the same point of a drifting machine.
      const order = children.map((_, i) => children[(i + round) % children.length] as Child);
      const kinds = round % 2 === 0 ? KIND_NAMES : [...KIND_NAMES].reverse();
      const line: string[] = [];
      for (const kind of kinds) {
        for (const child of order) {
          const sample = await measure(child, kind, options.duration, options);
          const key = `${child.name}/${kind}`;
          samples.set(key, [...(samples.get(key) ?? []), sample]);
          if (child.name === 'target') targetRequests += sample.requests;
          line.push(`${child.name} ${kind} ${Math.round(sample.reqPerSec)}/s`);
        }
      }
      console.log(`round ${round + 1}: ${line.join(', ')}`);
    }

    const logged =
      target === undefined
        ? undefined
        : await (async () => {
            const answer = nextMessage(target.process, 'logged');
            target.process.send({ type: 'logged' } satisfies ParentMessage);
            return answer;
          })();
    report(samples, options);
    console.log(
      `\nLoad average after the run: ${loadAverage()} (other work on the machine skews the figures).`,
    );
    if (logged !== undefined) {
      console.log(
        `\nExchange log: ${logged.count} exchanges appended to the target's session log (ring of ${logged.capacity}) during the run; autocannon counted ${targetRequests} measured responses from it (plus warm-up and checks).`,
      );
    }
  } finally {
    clearTimeout(watchdog);
    stopAll();
  }
}

function report(samples: Map<string, Sample[]>, options: Options): void {
  const list = (name: ServerName, kind: Kind): Sample[] => samples.get(`${name}/${kind}`) ?? [];
  const cell = (name: ServerName, kind: Kind) => {
    const rounds = list(name, kind);
    const of = (field: keyof Sample): number => median(rounds.map((sample) => sample[field]));
    return {
      reqPerSec: of('reqPerSec'),
      p99Ms: of('p99Ms'),
      cpuMicrosPerRequest: of('cpuMicrosPerRequest'),
      serverCpuShare: of('serverCpuShare'),
      loadCpuShare: of('loadCpuShare'),
    };
  };
  // Each round measures every server within a minute, so a ratio within one round is less
  // exposed to a drifting machine than a ratio of medians taken across rounds.
  const roundRatios = (name: ServerName, than: ServerName, kind: Kind): number[] =>
    list(name, kind).map(
      (sample, round) => sample.reqPerSec / (list(than, kind)[round]?.reqPerSec ?? NaN),
    );
  const range = (values: number[]): string =>
    `${fixed(Math.min(...values), 2)}–${fixed(Math.max(...values), 2)}`;

  console.log(`\nMedians of ${options.rounds} rounds (CPU columns: CPU time over wall time):\n`);
  console.log(
    [
      'request  ',
      'server                   ',
      '    req/s',
      ' × bare',
      ' p99 ms',
      ' p99 × bare',
      ' CPU µs/req',
      ' CPU × bare',
      ' server CPU',
      ' autocannon CPU',
    ].join(' '),
  );
  for (const kind of KIND_NAMES) {
    const bare = cell('bare', kind);
    for (const name of SERVER_NAMES) {
      const c = cell(name, kind);
      console.log(
        [
          kind.padEnd(9),
          SERVERS[name].padEnd(25),
          fixed(c.reqPerSec, 0).padStart(9),
          `${fixed(c.reqPerSec / bare.reqPerSec, 2)}×`.padStart(7),
          fixed(c.p99Ms, 2).padStart(7),
          `${fixed(c.p99Ms / bare.p99Ms, 2)}×`.padStart(11),
          fixed(c.cpuMicrosPerRequest, 1).padStart(11),
          `${fixed(c.cpuMicrosPerRequest / bare.cpuMicrosPerRequest, 2)}×`.padStart(11),
          `${fixed(c.serverCpuShare * 100, 0)}%`.padStart(11),
          `${fixed(c.loadCpuShare * 100, 0)}%`.padStart(15),
        ].join(' '),
      );
    }
  }

  // A goal is met when both estimates meet it: the ratio of the medians, and the median of
  // the per-round ratios (the steadier one on a machine whose load drifts).
  if (options.rate > 0) {
    console.log(
      `\nAt a fixed ${options.rate} req/s every server answers the same number of requests, so the req/s goals are not judged; CPU µs per request (target × bare, per-round range):`,
    );
    for (const kind of KIND_NAMES) {
      const perRound = list('target', kind).map(
        (sample, round) =>
          sample.cpuMicrosPerRequest / (list('bare', kind)[round]?.cpuMicrosPerRequest ?? NaN),
      );
      console.log(
        `  ${kind.padEnd(9)} ${fixed(cell('target', kind).cpuMicrosPerRequest / cell('bare', kind).cpuMicrosPerRequest, 2)}× (${range(perRound)})`,
      );
    }
    return;
  }
  console.log(
    '\nGoals (req/s of the target; ratio of medians, median and range of per-round ratios):',
  );
  const verdicts: Verdict[] = [];
  for (const kind of KIND_NAMES) {
    for (const [than, goal, label] of [
      ['bare', 0.8, 'bare node:http (goal ≥ 0.80×)'],
      ['fastify', 1, 'Fastify + @fastify/cors (goal > 1×)'],
    ] as const) {
      const ofMedians = cell('target', kind).reqPerSec / cell(than, kind).reqPerSec;
      const perRound = roundRatios('target', than, kind);
      const estimates = [ofMedians, median(perRound)];
      const passes = estimates.filter((ratio) => (than === 'bare' ? ratio >= goal : ratio > goal));
      const verdict: Verdict =
        passes.length === estimates.length ? 'met' : passes.length === 0 ? 'NOT met' : 'unclear';
      verdicts.push(verdict);
      console.log(
        `  ${kind.padEnd(9)} ${fixed(ofMedians, 2)}× (rounds: median ${fixed(median(perRound), 2)}×, ${range(perRound)}) ${label}: ${verdict}`,
      );
    }
  }
  if (verdicts.every((verdict) => verdict === 'met')) console.log('All goals met.');
  else if (verdicts.includes('NOT met')) console.log('Goals NOT met.');
  else
    console.log('Unclear: the estimates disagree; rerun with more --rounds on a quieter machine.');
}

type Verdict = 'met' | 'NOT met' | 'unclear';

const serveIndex = process.argv.indexOf('--serve');
if (serveIndex !== -1) {
  const name = process.argv[serveIndex + 1] as ServerName;
  if (!(name in SERVERS)) throw new Error(`Unknown server "${name}".`);
  await serve(name);
} else {
  try {
    await main(parseOptions(process.argv.slice(2)));
  } catch (error) {
    console.error(`bench:server failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
