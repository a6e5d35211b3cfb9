import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { networkInterfaces } from 'node:os';
import { serverConfigSchema, type ServerConfigInput } from '../src/scenario/server-config.ts';
import { connect } from 'node:net';
import { startPlayground, type Playground } from './playground.ts';
import { sendFromServer, serverSendSchema } from './send-from-server.ts';
import { callApi, rawExchange, startTestPlayground } from './testing.ts';

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

/** What a browser sends with a same-origin fetch(): https://w3c.github.io/webappsec-fetch-metadata/ */
const SAME_ORIGIN_FETCH = [
  'Sec-Fetch-Site: same-origin',
  'Sec-Fetch-Mode: same-origin',
  'Sec-Fetch-Dest: empty',
];

/** A request as sent to one of the playground's ports (the target's unless told). */
function request(
  method: string,
  path: string,
  headers: string[] = [],
  port = playground.ports.target,
): string {
  return [`${method} ${path} HTTP/1.1`, `Host: localhost:${port}`, ...headers, '', ''].join('\r\n');
}

describe('the target accepts any method token a browser can send', () => {
  it.each<['target' | 'app', string]>([
    ...['GET', 'patch', 'CHICKEN', 'PROPFIND', "x-!#$%&'*+.^_`|~"].map(
      (method): ['target', string] => ['target', method],
    ),
    // Same-origin too: the app origin's port must not be node:http's, which answers 400.
    ...['patch', 'CHICKEN'].map((method): ['app', string] => ['app', method]),
  ])('on the %s port, answers %s with 200 and logs it', async (listener, method) => {
    const port = playground.ports[listener];
    const reply = (
      await rawExchange(
        port,
        request(method, `/s/${sessionId}/m`, listener === 'app' ? SAME_ORIGIN_FETCH : [], port),
      )
    ).toString('latin1');
    expect(reply).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    const entries = playground.sessions.get(sessionId)?.log.list().entries ?? [];
    expect(entries.map((entry) => [entry.listener, entry.request.method])).toEqual([
      [listener, method],
    ]);
  });

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

describe('a built response keeps the framing the target writes', () => {
  // Two Content-Length values (or Transfer-Encoding beside one) would have a keep-alive
  // client read part of one answer's body as the next status line.
  it.each(['Content-Length', 'transfer-encoding'])(
    'a config with %s among actual.headers is refused, and pipelined answers stay framed',
    async (name) => {
      const answer = await callApi(playground, `/sessions/${sessionId}/config`, {
        method: 'PUT',
        body: JSON.stringify({ version: 1, actual: { headers: [[name, '2']] } }),
      });
      expect(answer.status).toBe(400);
      expect(answer.body.issues).toEqual([
        { path: 'actual.headers.0.0', message: expect.stringContaining('raw response') as string },
      ]);
      const reply = (
        await rawExchange(
          playground.ports.target,
          request('GET', `/s/${sessionId}/a`) + request('GET', `/s/${sessionId}/b`),
        )
      ).toString('latin1');
      expect(reply.match(/^HTTP\/1\.1 200 OK\r\n/gm)).toHaveLength(2);
      expect(reply.match(/^(content-length|transfer-encoding):/gim)).toHaveLength(2);
    },
  );
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

  it('answers "send from the server" (a request, then a half-close) after a delay', async () => {
    playground.sessions.get(sessionId)?.configure(config({ actual: { delayMs: 150 } }));
    const send = serverSendSchema.parse({ path: '/late' });
    const answer = await sendFromServer(send, sessionId, playground.origins);
    expect(answer.status).toBe(200);
    expect(playground.sessions.get(sessionId)?.log.list().entries).toHaveLength(1);
  });

  it('does not log a delayed answer to a client gone before it was written', async () => {
    playground.sessions.get(sessionId)?.configure(config({ actual: { delayMs: 150 } }));
    const client = connect({ port: playground.ports.target, host: '127.0.0.1' });
    await new Promise((resolve) => client.on('connect', resolve));
    client.write(request('GET', `/s/${sessionId}/gone`));
    await new Promise((resolve) => setTimeout(resolve, 50));
    client.resetAndDestroy();
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(playground.sessions.get(sessionId)?.log.list().entries).toEqual([]);
  });

  it('logs which listener answered', async () => {
    await rawExchange(playground.ports.second, request('GET', `/s/${sessionId}/second`));
    expect(playground.sessions.get(sessionId)?.log.list().entries[0]?.listener).toBe('second');
  });
});

describe('the app origin', () => {
  const onApp = (method: string, path: string, headers: string[] = []): string =>
    request(method, path, headers, playground.ports.app);

  it('writes a raw response byte for byte on the app origin too', async () => {
    playground.sessions.get(sessionId)?.configure(
      config({
        raw: {
          actual: { status: 200, reason: 'Fine', headers: [['x-ODD', 'a\u000bb']], body: 'hi' },
        },
      }),
    );
    const reply = (
      await rawExchange(playground.ports.app, onApp('GET', `/s/${sessionId}/r`, SAME_ORIGIN_FETCH))
    ).toString('latin1');
    expect(reply).toBe('HTTP/1.1 200 Fine\r\nx-ODD: a\u000bb\r\n\r\nhi');
  });

  // A page, frame or worker made from a session's config would run beside the control API.
  // fetch() (and XHR, EventSource, sendBeacon) has the destination `empty` and a mode
  // other than navigate or websocket; a browser sets both, and no script can.
  it.each([
    ['a navigation', ['Sec-Fetch-Mode: navigate', 'Sec-Fetch-Dest: document']],
    ['an iframe', ['Sec-Fetch-Mode: navigate', 'Sec-Fetch-Dest: iframe']],
    ['a worker', ['Sec-Fetch-Mode: same-origin', 'Sec-Fetch-Dest: worker']],
    ['a script', ['Sec-Fetch-Mode: no-cors', 'Sec-Fetch-Dest: script']],
    ['an object', ['Sec-Fetch-Mode: no-cors', 'Sec-Fetch-Dest: object']],
    [
      'a navigate mode with an empty destination',
      ['Sec-Fetch-Mode: navigate', 'Sec-Fetch-Dest: empty'],
    ],
    ['a prefetch, which a navigation may reuse', [...SAME_ORIGIN_FETCH, 'Sec-Purpose: prefetch']],
    ['no Sec-Fetch-* at all (an old browser, or curl)', []],
    ['a destination without a mode', ['Sec-Fetch-Dest: empty']],
  ])('answers %s of a session route with a refusal that runs nothing', async (_name, headers) => {
    playground.sessions
      .get(sessionId)
      ?.configure(
        config({ actual: { body: { contentType: 'text/html', text: '<script>ran()</script>' } } }),
      );
    const reply = (
      await rawExchange(playground.ports.app, onApp('GET', `/s/${sessionId}/page`, headers))
    ).toString('latin1');
    const [head = '', body = ''] = reply.split('\r\n\r\n');
    expect(head.split('\r\n')).toEqual([
      'HTTP/1.1 403 Forbidden',
      'Content-Type: text/plain; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Content-Security-Policy: sandbox',
      'X-Content-Type-Options: nosniff',
    ]);
    expect(body).toContain('serves fetch() only');
    expect(body).toContain(`${playground.origins.sameSite}/s/${sessionId}/page`);
    expect(playground.sessions.get(sessionId)?.log.list().entries).toEqual([]);
  });

  it.each([
    ['a same-origin fetch()', SAME_ORIGIN_FETCH],
    ['a no-cors fetch()', ['Sec-Fetch-Mode: no-cors', 'Sec-Fetch-Dest: empty']],
    ['a cors fetch() from another origin', ['Sec-Fetch-Mode: cors', 'Sec-Fetch-Dest: empty']],
  ])('answers %s of a session route byte for byte', async (_name, headers) => {
    const text = '<script>ran()</script>';
    playground.sessions
      .get(sessionId)
      ?.configure(config({ actual: { body: { contentType: 'text/html', text } } }));
    const reply = (
      await rawExchange(playground.ports.app, onApp('GET', `/s/${sessionId}/page`, headers))
    ).toString('latin1');
    expect(reply).toBe(
      `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: ${text.length}\r\n\r\n${text}`,
    );
  });

  it('serves a navigation on the target origins, which are not the control API’s', async () => {
    const reply = (
      await rawExchange(
        playground.ports.target,
        request('GET', `/s/${sessionId}/page`, [
          'Sec-Fetch-Mode: navigate',
          'Sec-Fetch-Dest: document',
        ]),
      )
    ).toString('latin1');
    expect(reply).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  });

  it('hands the page and the control API to node:http on the same connection, whole', async () => {
    // A target request, then a control API write whose body arrives in two pieces: the raw
    // server answers the first and passes the second on with every byte.
    const body = JSON.stringify({ version: 1, cors: { allowOrigin: '*' } });
    const reply = (
      await rawExchange(playground.ports.app, [
        onApp('GET', `/s/${sessionId}/first`, SAME_ORIGIN_FETCH) +
          onApp('PUT', `/_playground/api/sessions/${sessionId}/config`, [
            `Origin: http://localhost:${playground.ports.app}`,
            'Content-Type: application/json',
            `Content-Length: ${body.length}`,
          ]) +
          body.slice(0, 10),
        body.slice(10),
      ])
    ).toString('latin1');
    const statuses = [...reply.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((match) => match[1]);
    expect(statuses).toEqual(['200', '200']);
    // node:http closes after its answer, so the next request comes back to the raw server.
    expect(reply).toMatch(/\r\nConnection: close\r\n/i);
    expect(playground.sessions.get(sessionId)?.config.cors.allowOrigin).toBe('*');
  });

  it('answers only the first of pipelined requests passed on, and 503 the rest unrun', async () => {
    const body = JSON.stringify({ version: 1, cors: { allowOrigin: '*' } });
    const reply = (
      await rawExchange(
        playground.ports.app,
        onApp('GET', '/') +
          onApp('PUT', `/_playground/api/sessions/${sessionId}/config`, [
            `Origin: http://localhost:${playground.ports.app}`,
            'Content-Type: application/json',
            `Content-Length: ${body.length}`,
          ]) +
          body,
      )
    ).toString('latin1');
    const statuses = [...reply.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((match) => match[1]);
    expect(statuses[0]).toBe('200');
    expect(statuses.slice(1).every((status) => status === '503')).toBe(true);
    expect(playground.sessions.get(sessionId)?.config.cors.allowOrigin).toBeUndefined();
  });

  it('delivers a large answer whole to a slow reader, then closes', async () => {
    const big = Buffer.alloc(8 * 1024 * 1024, 'a');
    const own = await startPlayground({
      ports: { app: 0, target: 0, second: 0 },
      app: (_request, response) => {
        response.writeHead(200, { 'Content-Length': big.length }).end(big);
      },
    });
    try {
      const received = await new Promise<number>((resolve, reject) => {
        let bytes = 0;
        const socket = connect({ port: own.ports.app, host: '127.0.0.1' }, () => {
          socket.write(`GET /big HTTP/1.1\r\nHost: localhost:${own.ports.app}\r\n\r\n`);
        });
        socket.pause();
        setTimeout(() => {
          socket.on('data', (chunk: Buffer) => (bytes += chunk.length)).resume();
        }, 300);
        socket.on('close', () => resolve(bytes)).on('error', reject);
      });
      expect(received).toBeGreaterThan(big.length);
      expect(received - big.length).toBeLessThan(200); // the head
    } finally {
      await own.close();
    }
  });

  it("answers 502 when the app's node:http server is gone", async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await new Promise((resolve) => playground.appServer.close(resolve));
    const reply = (await rawExchange(playground.ports.app, onApp('GET', '/'))).toString('latin1');
    expect(reply).toMatch(/^HTTP\/1\.1 502 Bad Gateway\r\n/);
    expect(reply).toContain("The playground's app server did not answer");
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });

  it('passes on a target path under another Host, which node:http redirects to localhost', async () => {
    const reply = (
      await rawExchange(
        playground.ports.app,
        `GET /s/${sessionId}/x HTTP/1.1\r\nHost: 127.0.0.1:${playground.ports.app}\r\n\r\n`,
      )
    ).toString('latin1');
    expect(reply).toMatch(/^HTTP\/1\.1 308 /);
    expect(reply).toContain(`Location: http://localhost:${playground.ports.app}/s/${sessionId}/x`);
    expect(playground.sessions.get(sessionId)?.log.list().entries).toEqual([]);
  });
});
