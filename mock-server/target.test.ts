import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { networkInterfaces } from 'node:os';
import { serverConfigSchema, type ServerConfigInput } from '../src/scenario/server-config.ts';
import type { Playground } from './playground.ts';
import { rawExchange, startTestPlayground } from './testing.ts';

const hasIPv6 = Object.values(networkInterfaces()).some((addresses) =>
  addresses?.some((address) => address.internal && address.family === 'IPv6'),
);

const config = (input: Omit<ServerConfigInput, 'version'>) =>
  serverConfigSchema.parse({ version: 1, ...input });

let playground: Playground;
let sessionId: string;

beforeEach(async () => {
  playground = await startTestPlayground();
  sessionId = playground.sessions.create().id;
});
afterEach(() => playground.close());

function request(method: string, path: string, headers: string[] = []): string {
  return [
    `${method} ${path} HTTP/1.1`,
    `Host: localhost:${playground.ports.target}`,
    ...headers,
    '',
    '',
  ].join('\r\n');
}

describe('the target accepts any method token a browser can send', () => {
  it.each(['GET', 'patch', 'CHICKEN', 'PROPFIND', "x-!#$%&'*+.^_`|~"])(
    'answers %s with 200 and logs it',
    async (method) => {
      const reply = (
        await rawExchange(playground.ports.target, request(method, `/s/${sessionId}/m`))
      ).toString('latin1');
      expect(reply).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      const session = playground.sessions.get(sessionId);
      expect(session?.log.list().entries.map((entry) => entry.request.method)).toEqual([method]);
    },
  );

  it('refuses a request line that is not HTTP with 400 and its reason', async () => {
    const reply = (await rawExchange(playground.ports.target, 'G(ET / HTTP/1.1\r\n\r\n')).toString(
      'latin1',
    );
    expect(reply).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(reply).toContain('Method "G(ET" is not an HTTP token.');
  });
});

describe('the target writes exactly the configured header lines', () => {
  it('writes Access-Control-Allow-Origin as configured, byte for byte', async () => {
    const session = playground.sessions.get(sessionId);
    if (session === undefined) throw new Error('no session');
    session.configure(
      config({ cors: { allowOrigin: { value: 'http://localhost:5173/\u000b\u00e9' } } }),
    );
    const reply = await rawExchange(playground.ports.target, request('GET', `/s/${sessionId}/x`));
    const head = reply.subarray(0, reply.indexOf('\r\n\r\n'));
    expect(
      head.includes(
        Buffer.from(
          '\r\nAccess-Control-Allow-Origin: http://localhost:5173/\x0b\xe9\r\n',
          'latin1',
        ),
      ),
    ).toBe(true);
  });

  it.each([
    [undefined, []],
    ['*' as const, ['Access-Control-Allow-Origin: *']],
    ['reflect' as const, ['Access-Control-Allow-Origin: http://a.test', 'Vary: Origin']],
  ])('allowOrigin %j gives %j', async (allowOrigin, expected) => {
    const session = playground.sessions.get(sessionId);
    if (session === undefined) throw new Error('no session');
    session.configure(config({ cors: allowOrigin === undefined ? {} : { allowOrigin } }));
    const reply = (
      await rawExchange(
        playground.ports.target,
        request('GET', `/s/${sessionId}/x`, ['Origin: http://a.test']),
      )
    ).toString('latin1');
    const lines = reply.slice(0, reply.indexOf('\r\n\r\n')).split('\r\n').slice(1);
    expect(lines.filter((line) => /^(access-control-|vary)/i.test(line))).toEqual(expected);
  });

  it('answers a preflight with 204 and no body', async () => {
    const reply = (
      await rawExchange(
        playground.ports.target,
        request('OPTIONS', `/s/${sessionId}/x`, ['Access-Control-Request-Method: PUT']),
      )
    ).toString('latin1');
    expect(reply).toMatch(/^HTTP\/1\.1 204 No Content\r\n/);
    expect(reply.endsWith('\r\n\r\n')).toBe(true);
  });
});

describe('unknown sessions and paths', () => {
  it.each([
    ['/nothing', 'No such path: /nothing.'],
    ['/s/unknown/x', 'Unknown or expired session "unknown".'],
  ])('%s gets a 404 that says why and carries no CORS headers', async (path, reason) => {
    const reply = (
      await rawExchange(playground.ports.target, request('GET', path, ['Origin: http://a.test']))
    ).toString('latin1');
    expect(reply).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
    expect(reply).toContain(reason);
    expect(reply).toContain('(This 404 carries no CORS headers.)');
    expect(reply.toLowerCase()).not.toContain('access-control-');
  });
});

describe('connections', () => {
  it('answers pipelined requests in order on one connection', async () => {
    const reply = (
      await rawExchange(
        playground.ports.target,
        request('GET', `/s/${sessionId}/one`) +
          request('PUT', `/s/${sessionId}/two`, ['Content-Length: 3']) +
          'abc',
      )
    ).toString('latin1');
    expect(reply.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(2);
    const entries = playground.sessions.get(sessionId)?.log.list().entries ?? [];
    expect(entries.map((entry) => [entry.request.method, entry.request.bodySize])).toEqual([
      ['GET', 0],
      ['PUT', 3],
    ]);
  });

  it('writes an answer that is ready at once after a delayed one before it', async () => {
    playground.sessions.get(sessionId)?.configure(config({ actual: { delayMs: 150 } }));
    const reply = (
      await rawExchange(
        playground.ports.target,
        request('GET', `/s/${sessionId}/slow`) +
          request('OPTIONS', `/s/${sessionId}/fast`, ['Access-Control-Request-Method: PUT']) +
          'NOT HTTP\r\n\r\n',
      )
    ).toString('latin1');
    const statuses = [...reply.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((match) => match[1]);
    expect(statuses).toEqual(['200', '204', '400']);
    const entries = playground.sessions.get(sessionId)?.log.list().entries ?? [];
    expect(entries.map((entry) => entry.request.target)).toEqual([
      `/s/${sessionId}/slow`,
      `/s/${sessionId}/fast`,
    ]);
  });

  it('reads a chunked body', async () => {
    await rawExchange(
      playground.ports.target,
      request('POST', `/s/${sessionId}/c`, ['Transfer-Encoding: chunked']) +
        '3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\n\r\n',
    );
    expect(playground.sessions.get(sessionId)?.log.list().entries[0]?.request.bodySize).toBe(5);
  });

  // A browser may resolve localhost to ::1; where the machine has IPv6 it must get the same target.
  it.runIf(hasIPv6)('answers on ::1 as on 127.0.0.1', async () => {
    for (const host of ['127.0.0.1', '::1']) {
      const reply = await rawExchange(
        playground.ports.target,
        request('GET', `/s/${sessionId}/ip`),
        host,
      );
      expect(reply.toString('latin1')).toMatch(/^HTTP\/1\.1 200/);
    }
    expect(playground.sessions.get(sessionId)?.log.list().entries).toHaveLength(2);
  });

  it('logs which listener answered', async () => {
    await rawExchange(playground.ports.second, request('GET', `/s/${sessionId}/second`));
    expect(playground.sessions.get(sessionId)?.log.list().entries[0]?.listener).toBe('second');
  });
});
