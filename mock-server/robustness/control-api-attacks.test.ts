// The control API under attack: every way another page, a rebound DNS name or a hostile
// client might try to change the playground, each refused with the right status and
// nothing changed (DESIGN.md, "Control API safety"; docs/api.md, "Who may call it").
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API_PREFIX } from '../../src/scenario/control-api.ts';
import type { Playground } from '../playground.ts';
import { callApi, startTestPlayground } from '../testing.ts';
import { exchange, requestBytes } from './wire.ts';

let playground: Playground;
/** A session each row may try to change; it has a config of its own and one log entry. */
let id: string;

beforeAll(async () => {
  playground = await startTestPlayground();
});
afterAll(() => playground.close());

const WILDCARD = '{"version":1,"cors":{"allowOrigin":"*"}}';

beforeEach(async () => {
  const created = await callApi(playground, '/sessions', {
    method: 'POST',
    body: '{"config":{"version":1,"cors":{"allowOrigin":"reflect"}}}',
  });
  id = created.body.id as string;
  await exchange(playground.ports.target, [
    requestBytes(`GET /s/${id}/seen HTTP/1.1`, ['Host: x', 'Connection: close'], ''),
  ]);
});

/** What a refused request must leave alone: the sessions, and one session's config and log. */
async function state(): Promise<unknown> {
  return {
    sessions: playground.sessions.size,
    config: await callApi(playground, `/sessions/${id}/config`),
    log: await callApi(playground, `/sessions/${id}/log`),
  };
}

/** The request's parts that the rows vary; `null` leaves a line out, a list repeats it. */
interface Parts {
  method?: string;
  /** The request-target; the control API path by default. */
  target?: string;
  host?: string | string[] | null;
  origin?: string | string[] | null;
  contentType?: string | string[] | null;
  extra?: string[];
  body?: string;
  /** Content-Length, or framing lines of the row's own. */
  framing?: string[];
}

function lines(name: string, value: string | string[] | null): string[] {
  if (value === null) return [];
  return (Array.isArray(value) ? value : [value]).map((one) => `${name}: ${one}`);
}

function request(path: string, parts: Parts): string {
  const { app } = playground.ports;
  const body = parts.body ?? '';
  return requestBytes(
    `${parts.method ?? 'POST'} ${parts.target ?? `${API_PREFIX}${path}`} HTTP/1.1`,
    [
      ...lines('Host', parts.host === undefined ? `localhost:${app}` : parts.host),
      ...lines('Origin', parts.origin === undefined ? playground.origins.app : parts.origin),
      ...lines(
        'Content-Type',
        parts.contentType === undefined ? 'application/json' : parts.contentType,
      ),
      ...(parts.extra ?? []),
      ...(parts.framing ?? [`Content-Length: ${Buffer.byteLength(body)}`]),
      'Connection: close',
    ],
    body,
  );
}

interface Reply {
  status: number;
  text: string;
}

async function send(pieces: (string | Buffer)[], port = playground.ports.app): Promise<Reply> {
  const { bytes } = await exchange(port, pieces, { gapMs: 50 });
  const text = bytes.toString('latin1');
  return { status: Number(/^HTTP\/1\.1 (\d{3}) /.exec(text)?.[1] ?? 0), text };
}

/** Sends the request and checks the answer's status and reason, and that nothing changed. */
async function expectRefused(
  pieces: () => (string | Buffer)[],
  status: number,
  reason: RegExp | undefined,
  port?: number,
): Promise<void> {
  const before = await state();
  const reply = await send(pieces(), port);
  expect(reply.status, reply.text.slice(0, 300)).toBe(status);
  if (reason !== undefined) expect(reply.text).toMatch(reason);
  expect(reply.text.toLowerCase()).not.toContain('access-control-');
  expect(await state()).toEqual(before);
}

/** Routes that change state, each with a body that would change it. */
const ROUTES = [
  { name: 'POST /sessions', method: 'POST', path: () => '/sessions', body: '{}' },
  { name: 'PUT config', method: 'PUT', path: () => `/sessions/${id}/config`, body: WILDCARD },
  {
    name: 'PATCH config',
    method: 'PATCH',
    path: () => `/sessions/${id}/config`,
    body: '{"cors":{"allowOrigin":"*"}}',
  },
  { name: 'DELETE log', method: 'DELETE', path: () => `/sessions/${id}/log`, body: '' },
  {
    name: 'POST send',
    method: 'POST',
    path: () => `/sessions/${id}/send`,
    body: '{"path":"/sent"}',
  },
] as const;

describe('the table’s control: the page itself may change state', () => {
  it.each(ROUTES)('$name from the page changes state', async (route) => {
    const before = await state();
    const reply = await send([request(route.path(), route)]);
    expect(reply.status).toBeLessThan(300);
    expect(await state()).not.toEqual(before);
  });

  it.each<[string, () => Parts]>([
    ['a charset parameter', () => ({ contentType: 'application/json; charset=utf-8' })],
    ['an upper-case media type', () => ({ contentType: 'APPLICATION/JSON' })],
    ['a merge patch type on PATCH', () => ({ contentType: 'application/merge-patch+json' })],
    ['Host in upper case', () => ({ host: `LocalHost:${playground.ports.app}` })],
    ['Host 127.0.0.1', () => ({ host: `127.0.0.1:${playground.ports.app}` })],
    ['Host [::1]', () => ({ host: `[::1]:${playground.ports.app}` })],
  ])('a PATCH with %s is accepted', async (_name, parts) => {
    const reply = await send([
      request(`/sessions/${id}/config`, {
        method: 'PATCH',
        body: '{"cors":{"allowOrigin":"*"}}',
        ...parts(),
      }),
    ]);
    expect(reply.status, reply.text).toBe(200);
    expect((await callApi(playground, `/sessions/${id}/config`)).body).toMatchObject({
      cors: { allowOrigin: '*' },
    });
  });
});

/** CSRF: what another page (a form, a no-cors or CORS fetch, a sandboxed frame) can send. */
const CSRF: [string, () => Parts, RegExp][] = [
  ['no Origin', () => ({ origin: null }), /must carry Origin/],
  ['a foreign Origin', () => ({ origin: 'http://evil.test' }), /may not change/],
  ['Origin: null (sandboxed frame, file:)', () => ({ origin: 'null' }), /may not change/],
  [
    'the same-site target’s Origin',
    () => ({ origin: playground.origins.sameSite }),
    /may not change/,
  ],
  [
    'the app’s port under 127.0.0.1',
    () => ({ origin: `http://127.0.0.1:${playground.ports.app}` }),
    /may not change/,
  ],
  [
    'two Origin lines, the page’s first',
    () => ({ origin: [playground.origins.app, 'http://evil.test'] }),
    /may not change/,
  ],
  ['text/plain (no-cors fetch)', () => ({ contentType: 'text/plain' }), /Content-Type/],
  [
    'a urlencoded form',
    () => ({ contentType: 'application/x-www-form-urlencoded' }),
    /Content-Type/,
  ],
  ['a multipart form', () => ({ contentType: 'multipart/form-data; boundary=x' }), /Content-Type/],
  ['no Content-Type', () => ({ contentType: null }), /Content-Type/],
  [
    'JSON named only in a parameter',
    () => ({ contentType: 'text/plain; charset=application/json' }),
    /Content-Type/,
  ],
  [
    'a no-cors fetch as Chromium sends it',
    () => ({
      origin: 'http://evil.test',
      contentType: 'text/plain;charset=UTF-8',
      extra: ['Sec-Fetch-Mode: no-cors', 'Sec-Fetch-Site: cross-site', 'Sec-Fetch-Dest: empty'],
    }),
    /may not change/,
  ],
];

describe('CSRF: another page gets 403 and changes nothing', () => {
  describe.each(ROUTES)('$name', (route) => {
    it.each(CSRF)('with %s', (_name, parts, reason) =>
      expectRefused(() => [request(route.path(), { ...route, ...parts() })], 403, reason),
    );
  });
});

describe('method overrides change nothing', () => {
  it('a GET with _method=PUT and a body reads the config and changes nothing', () =>
    expectRefused(
      () => [
        request(`/sessions/${id}/config`, {
          method: 'GET',
          target: `${API_PREFIX}/sessions/${id}/config?_method=PUT`,
          body: WILDCARD,
        }),
      ],
      200,
      /"reflect"/,
    ));

  it('a GET with X-HTTP-Method-Override: DELETE reads the log and changes nothing', () =>
    expectRefused(
      () => [
        request(`/sessions/${id}/log`, {
          method: 'GET',
          extra: ['X-HTTP-Method-Override: DELETE'],
        }),
      ],
      200,
      /"entries"/,
    ));

  it('a POST to the config with X-HTTP-Method-Override: PUT gets 405', () =>
    expectRefused(
      () => [
        request(`/sessions/${id}/config`, {
          extra: ['X-HTTP-Method-Override: PUT', 'X-Method-Override: PUT'],
          body: WILDCARD,
        }),
      ],
      405,
      /Allow: GET, PUT, PATCH/,
    ));

  it('a lower-case put is not PUT', () =>
    expectRefused(
      () => [request(`/sessions/${id}/config`, { method: 'put', body: WILDCARD })],
      400,
      undefined,
    ));

  it('a body smuggled behind Content-Length and Transfer-Encoding gets 400', () =>
    expectRefused(
      () => [
        request(`/sessions/${id}/config`, {
          method: 'PUT',
          body: `${WILDCARD.length.toString(16)}\r\n${WILDCARD}\r\n0\r\n\r\n`,
          framing: ['Content-Length: 4', 'Transfer-Encoding: chunked'],
        }),
      ],
      400,
      undefined,
    ));
});

/** DNS rebinding: Host values that are not the playground's own, for a page's read or write. */
const REBOUND_HOSTS: [string, (app: number) => string][] = [
  ['a foreign host', (app) => `evil.test:${app}`],
  ['a foreign host in upper case', (app) => `EVIL.TEST:${app}`],
  ['a foreign host without a port', () => 'evil.test'],
  ['localhost without a port', () => 'localhost'],
  ['localhost on another port', () => `localhost:${playground.ports.target}`],
  ['localhost with a trailing dot', (app) => `localhost.:${app}`],
  ['localhost with userinfo', (app) => `user@localhost:${app}`],
  ['localhost then a foreign host', (app) => `localhost:${app}@evil.test`],
  ['two hosts in one line', (app) => `localhost:${app}, evil.test`],
  ['a port with a leading zero', (app) => `localhost:0${app}`],
  ['127.1', (app) => `127.1:${app}`],
  ['127.0.0.1 as a number', (app) => `2130706433:${app}`],
  ['IPv4-mapped IPv6', (app) => `[::ffff:127.0.0.1]:${app}`],
  ['::1 written out', (app) => `[0:0:0:0:0:0:0:1]:${app}`],
  ['::1 without brackets', (app) => `::1:${app}`],
  ['[::1] without a port', () => '[::1]'],
  ['an empty Host', () => ''],
];

describe('DNS rebinding: a Host that is not the playground’s own gets 403', () => {
  it.each(REBOUND_HOSTS)('a write with %s', (_name, host) =>
    expectRefused(
      () => [
        request(`/sessions/${id}/config`, {
          method: 'PUT',
          host: host(playground.ports.app),
          body: WILDCARD,
        }),
      ],
      403,
      /own addresses/,
    ),
  );

  it.each(REBOUND_HOSTS)('a read with %s reveals nothing', async (_name, host) => {
    const reply = await send([
      request(`/sessions/${id}/config`, { method: 'GET', host: host(playground.ports.app) }),
    ]);
    expect(reply.status).toBe(403);
    expect(reply.text).not.toContain('reflect');
  });

  // RFC 9112, section 3.2.2: with an absolute-form target, its authority is the host and
  // the Host line is ignored.
  it('an absolute-form target naming a foreign host, whatever Host says', () =>
    expectRefused(
      () => [
        request('', {
          method: 'PUT',
          target: `http://evil.test${API_PREFIX}/sessions/${id}/config`,
          body: WILDCARD,
        }),
      ],
      403,
      /own addresses/,
    ));

  it('HTTP/1.0 without Host', () =>
    expectRefused(
      () => [`GET ${API_PREFIX}/sessions/${id}/config HTTP/1.0\r\n\r\n`],
      403,
      /own addresses/,
    ));

  it('HTTP/1.1 without Host gets 400 (RFC 9112, section 3.2)', () =>
    expectRefused(
      () => [request(`/sessions/${id}/config`, { method: 'PUT', host: null })],
      400,
      undefined,
    ));
});

describe('duplicate Host gets 400 on every origin (RFC 9112, section 3.2)', () => {
  const own = () => `localhost:${playground.ports.app}`;
  it.each([
    ['the same value twice', () => [own(), own()]],
    ['the playground’s first, a foreign one second', () => [own(), 'evil.test']],
    ['a foreign one first, the playground’s second', () => ['evil.test', own()]],
  ])('a write to the control API with %s', (_name, hosts) =>
    expectRefused(
      () => [request(`/sessions/${id}/config`, { method: 'PUT', host: hosts(), body: WILDCARD })],
      400,
      /Host/,
    ),
  );

  it.each([
    ['the target', () => playground.ports.target],
    ['the second target', () => playground.ports.second],
    ['the app origin’s target routes', () => playground.ports.app],
  ])('a request to %s', (_name, port) =>
    expectRefused(
      () => [
        requestBytes(
          `GET /s/${id}/x HTTP/1.1`,
          [`Host: localhost:${port()}`, 'Host: evil.test', 'Connection: close'],
          '',
        ),
      ],
      400,
      /Host/,
      port(),
    ),
  );
});

describe('content-type tricks', () => {
  // A singleton field sent twice is ambiguous (RFC 9110, section 5.3): node:http keeps the
  // first line, while Fetch's "extract a MIME type" takes the last: both are refused.
  it.each([
    ['the JSON line first', ['application/json', 'text/plain']],
    ['the JSON line second', ['text/plain', 'application/json']],
  ])('two Content-Type lines, %s, get 400', (_name, contentType) =>
    expectRefused(
      () => [request(`/sessions/${id}/config`, { method: 'PUT', contentType, body: WILDCARD })],
      400,
      /Content-Type/,
    ),
  );

  it('a merge patch type on PUT gets 403', () =>
    expectRefused(
      () => [
        request(`/sessions/${id}/config`, {
          method: 'PUT',
          contentType: 'application/merge-patch+json',
          body: WILDCARD,
        }),
      ],
      403,
      /Content-Type/,
    ));
});

/** Nested `depth` levels deep: `{"a":{"a":...}}`. */
const deepObject = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const MB = 1024 * 1024;

describe('huge and deep bodies get 413 or 400 and change nothing', () => {
  it('a 5 MB body gets 413 with the limit', () =>
    expectRefused(
      () => [
        request(`/sessions/${id}/config`, {
          method: 'PUT',
          body: `{"pad":"${'x'.repeat(5 * MB)}"}`,
        }),
      ],
      413,
      /262144 bytes/,
    ));

  it('a 10 GB Content-Length gets 413 before any of the body is sent', () =>
    expectRefused(
      () => [
        request(`/sessions/${id}/config`, {
          method: 'PUT',
          framing: ['Content-Length: 10737418240'],
        }),
      ],
      413,
      /262144 bytes/,
    ));

  it('a 5 MB body with Expect: 100-continue gets 413 and no 100 Continue', async () => {
    const head = request(`/sessions/${id}/config`, {
      method: 'PUT',
      extra: ['Expect: 100-continue'],
      framing: [`Content-Length: ${5 * MB}`],
    });
    await expectRefused(() => [head, 'x'.repeat(5 * MB)], 413, /262144 bytes/);
    expect((await send([head])).text).not.toContain('100 Continue');
  });

  it('a 5 MB chunked body gets 413', () =>
    expectRefused(
      () => [
        request(`/sessions/${id}/config`, {
          method: 'PUT',
          framing: ['Transfer-Encoding: chunked'],
        }),
        ...Array.from({ length: 5 }, () => `100000\r\n${'x'.repeat(MB)}\r\n`),
        '0\r\n\r\n',
      ],
      413,
      /262144 bytes/,
    ));

  it.each([
    [
      'a deep PUT',
      'PUT',
      () => `/sessions/${id}/config`,
      `{"version":1,"cors":${deepObject(5000)}}`,
    ],
    ['a deep PATCH', 'PATCH', () => `/sessions/${id}/config`, `{"cors":${deepObject(5000)}}`],
    [
      'a deep config in POST /sessions',
      'POST',
      () => '/sessions',
      `{"config":${deepObject(5000)}}`,
    ],
    [
      'a deep array in POST send',
      'POST',
      () => `/sessions/${id}/send`,
      `{"headers":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    ],
  ])('%s gets 400 that names the nesting limit', (_name, method, path, body) =>
    expectRefused(() => [request(path(), { method, body })], 400, /nest/i),
  );
});
