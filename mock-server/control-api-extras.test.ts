import { get, globalAgent, type IncomingHttpHeaders } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExchangeLogEntry, ExchangeLogPage } from '../src/scenario/control-api.ts';
import {
  defaultServerConfig,
  serverConfigSchema,
  type ServerConfig,
  type ServerConfigInput,
} from '../src/scenario/server-config.ts';
import type { Playground } from './playground.ts';
import type { SessionStoreOptions } from './sessions.ts';
import { callApi, rawExchange, startTestPlayground } from './testing.ts';

const APP = 'http://localhost:5173';
const DEFAULT_BODY = '{"message":"Hello from the target"}\n';
const TOKEN = "must be an HTTP token: letters, digits and !#$%&'*+-.^_`|~, no spaces or colons";

let playground: Playground | undefined;
const streams: Stream[] = [];

async function start(options?: SessionStoreOptions): Promise<Playground> {
  playground = await startTestPlayground(options);
  return playground;
}

afterEach(async () => {
  for (const stream of streams.splice(0)) stream.close();
  // "Send from the server" goes through Node's global agent, which keeps its connection to
  // the target alive; the raw target's close() would wait for it (about 5 s) otherwise.
  globalAgent.destroy();
  await playground?.close();
  playground = undefined;
});

const config = (input: Omit<ServerConfigInput, 'version'>): ServerConfig =>
  serverConfigSchema.parse({ version: 1, ...input });

async function createSession(p: Playground, input?: Omit<ServerConfigInput, 'version'>) {
  const body = input === undefined ? '{}' : JSON.stringify({ config: config(input) });
  const { status, body: info } = await callApi(p, '/sessions', { method: 'POST', body });
  expect(status).toBe(201);
  return info.id as string;
}

/** A GET to the target of session `id`, closing the connection after the answer. */
function hit(p: Playground, id: string, path: string, headers: string[] = []): Promise<Buffer> {
  return rawExchange(
    p.ports.target,
    [
      `GET /s/${id}${path} HTTP/1.1`,
      `Host: localhost:${p.ports.target}`,
      ...headers,
      'Connection: close',
      '',
      '',
    ].join('\r\n'),
  );
}

async function readLog(p: Playground, id: string, after?: number): Promise<ExchangeLogPage> {
  const query = after === undefined ? '' : `?after=${after}`;
  const { status, body } = await callApi(p, `/sessions/${id}/log${query}`);
  expect(status).toBe(200);
  return body as unknown as ExchangeLogPage;
}

const targets = (page: ExchangeLogPage) => page.entries.map((entry) => entry.request.target);

describe('PATCH config: a JSON merge patch (RFC 7396)', () => {
  const patch = (p: Playground, id: string, body: unknown) =>
    callApi(p, `/sessions/${id}/config`, {
      method: 'PATCH',
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('merges nested objects, keeping the fields the patch leaves out', async () => {
    const p = await start();
    const id = await createSession(p, {
      cors: { allowOrigin: '*', allowMethods: ['PUT'] },
      actual: { headers: [['ETag', '"v1"']] },
    });
    const answer = await patch(p, id, {
      cors: { allowCredentials: true },
      actual: { status: 201 },
    });
    const expected = config({
      cors: { allowOrigin: '*', allowMethods: ['PUT'], allowCredentials: true },
      actual: { status: 201, headers: [['ETag', '"v1"']] },
    });
    expect(answer).toEqual({ status: 200, body: expected });
    expect((await callApi(p, `/sessions/${id}/config`)).body).toEqual(expected);
  });

  it('replaces arrays whole rather than merging them', async () => {
    const p = await start();
    const id = await createSession(p, { cors: { allowMethods: ['PUT', 'DELETE'] } });
    const answer = await patch(p, id, { cors: { allowMethods: ['GET'] } });
    expect(answer.body).toEqual(config({ cors: { allowMethods: ['GET'] } }));
  });

  it('removes a field given null', async () => {
    const p = await start();
    const id = await createSession(p, {
      cors: { allowOrigin: '*', allowMethods: ['PUT'] },
      actual: { body: { contentType: 'text/plain', text: 'hi' } },
    });
    const answer = await patch(p, id, { cors: { allowMethods: null }, actual: { body: null } });
    expect(answer).toEqual({ status: 200, body: config({ cors: { allowOrigin: '*' } }) });
  });

  // null removes an override, so the shared value applies again; "not sent" (also null)
  // can only be set with PUT. docs/api.md says so.
  it('removes an override given null, so the shared value applies again', async () => {
    const p = await start();
    const id = await createSession(p, {
      cors: { allowOrigin: '*' },
      preflight: { cors: { allowOrigin: null } },
    });
    const answer = await patch(p, id, { preflight: { cors: { allowOrigin: null } } });
    expect(answer.body).toEqual(config({ cors: { allowOrigin: '*' } }));
  });

  it('creates the objects a patch reaches into, e.g. raw', async () => {
    const p = await start();
    const id = await createSession(p);
    const answer = await patch(p, id, { raw: { actual: { status: 299, headers: [] } } });
    expect(answer.body).toEqual(config({ raw: { actual: { status: 299, headers: [] } } }));
  });

  it('puts the new config to work on the target at once', async () => {
    const p = await start();
    const id = await createSession(p);
    expect((await hit(p, id, '/x')).toString('latin1')).not.toContain(
      'Access-Control-Allow-Origin',
    );
    await patch(p, id, { cors: { allowOrigin: '*' } });
    expect((await hit(p, id, '/x')).toString('latin1')).toContain(
      '\r\nAccess-Control-Allow-Origin: *\r\n',
    );
  });

  it.each([
    [
      'an invalid field beside a valid one',
      { cors: { allowOrigin: 'sometimes' }, actual: { status: 201 } },
      [
        {
          path: 'cors.allowOrigin',
          message: 'must be "*", "reflect", { "allowList": [origins] } or { "value": "..." }',
        },
      ],
    ],
    [
      'a removed version',
      { version: null },
      [{ path: 'version', message: 'Invalid input: expected 1' }],
    ],
    [
      'an unknown key',
      { actual: { colour: 'red' } },
      [{ path: 'actual', message: 'Unrecognized key: "colour"' }],
    ],
    [
      'a header line with CR LF',
      { actual: { headers: [['X-A', 'b\r\nSet-Cookie: x=1']] } },
      [
        {
          path: 'actual.headers.0.1',
          message: 'must not contain CR, LF or NUL: they would break HTTP framing',
        },
      ],
    ],
  ])(
    'refuses a patch whose result is invalid (%s) with 400 and issues, changing nothing',
    async (_name, body, issues) => {
      const p = await start();
      const id = await createSession(p, { cors: { allowOrigin: 'reflect' } });
      const before = await callApi(p, `/sessions/${id}/config`);
      expect(await patch(p, id, body)).toEqual({
        status: 400,
        body: { error: 'Invalid server config; nothing was changed.', issues },
      });
      expect(await callApi(p, `/sessions/${id}/config`)).toEqual(before);
      expect((await hit(p, id, '/x', [`Origin: ${APP}`])).toString('latin1')).toContain(
        `\r\nAccess-Control-Allow-Origin: ${APP}\r\n`,
      );
    },
  );

  it.each([
    ['an array', '[{"cors":{}}]'],
    ['a string', '"cors"'],
    ['a number', '42'],
    ['null', 'null'],
    ['an empty body', ''],
  ])('refuses %s as a patch with 400, changing nothing', async (_name, body) => {
    const p = await start();
    const id = await createSession(p, { cors: { allowOrigin: '*' } });
    expect(await patch(p, id, body)).toEqual({
      status: 400,
      body: { error: 'A config patch must be a JSON object (RFC 7396).' },
    });
    expect((await callApi(p, `/sessions/${id}/config`)).body).toEqual(
      config({ cors: { allowOrigin: '*' } }),
    );
  });

  it('refuses malformed JSON with 400, changing nothing', async () => {
    const p = await start();
    const id = await createSession(p);
    const answer = await patch(p, id, '{"cors":');
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatch(/^Malformed JSON: .*; nothing was changed\.$/);
    expect((await callApi(p, `/sessions/${id}/config`)).body).toEqual(defaultServerConfig);
  });
});

describe('DELETE log', () => {
  it('clears the log, and sequence numbers go on, never reused', async () => {
    const p = await start();
    const id = await createSession(p);
    for (const path of ['/a', '/b', '/c']) await hit(p, id, path);
    expect((await readLog(p, id)).nextSeq).toBe(4);

    expect(await callApi(p, `/sessions/${id}/log`, { method: 'DELETE' })).toEqual({
      status: 204,
      body: {},
    });
    expect(await readLog(p, id)).toEqual({ entries: [], nextSeq: 4 });

    await hit(p, id, '/d');
    const page = await readLog(p, id);
    expect(page.entries.map((entry) => [entry.seq, entry.request.target])).toEqual([
      [4, `/s/${id}/d`],
    ]);
    expect(page.nextSeq).toBe(5);
    // Asking for entries from before the clear gives nothing back from before it.
    expect(targets(await readLog(p, id, 1))).toEqual([`/s/${id}/d`]);
  });

  it('clears only its own session', async () => {
    const p = await start();
    const [a, b] = [await createSession(p), await createSession(p)];
    await hit(p, a, '/a');
    await hit(p, b, '/b');
    await callApi(p, `/sessions/${a}/log`, { method: 'DELETE' });
    expect(targets(await readLog(p, b))).toEqual([`/s/${b}/b`]);
  });
});

interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
}

interface Stream {
  status: number;
  headers: IncomingHttpHeaders;
  events: SseEvent[];
  /** Resolves with the events once there are at least `count`. */
  waitFor(count: number): Promise<SseEvent[]>;
  /** Resolves when the server ends the response. */
  ended: Promise<void>;
  close(): void;
}

/** Opens the log stream as an EventSource would, and parses the events it sends. */
function openStream(
  p: Playground,
  path: string,
  headers: Record<string, string> = {},
  timeoutMs = 3000,
): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      request.destroy();
      reject(new Error(`The stream sent no response head within ${timeoutMs} ms.`));
    }, timeoutMs);
    const request = get(
      {
        host: '127.0.0.1',
        port: p.ports.app,
        path: `/_playground/api${path}`,
        headers: { Host: `localhost:${p.ports.app}`, Accept: 'text/event-stream', ...headers },
        agent: false,
      },
      (response) => {
        clearTimeout(timer);
        const events: SseEvent[] = [];
        const waiters = new Set<() => void>();
        let buffer = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          buffer += chunk;
          let end = buffer.indexOf('\n\n');
          while (end !== -1) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf('\n\n');
            const event: SseEvent = {};
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) continue;
              const colon = line.indexOf(': ');
              const field = line.slice(0, colon);
              if (field === 'id' || field === 'event' || field === 'data') {
                event[field] = line.slice(colon + 2);
              }
            }
            if (Object.keys(event).length > 0) events.push(event);
          }
          for (const waiter of waiters) waiter();
        });
        const ended = new Promise<void>((done) => response.on('end', done));
        const stream: Stream = {
          status: response.statusCode ?? 0,
          headers: response.headers,
          events,
          ended,
          waitFor: (count) =>
            new Promise((done, fail) => {
              const check = (): void => {
                if (events.length < count) return;
                waiters.delete(check);
                clearTimeout(timer);
                done(events);
              };
              const timer = setTimeout(() => {
                waiters.delete(check);
                fail(new Error(`Got ${events.length} events, waited for ${count}.`));
              }, 3000);
              waiters.add(check);
              check();
            }),
          close: () => request.destroy(),
        };
        streams.push(stream);
        resolve(stream);
      },
    );
    request.on('error', reject);
  });
}

const entryOf = (event: SseEvent) => JSON.parse(event.data ?? '{}') as ExchangeLogEntry;

describe('the log stream (server-sent events)', () => {
  it('answers as an event stream, with no CORS headers', async () => {
    const p = await start();
    const id = await createSession(p);
    await hit(p, id, '/one');
    const stream = await openStream(p, `/sessions/${id}/log/stream`, {
      Origin: 'http://evil.test',
    });
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers['cache-control']).toBe('no-store');
    expect(
      Object.keys(stream.headers).filter((name) => name.startsWith('access-control-')),
    ).toEqual([]);
  });

  it('replays the entries after `after`, then streams new ones live as requests arrive', async () => {
    const p = await start();
    const id = await createSession(p);
    for (const path of ['/one', '/two', '/three']) await hit(p, id, path);

    const stream = await openStream(p, `/sessions/${id}/log/stream?after=1`);
    const replayed = await stream.waitFor(2);
    expect(replayed.map((event) => [event.id, event.event, entryOf(event).request.target])).toEqual(
      [
        ['2', 'entry', `/s/${id}/two`],
        ['3', 'entry', `/s/${id}/three`],
      ],
    );

    await hit(p, id, '/four', [`Origin: ${APP}`]);
    await stream.waitFor(3);
    await hit(p, id, '/five');
    const live = await stream.waitFor(4);
    expect(
      live.slice(2).map((event) => [event.id, event.event, entryOf(event).request.target]),
    ).toEqual([
      ['4', 'entry', `/s/${id}/four`],
      ['5', 'entry', `/s/${id}/five`],
    ]);
    // Each event carries the whole entry, as GET log gives it.
    expect(live.map(entryOf)).toEqual((await readLog(p, id, 1)).entries);
  });

  it('replays everything without `after`', async () => {
    const p = await start();
    const id = await createSession(p);
    await hit(p, id, '/one');
    const stream = await openStream(p, `/sessions/${id}/log/stream`);
    expect((await stream.waitFor(1)).map((event) => event.id)).toEqual(['1']);
  });

  // A reconnecting EventSource sends Last-Event-ID with its original URL.
  it('honours Last-Event-ID, over the `after` in the URL', async () => {
    const p = await start();
    const id = await createSession(p);
    for (const path of ['/one', '/two', '/three']) await hit(p, id, path);
    const stream = await openStream(p, `/sessions/${id}/log/stream?after=0`, {
      'Last-Event-ID': '2',
    });
    await stream.waitFor(1);
    await hit(p, id, '/four');
    expect((await stream.waitFor(2)).map((event) => event.id)).toEqual(['3', '4']);
  });

  it('refuses a bad Last-Event-ID with 400', async () => {
    const p = await start();
    const id = await createSession(p);
    const stream = await openStream(p, `/sessions/${id}/log/stream`, { 'Last-Event-ID': 'x' });
    expect(stream.status).toBe(400);
  });

  it('does not send another session’s entries', async () => {
    const p = await start();
    const [a, b] = [await createSession(p), await createSession(p)];
    await hit(p, a, '/a1');
    const stream = await openStream(p, `/sessions/${a}/log/stream`);
    await hit(p, b, '/b');
    await hit(p, a, '/a2');
    expect((await stream.waitFor(2)).map((event) => entryOf(event).request.target)).toEqual([
      `/s/${a}/a1`,
      `/s/${a}/a2`,
    ]);
  });

  // streamLog calls writeHead but writes nothing while the log is empty, and node:http
  // sends a head only with the first write: the client hears nothing (EventSource stays
  // CONNECTING, no `open`) until the first entry or the 15 s heartbeat.
  it('sends the response head at once for an empty log', async () => {
    const p = await start();
    const id = await createSession(p);
    const stream = await openStream(p, `/sessions/${id}/log/stream`, {}, 1000);
    expect(stream.status).toBe(200);
  });

  it('streams the first entry of an empty log as it arrives', async () => {
    const p = await start();
    const id = await createSession(p);
    const opening = openStream(p, `/sessions/${id}/log/stream`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await hit(p, id, '/first');
    const stream = await opening;
    expect((await stream.waitFor(1)).map((event) => [event.id, event.event])).toEqual([
      ['1', 'entry'],
    ]);
  });

  it('ends with `event: end` when the session is evicted', async () => {
    const p = await start({ maxSessions: 1 });
    const id = await createSession(p);
    await hit(p, id, '/one');
    const stream = await openStream(p, `/sessions/${id}/log/stream`);
    await stream.waitFor(1);

    p.sessions.create(); // evicts the first: at most one session
    await stream.ended;
    expect(stream.events.map((event) => [event.event, event.data])).toEqual([
      ['entry', stream.events[0]?.data],
      ['end', '{}'],
    ]);
    expect((await callApi(p, `/sessions/${id}/log`)).status).toBe(404);
  });
});

describe('POST send: the request sent from Node, where no CORS applies', () => {
  const send = (p: Playground, id: string, body: unknown) =>
    callApi(p, `/sessions/${id}/send`, { method: 'POST', body: JSON.stringify(body) });

  const hidden = {
    cors: { allowOrigin: { allowList: [APP] }, exposeHeaders: ['ETag'] },
    actual: {
      status: 201,
      headers: [
        ['ETag', '"v1"'],
        ['X-Secret', 'not exposed'],
        ['x-secret', 'again, lowercase'],
        ['X-Odd', 'vt\u000bhere'],
      ],
      cookies: [{ name: 'sid', value: '1', httpOnly: true }],
    },
  } satisfies Omit<ServerConfigInput, 'version'>;

  it('returns the status, every raw header line and the body', async () => {
    const p = await start();
    const id = await createSession(p, hidden);
    const answer = await send(p, id, { path: '/items?x=1' });
    expect(answer).toEqual({
      status: 200,
      body: {
        url: `${p.origins.sameSite}/s/${id}/items?x=1`,
        status: 201,
        statusText: 'Created',
        // No Origin was sent, so no Access-Control-Allow-Origin; every other line is read,
        // Set-Cookie and the unexposed ones included, in order and case.
        headers: [
          ['Access-Control-Expose-Headers', 'ETag'],
          ['Vary', 'Origin'],
          ['ETag', '"v1"'],
          ['X-Secret', 'not exposed'],
          ['x-secret', 'again, lowercase'],
          ['X-Odd', 'vt\u000bhere'],
          ['Set-Cookie', 'sid=1; HttpOnly'],
          ['Content-Type', 'application/json; charset=utf-8'],
          ['Content-Length', String(DEFAULT_BODY.length)],
        ],
        body: DEFAULT_BODY,
      },
    });
  });

  it('is logged by the target with no Origin header, and with the lines asked for', async () => {
    const p = await start();
    const id = await createSession(p);
    await send(p, id, {
      method: 'PUT',
      path: '/items/1',
      headers: [
        ['X-Token', 'a'],
        ['x-token', 'b'],
        ['Content-Type', 'text/plain'],
      ],
      body: 'hello',
    });
    const [entry, ...more] = (await readLog(p, id)).entries;
    expect(more).toEqual([]);
    expect(entry?.request.method).toBe('PUT');
    expect(entry?.request.target).toBe(`/s/${id}/items/1`);
    expect(entry?.request.bodySize).toBe(5);
    const names = entry?.request.headers.map(([name]) => name.toLowerCase()) ?? [];
    expect(names).not.toContain('origin');
    expect(names.filter((name) => name.startsWith('sec-fetch-'))).toEqual([]);
    // Host first, as HTTP/1.1 requires, then the lines asked for, in order and case.
    expect(entry?.request.headers.slice(0, 4)).toEqual([
      ['Host', `localhost:${p.ports.target}`],
      ['X-Token', 'a'],
      ['x-token', 'b'],
      ['Content-Type', 'text/plain'],
    ]);
  });

  it.each([
    ['sameSite', 'target', () => playground?.origins.sameSite],
    ['crossSite', 'target', () => playground?.origins.crossSite],
    ['second', 'second', () => playground?.origins.second],
  ] as const)(
    'target %s sends to that origin and its listener',
    async (target, listener, origin) => {
      const p = await start();
      const id = await createSession(p);
      const answer = await send(p, id, { target, path: '/t' });
      expect(answer.body.url).toBe(`${origin()}/s/${id}/t`);
      const [entry] = (await readLog(p, id)).entries;
      expect(entry?.listener).toBe(listener);
    },
  );

  // Node's http.request adds no Host when its headers are given as an array (as
  // send-from-server.ts does), so the request goes out with no Host line at all: invalid
  // HTTP/1.1 (RFC 9112, 3.2), and the log cannot show which origin was asked.
  it.each([
    ['sameSite', () => `localhost:${playground?.ports.target}`],
    ['crossSite', () => `127.0.0.1:${playground?.ports.target}`],
    ['second', () => `localhost:${playground?.ports.second}`],
  ] as const)('target %s is named in the Host the target logs', async (target, host) => {
    const p = await start();
    const id = await createSession(p);
    await send(p, id, { target, path: '/t' });
    const [entry] = (await readLog(p, id)).entries;
    expect(entry?.request.host).toBe(host());
  });

  // Node's ClientRequest upper-cases the method, so "the same request" the page asked
  // for (`patch`, which a browser sends as is) arrives as PATCH.
  it('sends the method in the case given', async () => {
    const p = await start();
    const id = await createSession(p);
    await send(p, id, { method: 'patch', path: '/m' });
    expect((await readLog(p, id)).entries[0]?.request.method).toBe('patch');
  });

  it.each([
    ['a method that is not a token', { method: 'GET POST' }, [{ path: 'method', message: TOKEN }]],
    [
      'a header name that is not a token',
      { headers: [['X Token', 'a']] },
      [{ path: 'headers.0.0', message: TOKEN }],
    ],
    [
      'a header value with CR LF',
      { headers: [['X-Token', 'a\r\nX-Injected: 1']] },
      [
        {
          path: 'headers.0.1',
          message: 'must not contain CR, LF or NUL: they would break HTTP framing',
        },
      ],
    ],
    [
      'a path without a leading slash',
      { path: 'items' },
      [{ path: 'path', message: 'must start with "/" and contain only visible ASCII characters' }],
    ],
    [
      'a path with a space',
      { path: '/a b' },
      [{ path: 'path', message: 'must start with "/" and contain only visible ASCII characters' }],
    ],
    [
      'an absolute URL as the path',
      { path: 'http://example.com/' },
      [{ path: 'path', message: 'must start with "/" and contain only visible ASCII characters' }],
    ],
    [
      'an unknown target',
      { target: 'http://example.com' },
      [
        {
          path: 'target',
          message: 'Invalid option: expected one of "sameSite"|"crossSite"|"second"',
        },
      ],
    ],
    [
      'an unknown field',
      { url: 'http://example.com/' },
      [{ path: '(root)', message: 'Unrecognized key: "url"' }],
    ],
  ])('refuses %s with 400 and issues, sending nothing', async (_name, body, issues) => {
    const p = await start();
    const id = await createSession(p);
    expect(await send(p, id, body)).toEqual({
      status: 400,
      body: { error: 'Invalid request to send from the server.', issues },
    });
    expect((await readLog(p, id)).entries).toEqual([]);
  });

  it('refuses to send for an unknown session', async () => {
    const p = await start();
    expect(await send(p, 'nope', {})).toEqual({
      status: 404,
      body: { error: 'Unknown or expired session "nope".' },
    });
  });

  it('never shows one session’s send in another’s log', async () => {
    const p = await start();
    const [a, b] = [await createSession(p), await createSession(p)];
    await send(p, a, { path: '/mine' });
    expect(targets(await readLog(p, a))).toEqual([`/s/${a}/mine`]);
    expect(await readLog(p, b)).toEqual({ entries: [], nextSeq: 1 });
  });

  // The path is appended to `/s/<id>` and the URL parser resolves dot segments, so
  // `/../<other>/x` (or `/%2e%2e/...`) lands in another session: docs/api.md says a send
  // "can reach only the session's own targets".
  it.each([['/../'], ['/%2e%2e/']])(
    'a path starting %s cannot leave the session',
    async (climb) => {
      const p = await start();
      const [a, b] = [await createSession(p), await createSession(p)];
      await send(p, a, { path: `${climb}${b}/x` });
      expect(await readLog(p, b)).toEqual({ entries: [], nextSeq: 1 });
    },
  );
});

describe('the log stays bounded', () => {
  it('keeps only the newest logCapacity entries under a burst of 1000 requests', async () => {
    const p = await start({ logCapacity: 20 });
    const id = await createSession(p);
    // 10 connections, 100 pipelined requests each; the last asks to close.
    for (let connection = 0; connection < 10; connection += 1) {
      const requests = Array.from({ length: 100 }, (_, i) =>
        [
          `GET /s/${id}/r${connection * 100 + i + 1} HTTP/1.1`,
          `Host: localhost:${p.ports.target}`,
          ...(i === 99 ? ['Connection: close'] : []),
          '',
          '',
        ].join('\r\n'),
      );
      const reply = (await rawExchange(p.ports.target, requests.join(''))).toString('latin1');
      expect(reply.match(/HTTP\/1\.1 200 OK\r\n/g)).toHaveLength(100);
    }

    const page = await readLog(p, id);
    expect(page.nextSeq).toBe(1001);
    expect(page.entries.map((entry) => entry.seq)).toEqual(
      Array.from({ length: 20 }, (_, i) => 981 + i),
    );
    expect(targets(page)).toEqual(Array.from({ length: 20 }, (_, i) => `/s/${id}/r${981 + i}`));

    const log = p.sessions.get(id)?.log;
    expect(log?.capacity).toBe(20);
    expect(log?.list().entries).toHaveLength(20);
    expect(log?.list(0).entries[0]?.seq).toBe(981);
  });
});
