import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_JSON_DEPTH } from '../src/scenario/parse-json.ts';
import { defaultServerConfig } from '../src/scenario/server-config.ts';
import { MAX_API_BODY_BYTES } from './control-api.ts';
import type { Playground } from './playground.ts';
import type { SessionStoreOptions } from './sessions.ts';
import { callApi, rawExchange, startTestPlayground } from './testing.ts';

let playground: Playground | undefined;
const sockets: Socket[] = [];

async function start(options?: SessionStoreOptions): Promise<Playground> {
  playground = await startTestPlayground(options);
  return playground;
}

afterEach(async () => {
  vi.useRealTimers();
  for (const socket of sockets.splice(0)) socket.destroy();
  await playground?.close();
  playground = undefined;
});

async function createSession(p: Playground): Promise<string> {
  const { status, body } = await callApi(p, '/sessions', { method: 'POST', body: '{}' });
  expect(status).toBe(201);
  return body.id as string;
}

/** A raw connection to the app origin that collects what the server writes, if read. */
interface Connection {
  socket: Socket;
  received(): string;
  /** Resolves once the server has written `text`; rejects if the connection ends first. */
  waitFor(text: string | RegExp): Promise<string>;
  /** Resolves when the server closes the connection, or rejects after `ms`. */
  closed(ms?: number): Promise<void>;
}

function open(p: Playground, head: string): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const listeners = new Set<() => void>();
    let ended = false;
    const socket = connect({ port: p.ports.app, host: '127.0.0.1' }, () => {
      socket.write(head);
      resolve(connection);
    });
    sockets.push(socket);
    const notify = (): void => {
      for (const listener of listeners) listener();
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      notify();
    });
    socket.on('close', () => {
      ended = true;
      notify();
    });
    socket.on('error', () => undefined);
    socket.once('error', reject);
    const received = (): string => Buffer.concat(chunks).toString('latin1');
    const until = (done: () => boolean, what: string, ms: number): Promise<void> =>
      new Promise((settle, fail) => {
        const check = (): void => {
          if (!done()) return;
          listeners.delete(check);
          clearTimeout(timer);
          settle();
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          fail(new Error(`Waited ${ms} ms for ${what}; got ${JSON.stringify(received())}`));
        }, ms);
        listeners.add(check);
        check();
      });
    const connection: Connection = {
      socket,
      received,
      waitFor: async (text) => {
        const found = (): boolean =>
          typeof text === 'string' ? received().includes(text) : text.test(received());
        await until(() => found() || ended, String(text), 3000);
        if (!found()) throw new Error(`Connection closed without ${String(text)}: ${received()}`);
        return received();
      },
      closed: (ms = 2000) => until(() => ended, 'the connection to close', ms),
    };
  });
}

const streamHead = (p: Playground, id: string, method = 'GET'): string =>
  [
    `${method} /_playground/api/sessions/${id}/log/stream HTTP/1.1`,
    `Host: localhost:${p.ports.app}`,
    'Accept: text/event-stream',
    '',
    '',
  ].join('\r\n');

/** Appends an entry of about `size` bytes to the session's log, as the target would. */
function logBig(p: Playground, id: string, size: number): void {
  const session = p.sessions.get(id);
  if (session === undefined) throw new Error(`No session ${id}`);
  session.log.append({
    receivedAt: 0,
    durationMs: 0,
    listener: 'target',
    request: {
      method: 'GET',
      target: '/x',
      host: 'localhost',
      httpVersion: '1.1',
      headers: [['X-Pad', 'x'.repeat(size)]],
      bodySize: 0,
    },
    response: { status: 200, reason: 'OK', headers: [], bodySize: 0 },
  });
}

describe('the log stream under a client that stops reading', () => {
  it('ends cleanly when the session goes, and the heartbeat never writes after the end', async () => {
    const p = await start({ maxSessions: 1 });
    const id = await createSession(p);
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const stream = await open(p, streamHead(p, id));
    await stream.waitFor('exchange log');
    stream.socket.pause();
    // Enough to fill the sockets' buffers, so the end cannot be flushed while nobody reads.
    for (let index = 0; index < 16; index += 1) logBig(p, id, 64 * 1024);
    p.sessions.create(); // evicts the session: at most one
    vi.advanceTimersByTime(60_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Still serving.
    expect((await callApi(p, '/sessions/nope')).status).toBe(404);
  });

  it('closes a subscriber that falls far behind, instead of buffering without bound', async () => {
    const p = await start();
    const id = await createSession(p);
    const stream = await open(p, streamHead(p, id));
    await stream.waitFor('exchange log');
    stream.socket.pause();
    const pushed = 64 * 1024 * 1024;
    for (let index = 0; index < 64; index += 1) logBig(p, id, 1024 * 1024);
    stream.socket.resume();
    await stream.closed(5000);
    // The loopback's buffers held some of it; the server dropped the rest and closed.
    expect(stream.received().length).toBeLessThan(pushed / 2);
    expect(stream.received()).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  });

  it('answers HEAD with the stream’s head only, and holds nothing open', async () => {
    const p = await start();
    const id = await createSession(p);
    const head = await open(p, streamHead(p, id, 'HEAD'));
    await head.closed();
    expect(head.received()).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(head.received()).toContain('Content-Type: text/event-stream; charset=utf-8\r\n');
    expect(head.received()).toMatch(/\r\n\r\n$/);
  });
});

const MB = 1024 * 1024;

/** A config write's head, as the page would send it but for the framing lines given. */
const putHead = (p: Playground, id: string, framing: string[]): string =>
  [
    `PUT /_playground/api/sessions/${id}/config HTTP/1.1`,
    `Host: localhost:${p.ports.app}`,
    `Origin: ${p.origins.app}`,
    'Content-Type: application/json',
    ...framing,
    '',
    '',
  ].join('\r\n');

/** Writes `piece` `times` over, as fast as the connection takes it, whatever the answer. */
function writeBody(connection: Connection, piece: Buffer, times: number): void {
  let left = times;
  const next = (): void => {
    while (left > 0 && !connection.socket.destroyed) {
      left -= 1;
      if (!connection.socket.write(piece)) {
        connection.socket.once('drain', next);
        return;
      }
    }
  };
  next();
}

describe('oversized control API bodies get 413 with the limit, and change nothing', () => {
  it('a 5 MB body with its Content-Length, answered before the body is all sent', async () => {
    const p = await start();
    const id = await createSession(p);
    const put = await open(p, putHead(p, id, [`Content-Length: ${5 * MB}`]));
    writeBody(put, Buffer.alloc(64 * 1024, 'x'), 80); // 5 MB
    const reply = await put.waitFor(`larger than ${MAX_API_BODY_BYTES} bytes`);
    expect(reply).toMatch(/^HTTP\/1\.1 413 Payload Too Large\r\n/);
    expect((await callApi(p, `/sessions/${id}/config`)).body).toEqual(defaultServerConfig);
  });

  it('a 10 GB Content-Length, before any of the body is sent', async () => {
    const p = await start();
    const id = await createSession(p);
    const put = await open(p, putHead(p, id, ['Content-Length: 10737418240']));
    expect(await put.waitFor('bytes')).toMatch(/^HTTP\/1\.1 413 .*\r\n[^]*larger than 262144/);
  });

  it('a large body announced with Expect: 100-continue gets no 100 Continue', async () => {
    const p = await start();
    const id = await createSession(p);
    const put = await open(
      p,
      putHead(p, id, [`Content-Length: ${5 * MB}`, 'Expect: 100-continue']),
    );
    expect(await put.waitFor('bytes')).toMatch(/^HTTP\/1\.1 413 /);
  });

  it('a small body announced with Expect: 100-continue is asked for and applied', async () => {
    const p = await start();
    const id = await createSession(p);
    const body = '{"version":1,"cors":{"allowOrigin":"*"}}';
    const put = await open(
      p,
      putHead(p, id, [`Content-Length: ${body.length}`, 'Expect: 100-continue']),
    );
    expect(await put.waitFor('\r\n\r\n')).toBe('HTTP/1.1 100 Continue\r\n\r\n');
    put.socket.write(body);
    expect(await put.waitFor('HTTP/1.1 200 OK')).toContain('"allowOrigin":"*"');
  });

  it('a chunked body sent on past the limit, as soon as it passes it', async () => {
    const p = await start();
    const id = await createSession(p);
    const put = await open(p, putHead(p, id, ['Transfer-Encoding: chunked']));
    writeBody(put, Buffer.from(`10000\r\n${'x'.repeat(0x10000)}\r\n`), 80); // 5 MB
    expect(await put.waitFor('bytes')).toMatch(/^HTTP\/1\.1 413 [^]*larger than 262144/);
    expect((await callApi(p, `/sessions/${id}/config`)).body).toEqual(defaultServerConfig);
  });
});

describe('JSON nested deeper than the limit gets 400 that says so, and changes nothing', () => {
  const deep = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  it.each([
    ['PUT', (id: string) => `/sessions/${id}/config`, `{"version":1,"cors":${deep(5000)}}`],
    ['PATCH', (id: string) => `/sessions/${id}/config`, `{"cors":${deep(5000)}}`],
    ['POST', () => '/sessions', `{"config":${deep(5000)}}`],
    ['POST', (id: string) => `/sessions/${id}/send`, `{"headers":${'['.repeat(5000)}]}`],
  ])('%s %s', async (method, path, body) => {
    const p = await start();
    const id = await createSession(p);
    const answer = await callApi(p, path(id), { method, body });
    expect(answer).toEqual({
      status: 400,
      body: {
        error: expect.stringMatching(
          new RegExp(
            `^JSON nested more than ${MAX_JSON_DEPTH} levels deep .*; nothing was changed\\.$`,
          ),
        ),
      },
    });
    expect(p.sessions.size).toBe(1);
    expect((await callApi(p, `/sessions/${id}/config`)).body).toEqual(defaultServerConfig);
  });
});

describe('more than one Host line gets 400 on the app origin (RFC 9112, section 3.2)', () => {
  it.each([
    ['a config write, the playground’s Host first', (own: string) => [own, 'evil.test']],
    ['a config write, the same Host twice', (own: string) => [own, own]],
  ])('%s', async (_name, hosts) => {
    const p = await start();
    const id = await createSession(p);
    const body = '{"version":1,"cors":{"allowOrigin":"*"}}';
    const reply = await rawExchange(
      p.ports.app,
      [
        `PUT /_playground/api/sessions/${id}/config HTTP/1.1`,
        ...hosts(`localhost:${p.ports.app}`).map((host) => `Host: ${host}`),
        `Origin: ${p.origins.app}`,
        'Content-Type: application/json',
        `Content-Length: ${body.length}`,
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
    expect(reply.toString('latin1')).toMatch(/^HTTP\/1\.1 400 [^]*Host line/);
    expect((await callApi(p, `/sessions/${id}/config`)).body).toEqual(defaultServerConfig);
  });

  it('the page', async () => {
    const p = await start();
    const reply = await rawExchange(
      p.ports.app,
      `GET / HTTP/1.1\r\nHost: localhost:${p.ports.app}\r\nHost: evil.test\r\nConnection: close\r\n\r\n`,
    );
    expect(reply.toString('latin1')).toMatch(/^HTTP\/1\.1 400 /);
  });
});

describe('creating sessions cannot evict a tab at work', () => {
  it('a burst of POST /sessions gets 503 rather than the session of a tab just used', async () => {
    const p = await start({ maxSessions: 3 });
    const tab = await createSession(p);
    await createSession(p);
    await createSession(p);
    const burst = await callApi(p, '/sessions', { method: 'POST', body: '{}' });
    expect(burst).toEqual({
      status: 503,
      body: {
        error:
          'All 3 sessions were used in the last 60 s, so none is evicted for a new one; try again later.',
      },
    });
    expect((await callApi(p, `/sessions/${tab}`)).status).toBe(200);
  });

  it('an open log stream keeps its session in use, however long since anything else', async () => {
    let now = 1_000_000;
    const p = await start({ maxSessions: 2, now: () => now });
    const watched = await createSession(p);
    const idle = await createSession(p);
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const stream = await open(p, streamHead(p, watched));
    await stream.waitFor('exchange log');
    now += 10 * 60_000;
    vi.advanceTimersByTime(15_000); // a heartbeat
    // The idle session goes; the watched one stays, and so does the one just made.
    expect((await callApi(p, '/sessions', { method: 'POST', body: '{}' })).status).toBe(201);
    expect((await callApi(p, `/sessions/${idle}`)).status).toBe(404);
    expect((await callApi(p, '/sessions', { method: 'POST', body: '{}' })).status).toBe(503);
    expect(stream.received()).not.toContain('event: end');
  });
});
