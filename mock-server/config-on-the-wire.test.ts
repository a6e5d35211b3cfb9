import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  parseServerConfig,
  serverConfigSchema,
  type ServerConfigInput,
} from '../src/scenario/server-config.ts';
import type { Playground } from './playground.ts';
import { rawExchange, startTestPlayground } from './testing.ts';

// Every configuration field, as the bytes the target writes on a real socket: the status
// line and the header lines in order, with case and duplicates as they go out.

const APP = 'http://localhost:5173';
const DEFAULT_BODY = '{"message":"Hello from the target"}\n';
const JSON_TYPE = 'Content-Type: application/json; charset=utf-8';
const DEFAULT_TAIL = [JSON_TYPE, `Content-Length: ${DEFAULT_BODY.length}`];

let playground: Playground;

beforeEach(async () => {
  playground = await startTestPlayground();
});
afterEach(() => playground.close());

/** A session on the playground with this config; returns its id. */
function sessionWith(input: Omit<ServerConfigInput, 'version'>): string {
  return playground.sessions.create(serverConfigSchema.parse({ version: 1, ...input })).id;
}

/** A request's bytes, closing the connection after the answer unless `keepAlive`. */
function request(
  method: string,
  target: string,
  headers: string[] = [],
  { host = `localhost:${playground.ports.target}`, keepAlive = false } = {},
): string {
  return [
    `${method} ${target} HTTP/1.1`,
    `Host: ${host}`,
    ...headers,
    ...(keepAlive ? [] : ['Connection: close']),
    '',
    '',
  ].join('\r\n');
}

/** The whole reply as Latin-1 text: one character per byte on the wire. */
async function exchange(bytes: string, port = playground.ports.target): Promise<string> {
  return (await rawExchange(port, bytes)).toString('latin1');
}

/** The reply we expect, byte for byte: status line, header lines, blank line, body. */
function wire(statusLine: string, lines: string[], body = ''): string {
  return [statusLine, ...lines, '', body].join('\r\n');
}

const preflightFrom = (origin: string, method = 'PUT', requestHeaders?: string) => [
  `Origin: ${origin}`,
  `Access-Control-Request-Method: ${method}`,
  ...(requestHeaders === undefined ? [] : [`Access-Control-Request-Headers: ${requestHeaders}`]),
];

describe('shared cors fields on the actual response', () => {
  type Row = [
    name: string,
    cors: NonNullable<ServerConfigInput['cors']>,
    origin: string | undefined,
    lines: string[],
  ];
  it.each<Row>([
    ['no cors config sends no CORS lines', {}, APP, []],
    ['allowOrigin "*"', { allowOrigin: '*' }, APP, ['Access-Control-Allow-Origin: *']],
    [
      'allowOrigin reflect',
      { allowOrigin: 'reflect' },
      APP,
      [`Access-Control-Allow-Origin: ${APP}`, 'Vary: Origin'],
    ],
    [
      'allowOrigin reflect without an Origin',
      { allowOrigin: 'reflect' },
      undefined,
      ['Vary: Origin'],
    ],
    [
      'allowOrigin allowList, listed',
      { allowOrigin: { allowList: ['http://a.test', APP] } },
      APP,
      [`Access-Control-Allow-Origin: ${APP}`, 'Vary: Origin'],
    ],
    [
      'allowOrigin allowList, unlisted',
      { allowOrigin: { allowList: ['http://a.test'] } },
      APP,
      ['Vary: Origin'],
    ],
    [
      'allowOrigin allowList, case differs',
      { allowOrigin: { allowList: ['http://LOCALHOST:5173'] } },
      APP,
      ['Vary: Origin'],
    ],
    [
      'allowOrigin a literal',
      { allowOrigin: { value: `${APP}/` } },
      APP,
      [`Access-Control-Allow-Origin: ${APP}/`],
    ],
    [
      'allowCredentials true',
      { allowOrigin: 'reflect', allowCredentials: true },
      APP,
      [
        `Access-Control-Allow-Origin: ${APP}`,
        'Access-Control-Allow-Credentials: true',
        'Vary: Origin',
      ],
    ],
    [
      'allowCredentials a literal',
      { allowCredentials: { value: 'TRUE' } },
      APP,
      ['Access-Control-Allow-Credentials: TRUE'],
    ],
    [
      'exposeHeaders a list',
      { allowOrigin: '*', exposeHeaders: ['ETag', 'X-RateLimit-Remaining'] },
      APP,
      [
        'Access-Control-Allow-Origin: *',
        'Access-Control-Expose-Headers: ETag, X-RateLimit-Remaining',
      ],
    ],
    ['exposeHeaders "*"', { exposeHeaders: '*' }, APP, ['Access-Control-Expose-Headers: *']],
    [
      'exposeHeaders a literal',
      { exposeHeaders: { value: 'etag ,' } },
      APP,
      ['Access-Control-Expose-Headers: etag ,'],
    ],
    // Preflight-only fields stay off the actual response.
    [
      'allowMethods, allowHeaders and maxAge are not sent',
      { allowMethods: ['PUT'], allowHeaders: ['x-a'], maxAge: 5 },
      APP,
      [],
    ],
    [
      'vary off',
      { allowOrigin: 'reflect', vary: 'off' },
      APP,
      [`Access-Control-Allow-Origin: ${APP}`],
    ],
  ])('%s', async (_name, cors, origin, lines) => {
    const id = sessionWith({ cors });
    const reply = await exchange(
      request('GET', `/s/${id}/x`, origin === undefined ? [] : [`Origin: ${origin}`]),
    );
    expect(reply).toBe(wire('HTTP/1.1 200 OK', [...lines, ...DEFAULT_TAIL], DEFAULT_BODY));
  });

  it('writes a literal value byte for byte, 0x0B and Latin-1 included', async () => {
    const id = sessionWith({ cors: { allowOrigin: { value: `${APP}\u000b\u00e9` } } });
    const reply = await rawExchange(playground.ports.target, request('GET', `/s/${id}/x`));
    expect(reply.subarray(0, reply.indexOf('\r\n\r\n'))).toEqual(
      Buffer.from(
        `HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: ${APP}\x0b\xe9\r\n${DEFAULT_TAIL.join('\r\n')}`,
        'latin1',
      ),
    );
  });
});

describe('shared cors fields on the preflight', () => {
  type Row = [
    name: string,
    cors: NonNullable<ServerConfigInput['cors']>,
    requestHeaders: string | undefined,
    lines: string[],
  ];
  it.each<Row>([
    ['no cors config sends no CORS lines', {}, undefined, []],
    [
      'allowOrigin reflect with credentials',
      { allowOrigin: 'reflect', allowCredentials: true },
      undefined,
      [
        `Access-Control-Allow-Origin: ${APP}`,
        'Access-Control-Allow-Credentials: true',
        'Vary: Origin',
      ],
    ],
    [
      'allowMethods a list',
      { allowMethods: ['PUT', 'patch'] },
      undefined,
      ['Access-Control-Allow-Methods: PUT, patch'],
    ],
    ['allowMethods "*"', { allowMethods: '*' }, undefined, ['Access-Control-Allow-Methods: *']],
    [
      'allowMethods a literal',
      { allowMethods: { value: 'PUT,' } },
      undefined,
      ['Access-Control-Allow-Methods: PUT,'],
    ],
    [
      'allowHeaders a list',
      { allowHeaders: ['Content-Type', 'x-token'] },
      'x-token',
      ['Access-Control-Allow-Headers: Content-Type, x-token'],
    ],
    ['allowHeaders "*"', { allowHeaders: '*' }, 'x-token', ['Access-Control-Allow-Headers: *']],
    [
      'allowHeaders reflect',
      { allowHeaders: 'reflect' },
      'content-type,x-token',
      [
        'Access-Control-Allow-Headers: content-type,x-token',
        'Vary: Access-Control-Request-Headers',
      ],
    ],
    [
      'allowHeaders reflect without Access-Control-Request-Headers',
      { allowHeaders: 'reflect' },
      undefined,
      ['Vary: Access-Control-Request-Headers'],
    ],
    ['maxAge seconds', { maxAge: 600 }, undefined, ['Access-Control-Max-Age: 600']],
    ['maxAge a literal', { maxAge: { value: '1e3' } }, undefined, ['Access-Control-Max-Age: 1e3']],
    [
      'vary auto with both reflected',
      { allowOrigin: 'reflect', allowHeaders: 'reflect' },
      'x-a',
      [
        `Access-Control-Allow-Origin: ${APP}`,
        'Access-Control-Allow-Headers: x-a',
        'Vary: Origin, Access-Control-Request-Headers',
      ],
    ],
    [
      'vary off with both reflected',
      { allowOrigin: 'reflect', allowHeaders: 'reflect', vary: 'off' },
      'x-a',
      [`Access-Control-Allow-Origin: ${APP}`, 'Access-Control-Allow-Headers: x-a'],
    ],
    // exposeHeaders is for the actual response only.
    ['exposeHeaders is not sent', { exposeHeaders: ['ETag'] }, undefined, []],
    [
      'every field, in order',
      {
        allowOrigin: '*',
        allowCredentials: true,
        allowMethods: ['PUT'],
        allowHeaders: ['x-a'],
        exposeHeaders: ['ETag'],
        maxAge: 1,
      },
      'x-a',
      [
        'Access-Control-Allow-Origin: *',
        'Access-Control-Allow-Credentials: true',
        'Access-Control-Allow-Methods: PUT',
        'Access-Control-Allow-Headers: x-a',
        'Access-Control-Max-Age: 1',
      ],
    ],
  ])('%s', async (_name, cors, requestHeaders, lines) => {
    const id = sessionWith({ cors });
    const reply = await exchange(
      request('OPTIONS', `/s/${id}/x`, preflightFrom(APP, 'PUT', requestHeaders)),
    );
    expect(reply).toBe(wire('HTTP/1.1 204 No Content', lines));
  });
});

describe('preflight handling', () => {
  const cors = { allowOrigin: '*' as const, allowMethods: ['PUT'], exposeHeaders: ['ETag'] };

  it.each([
    [200, 'OK'],
    [404, 'Not Found'],
    [500, 'Internal Server Error'],
    [418, "I'm a Teapot"],
  ])(
    'answer %i writes its status, the CORS lines and Content-Length: 0',
    async (status, reason) => {
      const id = sessionWith({ cors, preflight: { handling: { kind: 'answer', status } } });
      const reply = await exchange(request('OPTIONS', `/s/${id}/x`, preflightFrom(APP)));
      expect(reply).toBe(
        wire(`HTTP/1.1 ${status} ${reason}`, [
          'Access-Control-Allow-Origin: *',
          'Access-Control-Allow-Methods: PUT',
          'Content-Length: 0',
        ]),
      );
    },
  );

  it('answer 204 (the default) writes no Content-Length and no body', async () => {
    const id = sessionWith({ cors });
    const reply = await exchange(request('OPTIONS', `/s/${id}/x`, preflightFrom(APP)));
    expect(reply).toBe(
      wire('HTTP/1.1 204 No Content', [
        'Access-Control-Allow-Origin: *',
        'Access-Control-Allow-Methods: PUT',
      ]),
    );
  });

  it.each([
    ['304 writes no Content-Length, as for 204', 304, 'Not Modified', []],
    ['a 3xx writes no Location: a final answer', 302, 'Found', ['Content-Length: 0']],
    ['680 writes an empty reason', 680, '', ['Content-Length: 0']],
  ])('answer %s', async (_name, status, reason, framing) => {
    const id = sessionWith({ cors, preflight: { handling: { kind: 'answer', status } } });
    const reply = await exchange(request('OPTIONS', `/s/${id}/x`, preflightFrom(APP)));
    expect(reply).toBe(
      wire(`HTTP/1.1 ${status} ${reason}`, [
        'Access-Control-Allow-Origin: *',
        'Access-Control-Allow-Methods: PUT',
        ...framing,
      ]),
    );
  });

  it('fallthrough gives the preflight the actual response, with the actual CORS lines', async () => {
    const id = sessionWith({
      cors,
      preflight: { handling: { kind: 'fallthrough' }, headers: [['X-Preflight', 'never']] },
      actual: { status: 201, headers: [['ETag', '"v1"']] },
    });
    const reply = await exchange(request('OPTIONS', `/s/${id}/x`, preflightFrom(APP)));
    expect(reply).toBe(
      wire(
        'HTTP/1.1 201 Created',
        [
          'Access-Control-Allow-Origin: *',
          'Access-Control-Expose-Headers: ETag',
          'ETag: "v1"',
          ...DEFAULT_TAIL,
        ],
        DEFAULT_BODY,
      ),
    );
  });

  it('fallthrough follows the actual redirect hops too', async () => {
    const id = sessionWith({
      preflight: { handling: { kind: 'fallthrough' } },
      actual: { redirects: [{ status: 302, to: 'second', cors: false }] },
    });
    const reply = await exchange(request('OPTIONS', `/s/${id}/x`, preflightFrom(APP)));
    expect(reply).toBe(
      wire('HTTP/1.1 302 Found', [
        `Location: ${playground.origins.second}/s/${id}/_hop/1/x`,
        'Content-Length: 0',
      ]),
    );
  });

  // The preflight's redirect names the hop the preflight itself arrived on, not the next.
  it.each([
    ['sameSite', 307, 'Temporary Redirect', () => `http://localhost:${playground.ports.target}`],
    ['crossSite', 308, 'Permanent Redirect', () => `http://127.0.0.1:${playground.ports.target}`],
    ['second', 301, 'Moved Permanently', () => `http://localhost:${playground.ports.second}`],
  ] as const)(
    'redirect to %s writes its status, the CORS lines, the extra lines, then Location',
    async (to, status, reason, origin) => {
      const id = sessionWith({
        cors,
        preflight: {
          handling: { kind: 'redirect', status, to },
          headers: [['Cache-Control', 'no-store']],
        },
      });
      const reply = await exchange(
        request('OPTIONS', `/s/${id}/x/y?q=1&r=%20`, preflightFrom(APP)),
      );
      expect(reply).toBe(
        wire(`HTTP/1.1 ${status} ${reason}`, [
          'Access-Control-Allow-Origin: *',
          'Access-Control-Allow-Methods: PUT',
          'Cache-Control: no-store',
          `Location: ${origin()}/s/${id}/_hop/0/x/y?q=1&r=%20`,
          'Content-Length: 0',
        ]),
      );
    },
  );

  it('writes the extra lines after the CORS lines, with case and duplicates kept', async () => {
    const id = sessionWith({
      cors,
      preflight: {
        headers: [
          ['Cache-Control', 'no-store'],
          ['access-control-allow-origin', 'http://dup.test'],
          ['X-ODD', '\u000bodd\u00ff'],
          ['Cache-Control', 'max-age=0'],
        ],
      },
    });
    const reply = await exchange(request('OPTIONS', `/s/${id}/x`, preflightFrom(APP)));
    expect(reply).toBe(
      wire('HTTP/1.1 204 No Content', [
        'Access-Control-Allow-Origin: *',
        'Access-Control-Allow-Methods: PUT',
        'Cache-Control: no-store',
        'access-control-allow-origin: http://dup.test',
        'X-ODD: \x0bodd\xff',
        'Cache-Control: max-age=0',
      ]),
    );
  });

  it('applies the preflight overrides, null leaving a line out', async () => {
    const id = sessionWith({
      cors: { allowOrigin: 'reflect', allowCredentials: true, allowMethods: ['PUT'], maxAge: 5 },
      preflight: { cors: { allowOrigin: '*', allowCredentials: null, maxAge: { value: '-1' } } },
    });
    const reply = await exchange(request('OPTIONS', `/s/${id}/x`, preflightFrom(APP)));
    expect(reply).toBe(
      wire('HTTP/1.1 204 No Content', [
        'Access-Control-Allow-Origin: *',
        'Access-Control-Allow-Methods: PUT',
        'Access-Control-Max-Age: -1',
      ]),
    );
  });
});

describe('what counts as a preflight', () => {
  it('an OPTIONS without Access-Control-Request-Method gets the actual response', async () => {
    const id = sessionWith({
      cors: { allowOrigin: '*', allowMethods: ['PUT'] },
      preflight: { handling: { kind: 'answer', status: 500 }, headers: [['X-Preflight', '1']] },
    });
    const reply = await exchange(request('OPTIONS', `/s/${id}/x`, [`Origin: ${APP}`]));
    expect(reply).toBe(
      wire('HTTP/1.1 200 OK', ['Access-Control-Allow-Origin: *', ...DEFAULT_TAIL], DEFAULT_BODY),
    );
  });

  it('an OPTIONS without Access-Control-Request-Method gets the computed actual response, not raw.preflight', async () => {
    const id = sessionWith({ raw: { preflight: { status: 299, headers: [['X-Raw', '1']] } } });
    const reply = await exchange(request('OPTIONS', `/s/${id}/x`));
    expect(reply).toBe(wire('HTTP/1.1 200 OK', DEFAULT_TAIL, DEFAULT_BODY));
  });

  it('an OPTIONS with Access-Control-Request-Method in another case is a preflight', async () => {
    const id = sessionWith({ cors: { allowMethods: ['PUT'] } });
    const reply = await exchange(
      request('OPTIONS', `/s/${id}/x`, ['access-control-request-METHOD: PUT']),
    );
    expect(reply).toBe(wire('HTTP/1.1 204 No Content', ['Access-Control-Allow-Methods: PUT']));
  });

  it('a lowercase "options" is not a preflight: it gets the actual response', async () => {
    const id = sessionWith({ cors: { allowMethods: ['PUT'] } });
    const reply = await exchange(
      request('options', `/s/${id}/x`, ['Access-Control-Request-Method: PUT']),
    );
    expect(reply).toBe(wire('HTTP/1.1 200 OK', DEFAULT_TAIL, DEFAULT_BODY));
  });
});

describe('the actual response', () => {
  it('writes the status, the CORS lines, the extra lines, cookies, then the body framing', async () => {
    const id = sessionWith({
      cors: { allowOrigin: 'reflect', exposeHeaders: ['ETag', 'Link', 'X-RateLimit-Remaining'] },
      actual: {
        status: 201,
        body: { contentType: 'text/plain; charset=utf-8', text: 'héllo ☃' },
        headers: [
          ['ETag', '"v1"'],
          ['Link', '</s/next>; rel="next"'],
          ['X-RateLimit-Remaining', '0'],
        ],
        cookies: [{ name: 'sid', value: 'abc' }],
      },
    });
    const reply = await rawExchange(
      playground.ports.target,
      request('POST', `/s/${id}/items`, [`Origin: ${APP}`, 'Content-Length: 2']) + 'hi',
    );
    const body = Buffer.from('héllo ☃', 'utf8');
    expect(reply).toEqual(
      Buffer.concat([
        Buffer.from(
          wire('HTTP/1.1 201 Created', [
            `Access-Control-Allow-Origin: ${APP}`,
            'Access-Control-Expose-Headers: ETag, Link, X-RateLimit-Remaining',
            'Vary: Origin',
            'ETag: "v1"',
            'Link: </s/next>; rel="next"',
            'X-RateLimit-Remaining: 0',
            'Set-Cookie: sid=abc',
            'Content-Type: text/plain; charset=utf-8',
            `Content-Length: ${body.length}`,
          ]),
          'latin1',
        ),
        body,
      ]),
    );
  });

  it('writes a Set-Cookie line per cookie, every attribute in order', async () => {
    const id = sessionWith({
      actual: {
        cookies: [
          {
            name: 'sid',
            value: 'a b,c',
            path: '/s',
            maxAge: 60,
            sameSite: 'None',
            secure: true,
            httpOnly: true,
            partitioned: true,
          },
          { name: 'gone', value: '', maxAge: 0, sameSite: 'Strict' },
          {
            name: 'lax',
            value: '1',
            sameSite: 'Lax',
            secure: false,
            httpOnly: false,
            partitioned: false,
          },
        ],
      },
    });
    const reply = await exchange(request('GET', `/s/${id}/x`));
    expect(reply).toBe(
      wire(
        'HTTP/1.1 200 OK',
        [
          'Set-Cookie: sid=a b,c; Path=/s; Max-Age=60; SameSite=None; Secure; HttpOnly; Partitioned',
          'Set-Cookie: gone=; Max-Age=0; SameSite=Strict',
          'Set-Cookie: lax=1; SameSite=Lax',
          ...DEFAULT_TAIL,
        ],
        DEFAULT_BODY,
      ),
    );
  });

  it.each([
    [200, 'OK'],
    [404, 'Not Found'],
    [418, "I'm a Teapot"],
    [503, 'Service Unavailable'],
  ])('status %i is written with its reason phrase', async (status, reason) => {
    const id = sessionWith({ actual: { status } });
    const reply = await exchange(request('GET', `/s/${id}/x`));
    expect(reply).toBe(wire(`HTTP/1.1 ${status} ${reason}`, DEFAULT_TAIL, DEFAULT_BODY));
  });

  it.each([221, 299, 680, 999])(
    'status %i, without a standard reason, is written with an empty one',
    async (status) => {
      const id = sessionWith({ actual: { status } });
      const reply = await exchange(request('GET', `/s/${id}/x`));
      expect(reply).toBe(wire(`HTTP/1.1 ${status} `, DEFAULT_TAIL, DEFAULT_BODY));
    },
  );

  it('writes no Content-Type for a body whose contentType is null', async () => {
    const id = sessionWith({
      cors: { allowOrigin: '*' },
      actual: { body: { contentType: null, text: 'ok' } },
    });
    const reply = await exchange(request('GET', `/s/${id}/x`));
    expect(reply).toBe(
      wire('HTTP/1.1 200 OK', ['Access-Control-Allow-Origin: *', 'Content-Length: 2'], 'ok'),
    );
  });

  it('writes a Content-Type listed among the extra lines where it stands, and no other', async () => {
    const id = sessionWith({
      actual: {
        headers: [
          ['content-type', 'text/html'],
          ['X-Powered-By', 'Express'],
        ],
      },
    });
    const reply = await exchange(request('GET', `/s/${id}/x`));
    expect(reply).toBe(
      wire(
        'HTTP/1.1 200 OK',
        [
          'content-type: text/html',
          'X-Powered-By: Express',
          `Content-Length: ${DEFAULT_BODY.length}`,
        ],
        DEFAULT_BODY,
      ),
    );
  });

  it('status 204 has no Content-Type, Content-Length or body', async () => {
    const id = sessionWith({
      cors: { allowOrigin: '*' },
      actual: {
        status: 204,
        body: { contentType: 'text/plain', text: 'dropped' },
        headers: [['ETag', '"x"']],
      },
    });
    const reply = await exchange(request('DELETE', `/s/${id}/x`));
    expect(reply).toBe(
      wire('HTTP/1.1 204 No Content', ['Access-Control-Allow-Origin: *', 'ETag: "x"']),
    );
  });

  it('a HEAD gets the GET head with no body', async () => {
    const id = sessionWith({ actual: { body: { contentType: 'text/plain', text: 'four' } } });
    const reply = await exchange(request('HEAD', `/s/${id}/x`));
    expect(reply).toBe(wire('HTTP/1.1 200 OK', ['Content-Type: text/plain', 'Content-Length: 4']));
  });

  it('applies the actual overrides, null leaving a line out', async () => {
    const id = sessionWith({
      cors: { allowOrigin: '*', allowCredentials: true, exposeHeaders: ['ETag'] },
      actual: {
        cors: { allowOrigin: { allowList: [APP] }, allowCredentials: null, exposeHeaders: '*' },
      },
    });
    const reply = await exchange(request('GET', `/s/${id}/x`, [`Origin: ${APP}`]));
    expect(reply).toBe(
      wire(
        'HTTP/1.1 200 OK',
        [
          `Access-Control-Allow-Origin: ${APP}`,
          'Access-Control-Expose-Headers: *',
          'Vary: Origin',
          ...DEFAULT_TAIL,
        ],
        DEFAULT_BODY,
      ),
    );
  });

  it('waits delayMs before answering', async () => {
    const id = sessionWith({ actual: { delayMs: 300 } });
    const started = performance.now();
    const reply = await exchange(request('GET', `/s/${id}/x`));
    const elapsed = performance.now() - started;
    expect(reply).toBe(wire('HTTP/1.1 200 OK', DEFAULT_TAIL, DEFAULT_BODY));
    // Timers may fire up to a millisecond early by rounding.
    expect(elapsed).toBeGreaterThanOrEqual(299);
    expect(playground.sessions.get(id)?.log.list().entries[0]?.durationMs).toBeGreaterThanOrEqual(
      299,
    );
  });
});

describe('redirect hops', () => {
  /** Where a Location points: the port to connect to, the Host to name, the target to ask. */
  function follow(location: string): { port: number; host: string; target: string } {
    const url = new URL(location);
    return { port: Number(url.port), host: url.host, target: `${url.pathname}${url.search}` };
  }

  it('writes a hop with its own CORS lines and extra lines, before its Location', async () => {
    const id = sessionWith({
      cors: { allowOrigin: '*' },
      actual: {
        redirects: [
          {
            status: 307,
            to: 'second',
            cors: {
              allowOrigin: { value: '{{origin}}' },
              allowCredentials: true,
              allowHeaders: ['X-Token'],
              maxAge: 60,
            },
            headers: [
              ['Cache-Control', 'no-store'],
              ['X-Hop', '{{target}}'],
            ],
          },
        ],
      },
    });
    const target = playground.ports.target;
    expect(await exchange(request('GET', `/s/${id}/x`, [`Origin: ${APP}`]))).toBe(
      wire('HTTP/1.1 307 Temporary Redirect', [
        `Access-Control-Allow-Origin: ${playground.origins.app}`,
        'Access-Control-Allow-Credentials: true',
        'Access-Control-Allow-Headers: X-Token',
        'Access-Control-Max-Age: 60',
        'Cache-Control: no-store',
        `X-Hop: http://localhost:${target}`,
        `Location: http://localhost:${playground.ports.second}/s/${id}/_hop/1/x`,
        'Content-Length: 0',
      ]),
    );
    // The response after the hop keeps the shared settings.
    expect(
      await exchange(
        request('GET', `/s/${id}/_hop/1/x`, ['Origin: null']),
        playground.ports.second,
      ),
    ).toContain('Access-Control-Allow-Origin: *\r\n');
  });

  it('answers one hop per request, each Location on its origin, then the actual response', async () => {
    const id = sessionWith({
      cors: { allowOrigin: 'reflect', exposeHeaders: ['ETag'] },
      actual: {
        headers: [['ETag', '"final"']],
        redirects: [
          { status: 302, to: 'sameSite' },
          { status: 307, to: 'crossSite', cors: false },
          { status: 308, to: 'second' },
        ],
      },
    });
    const target = playground.ports.target;
    const second = playground.ports.second;
    const hops = [
      {
        at: { port: target, host: `localhost:${target}`, target: `/s/${id}/items/1?x=1&y=%2F` },
        reply: wire('HTTP/1.1 302 Found', [
          `Access-Control-Allow-Origin: ${APP}`,
          'Access-Control-Expose-Headers: ETag',
          'Vary: Origin',
          `Location: http://localhost:${target}/s/${id}/_hop/1/items/1?x=1&y=%2F`,
          'Content-Length: 0',
        ]),
      },
      {
        // cors: false: no CORS lines at all on this hop.
        at: {
          port: target,
          host: `localhost:${target}`,
          target: `/s/${id}/_hop/1/items/1?x=1&y=%2F`,
        },
        reply: wire('HTTP/1.1 307 Temporary Redirect', [
          `Location: http://127.0.0.1:${target}/s/${id}/_hop/2/items/1?x=1&y=%2F`,
          'Content-Length: 0',
        ]),
      },
      {
        at: {
          port: target,
          host: `127.0.0.1:${target}`,
          target: `/s/${id}/_hop/2/items/1?x=1&y=%2F`,
        },
        reply: wire('HTTP/1.1 308 Permanent Redirect', [
          `Access-Control-Allow-Origin: ${APP}`,
          'Access-Control-Expose-Headers: ETag',
          'Vary: Origin',
          `Location: http://localhost:${second}/s/${id}/_hop/3/items/1?x=1&y=%2F`,
          'Content-Length: 0',
        ]),
      },
      {
        // After the last hop: the actual response, as on any request.
        at: {
          port: second,
          host: `localhost:${second}`,
          target: `/s/${id}/_hop/3/items/1?x=1&y=%2F`,
        },
        reply: wire(
          'HTTP/1.1 200 OK',
          [
            `Access-Control-Allow-Origin: ${APP}`,
            'Access-Control-Expose-Headers: ETag',
            'Vary: Origin',
            'ETag: "final"',
            ...DEFAULT_TAIL,
          ],
          DEFAULT_BODY,
        ),
      },
    ];

    let next = hops[0]?.at;
    for (const hop of hops) {
      expect(next).toEqual(hop.at);
      const reply = await exchange(
        request('GET', hop.at.target, [`Origin: ${APP}`], { host: hop.at.host }),
        hop.at.port,
      );
      expect(reply).toBe(hop.reply);
      const location = /\r\nLocation: ([^\r]*)\r\n/.exec(reply)?.[1];
      next = location === undefined ? undefined : follow(location);
    }
    expect(next).toBeUndefined();

    const log = playground.sessions.get(id)?.log.list().entries ?? [];
    expect(log.map((entry) => [entry.listener, entry.request.host, entry.response.status])).toEqual(
      [
        ['target', `localhost:${target}`, 302],
        ['target', `localhost:${target}`, 307],
        ['target', `127.0.0.1:${target}`, 308],
        ['second', `localhost:${second}`, 200],
      ],
    );
  });

  it("writes a hop's raw lines exactly, {{location}} as where it leads, apart from the final response", async () => {
    const id = sessionWith({
      cors: { allowOrigin: '*' },
      actual: {
        redirects: [
          {
            status: 302,
            to: 'crossSite',
            raw: {
              reason: 'Moved',
              headers: [
                ['location', '{{location}}'],
                ['Access-Control-Allow-Origin', '{{origin}}'],
                ['access-control-allow-origin', '{{request-origin}}'],
                ['X-Next', '<{{location}}>; {{target}} {{{{}}location}}'],
              ],
            },
          },
          { status: 307, to: 'second', raw: { headers: [['Location', '{{location}}?again']] } },
        ],
      },
    });
    const { target, second } = playground.ports;
    const next = `http://127.0.0.1:${target}/s/${id}/_hop/1/x?q=1`;
    // No Content-Length: the empty body ends when the target closes the connection.
    expect(
      await exchange(request('GET', `/s/${id}/x?q=1`, [`Origin: ${APP}`], { keepAlive: true })),
    ).toBe(
      wire('HTTP/1.1 302 Moved', [
        `location: ${next}`,
        `Access-Control-Allow-Origin: ${playground.origins.app}`,
        `access-control-allow-origin: ${APP}`,
        `X-Next: <${next}>; http://localhost:${target} {{location}}`,
      ]),
    );
    // Without an Origin, a line using {{request-origin}} is not sent.
    expect(
      await exchange(request('GET', `/s/${id}/_hop/1/x`, [], { host: `127.0.0.1:${target}` })),
    ).toBe(wire('HTTP/1.1 307 ', [`Location: http://localhost:${second}/s/${id}/_hop/2/x?again`]));
    expect(await exchange(request('GET', `/s/${id}/_hop/2/x`, ['Origin: null']), second)).toContain(
      'Access-Control-Allow-Origin: *\r\n',
    );
  });

  it('keeps a path with no rest and only a query', async () => {
    const id = sessionWith({ actual: { redirects: [{ status: 303, to: 'second' }] } });
    const reply = await exchange(request('POST', `/s/${id}?a=b`));
    expect(reply).toBe(
      wire('HTTP/1.1 303 See Other', [
        `Location: http://localhost:${playground.ports.second}/s/${id}/_hop/1?a=b`,
        'Content-Length: 0',
      ]),
    );
  });

  it('delays the response after the last hop', async () => {
    const id = sessionWith({
      actual: { delayMs: 200, redirects: [{ status: 302, to: 'sameSite' }] },
    });
    await exchange(request('GET', `/s/${id}/x`));
    await exchange(request('GET', `/s/${id}/_hop/1/x`));
    const durations = (playground.sessions.get(id)?.log.list().entries ?? []).map(
      (entry) => entry.durationMs,
    );
    expect(durations).toHaveLength(2);
    expect(durations[1]).toBeGreaterThanOrEqual(199);
  });
});

/** Sends bytes and reports what came back and whether the server closed the connection. */
function exchangeUntilClosed(
  port: number,
  bytes: string,
  waitMs = 500,
): Promise<{ reply: Buffer; closedByServer: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ port, host: '127.0.0.1' }, () => socket.write(bytes));
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ reply: Buffer.concat(chunks), closedByServer: false });
    }, waitMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ reply: Buffer.concat(chunks), closedByServer: true });
    });
    socket.on('error', reject);
  });
}

describe('raw responses', () => {
  it('writes exactly the raw actual lines: duplicates, odd casing, 0x0B, a reason phrase', async () => {
    const id = sessionWith({
      cors: { allowOrigin: '*' },
      raw: {
        actual: {
          status: 200,
          reason: 'Totally Fine',
          headers: [
            ['Access-Control-Allow-Origin', APP],
            ['access-control-ALLOW-origin', 'http://other.test'],
            ['Access-Control-Allow-Origin', APP],
            ['X-Odd', 'a\u000bb\u00e9'],
            ['Content-Length', '5'],
          ],
          body: 'hello',
        },
      },
    });
    const reply = await rawExchange(
      playground.ports.target,
      request('GET', `/s/${id}/x`, [`Origin: ${APP}`]),
    );
    expect(reply).toEqual(
      Buffer.from(
        'HTTP/1.1 200 Totally Fine\r\n' +
          `Access-Control-Allow-Origin: ${APP}\r\n` +
          'access-control-ALLOW-origin: http://other.test\r\n' +
          `Access-Control-Allow-Origin: ${APP}\r\n` +
          'X-Odd: a\x0bb\xe9\r\n' +
          'Content-Length: 5\r\n' +
          '\r\n' +
          'hello',
        'latin1',
      ),
    );
  });

  it('writes the raw preflight for a preflight and the raw actual for everything else', async () => {
    const id = sessionWith({
      raw: {
        preflight: {
          status: 200,
          reason: 'Pre',
          headers: [
            ['ACCESS-CONTROL-ALLOW-METHODS', 'put'],
            ['Content-Length', '0'],
          ],
        },
        actual: { status: 202, reason: '', headers: [['Content-Length', '1']], body: 'A' },
      },
    });
    expect(await exchange(request('OPTIONS', `/s/${id}/x`, preflightFrom(APP)))).toBe(
      wire('HTTP/1.1 200 Pre', ['ACCESS-CONTROL-ALLOW-METHODS: put', 'Content-Length: 0']),
    );
    expect(await exchange(request('PUT', `/s/${id}/x`, ['Content-Length: 0']))).toBe(
      wire('HTTP/1.1 202 ', ['Content-Length: 1'], 'A'),
    );
  });

  it('writes a 1xx only on a fresh connection, and then closes it', async () => {
    const id = sessionWith({
      raw: { actual: { status: 103, headers: [['Content-Length', '0']] } },
    });
    const plain = sessionWith({});
    // Fresh: the 1xx, then the end, though Content-Length framed it for keep-alive.
    expect(await exchange(request('GET', `/s/${id}/x`, [], { keepAlive: true }))).toBe(
      wire('HTTP/1.1 103 ', ['Content-Length: 0']),
    );
    // Reused: closed unanswered (the browser resends on a new connection), and not logged.
    const reply = await exchange(
      request('GET', `/s/${plain}/x`, [], { keepAlive: true }) + request('GET', `/s/${id}/y`),
    );
    expect(reply).toBe(wire('HTTP/1.1 200 OK', DEFAULT_TAIL, DEFAULT_BODY));
    expect(playground.sessions.get(id)?.log.list().entries).toHaveLength(1);
  });

  it('replaces the response after the redirect hops, not the hops, and the delay', async () => {
    const id = sessionWith({
      actual: { delayMs: 5000, redirects: [{ status: 302, to: 'second' }] },
      raw: { actual: { status: 200, headers: [['Content-Length', '0']] } },
    });
    const hop = await exchange(request('GET', `/s/${id}/x`));
    expect(hop).toBe(
      wire('HTTP/1.1 302 Found', [
        `Location: http://localhost:${playground.ports.second}/s/${id}/_hop/1/x`,
        'Content-Length: 0',
      ]),
    );
    expect(await exchange(request('GET', `/s/${id}/_hop/1/x`))).toBe(
      wire('HTTP/1.1 200 ', ['Content-Length: 0']),
    );
  });

  it('without Content-Length, closes the connection after the body', async () => {
    const id = sessionWith({
      raw: {
        actual: {
          status: 200,
          reason: 'OK',
          headers: [['Content-Type', 'text/plain']],
          body: 'until close',
        },
      },
    });
    const { reply, closedByServer } = await exchangeUntilClosed(
      playground.ports.target,
      request('GET', `/s/${id}/x`, [], { keepAlive: true }),
    );
    expect(reply.toString('latin1')).toBe(
      wire('HTTP/1.1 200 OK', ['Content-Type: text/plain'], 'until close'),
    );
    expect(closedByServer).toBe(true);
  });

  it('with Content-Length (in any case), keeps a keep-alive connection open', async () => {
    const id = sessionWith({
      raw: {
        actual: { status: 200, reason: 'OK', headers: [['content-LENGTH', '2']], body: 'ok' },
      },
    });
    const { reply, closedByServer } = await exchangeUntilClosed(
      playground.ports.target,
      request('GET', `/s/${id}/x`, [], { keepAlive: true }),
      300,
    );
    expect(reply.toString('latin1')).toBe(wire('HTTP/1.1 200 OK', ['content-LENGTH: 2'], 'ok'));
    expect(closedByServer).toBe(false);
  });

  it('writes a raw body byte for byte as Latin-1', async () => {
    const id = sessionWith({
      raw: {
        actual: { status: 200, headers: [['Content-Length', '3']], body: '\u00e9\u0000\u00ff' },
      },
    });
    const reply = await rawExchange(playground.ports.target, request('GET', `/s/${id}/x`));
    expect(reply.subarray(reply.indexOf('\r\n\r\n') + 4)).toEqual(Buffer.from([0xe9, 0x00, 0xff]));
  });

  // The writer drops the body of a 204 (even a raw one), but the log records the configured
  // body's size: the log must say what was written, whichever of the two is changed.
  it('logs the body size that went on the wire for a raw 204 with a body', async () => {
    const id = sessionWith({
      raw: { actual: { status: 204, headers: [['Content-Length', '4']], body: 'body' } },
    });
    const reply = await rawExchange(playground.ports.target, request('GET', `/s/${id}/x`));
    const written = reply.length - (reply.indexOf('\r\n\r\n') + 4);
    const logged = playground.sessions.get(id)?.log.list().entries[0]?.response.bodySize;
    expect(logged).toBe(written);
  });

  // The schema lets a raw body hold any character, but the target writes it as Latin-1:
  // U+2603 goes out as the single byte 0x03. It should be refused at validation (with a
  // path) or written as the UTF-8 bytes the user typed, never silently as another byte.
  it('refuses, or writes as UTF-8, a raw body character beyond Latin-1', async () => {
    const input = {
      version: 1,
      raw: { actual: { status: 200, headers: [['Content-Length', '3']], body: '\u2603' } },
    };
    const parsed = parseServerConfig(input);
    if (!parsed.ok) {
      expect(parsed.issues.map((issue) => issue.path)).toEqual(['raw.actual.body']);
      return;
    }
    const id = playground.sessions.create(parsed.value).id;
    const reply = await rawExchange(playground.ports.target, request('GET', `/s/${id}/x`));
    expect(reply.subarray(reply.indexOf('\r\n\r\n') + 4)).toEqual(Buffer.from('\u2603', 'utf8'));
  });
});

describe('placeholders', () => {
  it('writes the page origin, the target and the request Origin in raw lines, in place', async () => {
    const page = playground.origins.app;
    const id = sessionWith({
      raw: {
        actual: {
          status: 200,
          headers: [
            ['X-Before', '1'],
            ['Access-Control-Allow-Origin', ' {{origin}} '],
            ['access-control-allow-origin', '{{origin}}/'],
            ['X-Origin', '{{origin:upper}}, {{target}}'],
            ['X-Echo', '{{request-origin}}'],
            ['X-Braces', '{{{{}}origin}} {id}'],
            ['Content-Length', '0'],
          ],
        },
      },
    });
    const reply = await exchange(request('GET', `/s/${id}/x`, ['Origin: null']));
    expect(reply).toBe(
      wire('HTTP/1.1 200 ', [
        'X-Before: 1',
        `Access-Control-Allow-Origin:  ${page} `,
        `access-control-allow-origin: ${page}/`,
        `X-Origin: ${page.toUpperCase()}, http://localhost:${playground.ports.target}`,
        'X-Echo: null',
        'X-Braces: {{origin}} {id}',
        'Content-Length: 0',
      ]),
    );
  });

  it('names the origin the request was sent to in {{target}}, per host', async () => {
    const id = sessionWith({
      cors: { allowOrigin: { value: '{{target}}' } },
      preflight: { headers: [['X-Target', '{{target}}']] },
    });
    const crossSite = `127.0.0.1:${playground.ports.target}`;
    const reply = await exchange(
      request('OPTIONS', `/s/${id}/x`, preflightFrom(APP), { host: crossSite }),
    );
    expect(reply).toBe(
      wire('HTTP/1.1 204 No Content', [
        `Access-Control-Allow-Origin: http://${crossSite}`,
        `X-Target: http://${crossSite}`,
      ]),
    );
  });

  it('writes literals, allow-list entries and extra lines, leaving out reflections of no Origin', async () => {
    const page = playground.origins.app;
    const id = sessionWith({
      cors: {
        allowOrigin: { allowList: ['{{origin}}'] },
        exposeHeaders: { value: '* {{origin}}' },
      },
      actual: {
        cors: { allowCredentials: { value: '{{request-origin}}' } },
        headers: [['X-Echo', '{{request-origin}}, {{origin}}']],
      },
    });
    const withOrigin = await exchange(request('GET', `/s/${id}/x`, [`Origin: ${page}`]));
    expect(withOrigin).toBe(
      wire(
        'HTTP/1.1 200 OK',
        [
          `Access-Control-Allow-Origin: ${page}`,
          `Access-Control-Allow-Credentials: ${page}`,
          `Access-Control-Expose-Headers: * ${page}`,
          'Vary: Origin',
          `X-Echo: ${page}, ${page}`,
          ...DEFAULT_TAIL,
        ],
        DEFAULT_BODY,
      ),
    );
    const without = await exchange(request('GET', `/s/${id}/x`));
    expect(without).toBe(
      wire(
        'HTTP/1.1 200 OK',
        [`Access-Control-Expose-Headers: * ${page}`, 'Vary: Origin', ...DEFAULT_TAIL],
        DEFAULT_BODY,
      ),
    );
  });
});
