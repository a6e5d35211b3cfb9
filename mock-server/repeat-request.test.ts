import { createServer, globalAgent, type IncomingMessage, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RepeatResult } from '../src/scenario/control-api.ts';
import type { Playground } from './playground.ts';
import {
  REPEAT_MAX_BYTES,
  RepeatLimit,
  REPEATS_IN_ALL,
  REPEATS_PER_SESSION,
} from './repeat-request.ts';
import { callApi, startTestPlayground } from './testing.ts';

// Another server, as a user's API would be: what it received, and answers per path.
let api: Server;
let apiOrigin: string;
const received: IncomingMessage[] = [];
// Answers to /hold, kept until a test lets them go.
const held: (() => void)[] = [];

beforeAll(async () => {
  api = createServer((request, response) => {
    received.push(request);
    request.resume();
    if (request.url === '/hold') {
      held.push(() => response.end());
    } else if (request.url === '/redirect') {
      response.writeHead(302, { Location: 'http://elsewhere.invalid/x' }).end();
    } else if (request.url === '/huge') {
      response.writeHead(200, { 'Content-Type': 'text/plain' });
      response.end('x'.repeat(4 * REPEAT_MAX_BYTES));
    } else if (request.method === 'OPTIONS') {
      response.writeHead(204, { 'Access-Control-Allow-Origin': 'https://app.example.com' }).end();
    } else {
      response.writeHead(200, { 'Content-Type': 'application/json', 'X-Total': '3' }).end('[]');
    }
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiOrigin = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => api.close(resolve));
});

describe('POST /sessions/:id/repeat over real sockets', () => {
  let playground: Playground;
  let session: string;
  beforeAll(async () => {
    playground = await startTestPlayground();
    session = (await callApi(playground, '/sessions', { method: 'POST', body: '{}' })).body
      .id as string;
  });
  afterAll(async () => {
    globalAgent.destroy();
    await playground.close();
  });
  afterEach(() => {
    received.length = 0;
  });

  const repeat = (body: unknown) =>
    callApi(playground, `/sessions/${session}/repeat`, {
      method: 'POST',
      body: JSON.stringify(body),
    });

  it('sends the preflight as the browser did, with the page origin, and returns it in the log shape', async () => {
    const answer = await repeat({
      url: `${apiOrigin}/api/items?page=2`,
      method: 'OPTIONS',
      headers: [
        ['Access-Control-Request-Method', 'PUT'],
        ['Access-Control-Request-Headers', 'content-type'],
      ],
    });
    expect(answer.status).toBe(200);
    const result = answer.body as unknown as RepeatResult;
    expect(result.entry.listener).toBe('node');
    expect(result.entry.request).toMatchObject({
      method: 'OPTIONS',
      target: '/api/items?page=2',
      host: new URL(apiOrigin).host,
    });
    expect(result.entry.response.status).toBe(204);
    expect(result.entry.response.headers).toContainEqual([
      'Access-Control-Allow-Origin',
      'https://app.example.com',
    ]);
    const [arrived] = received;
    expect(arrived?.headers.origin).toBe(playground.origins.app);
    expect(arrived?.headers['access-control-request-method']).toBe('PUT');
    expect(arrived?.url).toBe('/api/items?page=2');
  });

  it('keeps the method as typed, the body, and the Origin line where the page put it', async () => {
    const answer = await repeat({
      url: `${apiOrigin}/api/items`,
      method: 'POST',
      headers: [
        ['Origin', playground.origins.app],
        ['Content-Type', 'application/json'],
      ],
      body: '{"n":1}',
    });
    expect(answer.status).toBe(200);
    const result = answer.body as unknown as RepeatResult;
    expect(result.body).toBe('[]');
    expect(result.entry.response.headers).toContainEqual(['X-Total', '3']);
    expect(result.entry.request.headers.map(([name]) => name)).toEqual([
      'Host',
      'Origin',
      'Content-Type',
      'Content-Length',
      'Connection',
    ]);
  });

  it('does not follow a redirect: the 3xx is the answer, its Location shown', async () => {
    const result = (await repeat({ url: `${apiOrigin}/redirect`, method: 'GET' }))
      .body as unknown as RepeatResult;
    expect(result.entry.response.status).toBe(302);
    expect(result.entry.response.headers).toContainEqual([
      'Location',
      'http://elsewhere.invalid/x',
    ]);
    expect(received).toHaveLength(1);
  });

  it('reads at most REPEAT_MAX_BYTES of an answer, and says it cut the rest', async () => {
    const result = (await repeat({ url: `${apiOrigin}/huge`, method: 'GET' }))
      .body as unknown as RepeatResult;
    expect(result.cut).toBe(true);
    expect(result.entry.response.status).toBe(200);
    expect(result.body.length).toBeLessThan(REPEAT_MAX_BYTES);
  });

  it('a refused connection is a 502 that says it is not CORS', async () => {
    const closed = createNetServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const answer = await repeat({ url: `http://127.0.0.1:${port}/`, method: 'GET' });
    expect(answer.status).toBe(502);
    expect(answer.body.error).toBe(
      `No answer, and not a CORS problem: the connection to 127.0.0.1:${port} was refused: nothing listens there.`,
    );
  });

  it('an answer that is not HTTP/1.x is a 502 that says the server answered', async () => {
    const other = createNetServer((socket) => socket.resume().end('SSH-2.0-OpenSSH_9.6\r\n'));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const port = (other.address() as AddressInfo).port;
    const answer = await repeat({ url: `http://127.0.0.1:${port}/`, method: 'GET' });
    await new Promise((resolve) => other.close(resolve));
    expect(answer.status).toBe(502);
    expect(answer.body.error).toBe(
      `127.0.0.1:${port} answered, but not as HTTP/1.1: it began with "SSH-2.0", not "HTTP/1.". Not a CORS problem.`,
    );
  });

  it(`past ${REPEATS_PER_SESSION} repeats in flight, a session gets 429 and nothing is sent`, async () => {
    const waiting = Array.from({ length: REPEATS_PER_SESSION }, () =>
      repeat({ url: `${apiOrigin}/hold`, method: 'GET' }),
    );
    await expect.poll(() => held.length).toBe(REPEATS_PER_SESSION);
    const refused = await repeat({ url: `${apiOrigin}/`, method: 'GET' });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toContain('already has 4 repeats waiting');
    expect(received).toHaveLength(REPEATS_PER_SESSION);
    for (const release of held.splice(0)) release();
    expect((await Promise.all(waiting)).map((answer) => answer.status)).toEqual(
      Array(REPEATS_PER_SESSION).fill(200),
    );
    expect((await repeat({ url: `${apiOrigin}/`, method: 'GET' })).status).toBe(200);
  });

  it('sends no Origin for a same-origin GET, as the browser does, and one for a POST', async () => {
    const sent = async (method: string) =>
      (
        (await repeat({ url: `${playground.origins.app}/`, method }))
          .body as unknown as RepeatResult
      ).entry.request.headers;
    expect(await sent('GET')).not.toContainEqual(['Origin', playground.origins.app]);
    expect(await sent('get')).not.toContainEqual(['Origin', playground.origins.app]);
    expect(await sent('POST')).toContainEqual(['Origin', playground.origins.app]);
  });

  it('a host that does not resolve is a 502 that names DNS', async () => {
    const answer = await repeat({ url: 'http://nowhere.invalid/', method: 'GET' });
    expect(answer.status).toBe(502);
    expect(answer.body.error).toContain('did not resolve (DNS)');
  });

  it('TLS to a server that speaks plain HTTP is a 502 that names TLS', async () => {
    const answer = await repeat({ url: `${apiOrigin.replace('http:', 'https:')}/`, method: 'GET' });
    expect(answer.status).toBe(502);
    expect(answer.body.error).toContain('TLS');
  });

  it.each([
    ['another Origin', { headers: [['Origin', 'https://evil.example']] }, 'is not the page'],
    ['a Cookie line', { headers: [['Cookie', 'a=1']] }, 'cookies'],
    ['a Host line', { headers: [['Host', 'intranet']] }, 'must not be Host'],
    ['a file: URL', { url: 'file:///etc/passwd' }, 'http or https'],
    ['credentials in the URL', { url: 'http://u:p@127.0.0.1/' }, 'user name or password'],
    ['a method that is no token', { method: 'GET /x' }, 'HTTP token'],
  ])('refuses %s with 400, and sends nothing', async (_name, change, reason) => {
    const answer = await repeat({ url: `${apiOrigin}/`, method: 'GET', ...change });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain(reason);
    expect(received).toHaveLength(0);
  });

  it('another site cannot make the playground repeat anything (CSRF)', async () => {
    const answer = await callApi(playground, `/sessions/${session}/repeat`, {
      method: 'POST',
      body: JSON.stringify({ url: `${apiOrigin}/`, method: 'GET' }),
      headers: { Origin: 'https://evil.example' },
    });
    expect(answer.status).toBe(403);
    expect(received).toHaveLength(0);
  });
});

describe('RepeatLimit', () => {
  it(`holds ${REPEATS_IN_ALL} repeats in all, across sessions, and frees a place when one ends`, () => {
    const limit = new RepeatLimit();
    const sessions = Array.from(
      { length: REPEATS_IN_ALL / REPEATS_PER_SESSION },
      (_, index) => `s${index}`,
    );
    for (const session of sessions) {
      for (let n = 0; n < REPEATS_PER_SESSION; n += 1) expect(limit.take(session)).toBeUndefined();
    }
    expect(limit.take('another')).toContain(`playground already has ${REPEATS_IN_ALL} repeats`);
    limit.free('s0');
    expect(limit.take('another')).toBeUndefined();
  });
});
