import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultServerConfig, serverConfigSchema } from '../src/scenario/server-config.ts';
import type { Playground } from './playground.ts';
import { callApi, rawExchange, startTestPlayground } from './testing.ts';

let playground: Playground;

beforeEach(async () => {
  // Nothing counts as in use, so creating a session through the API may evict any other.
  playground = await startTestPlayground({ maxSessions: 3, inUseMs: 0 });
});
afterEach(() => playground.close());

async function createSession(): Promise<string> {
  const { status, body } = await callApi(playground, '/sessions', { method: 'POST', body: '{}' });
  expect(status).toBe(201);
  return body.id as string;
}

const wildcard = JSON.stringify(
  serverConfigSchema.parse({ version: 1, cors: { allowOrigin: '*' } }),
);

describe('sessions', () => {
  it('creates a session with its target URLs and the default config', async () => {
    const { status, body } = await callApi(playground, '/sessions', { method: 'POST', body: '' });
    expect(status).toBe(201);
    const id = body.id as string;
    expect(body).toEqual({
      id,
      appOrigin: playground.origins.app,
      targets: {
        sameSite: `${playground.origins.sameSite}/s/${id}`,
        crossSite: `${playground.origins.crossSite}/s/${id}`,
        second: `${playground.origins.second}/s/${id}`,
      },
      config: defaultServerConfig,
    });
  });

  it('creates a session with a given config', async () => {
    const { body } = await callApi(playground, '/sessions', {
      method: 'POST',
      body: `{"config":${wildcard}}`,
    });
    expect(body.config).toEqual(JSON.parse(wildcard));
  });

  it('replaces and reads a config', async () => {
    const id = await createSession();
    expect(
      await callApi(playground, `/sessions/${id}/config`, { method: 'PUT', body: wildcard }),
    ).toEqual({
      status: 200,
      body: JSON.parse(wildcard),
    });
    expect((await callApi(playground, `/sessions/${id}/config`)).body).toEqual(
      JSON.parse(wildcard),
    );
  });

  it('never lets one session see another’s config or log', async () => {
    const [a, b] = [await createSession(), await createSession()];
    await callApi(playground, `/sessions/${a}/config`, { method: 'PUT', body: wildcard });
    await rawExchange(
      playground.ports.target,
      `GET /s/${a}/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
    );
    expect((await callApi(playground, `/sessions/${b}/config`)).body).toEqual(defaultServerConfig);
    expect((await callApi(playground, `/sessions/${b}/log`)).body).toEqual({
      entries: [],
      nextSeq: 1,
    });
    expect((await callApi(playground, `/sessions/${a}/log`)).body.entries).toHaveLength(1);
  });

  it('keeps the number of sessions bounded, dropping the least recently used', async () => {
    const first = await createSession();
    const second = await createSession();
    await createSession();
    await callApi(playground, `/sessions/${first}`); // first is now more recent than second
    await createSession();
    expect(playground.sessions.size).toBe(3);
    expect((await callApi(playground, `/sessions/${first}`)).status).toBe(200);
    expect((await callApi(playground, `/sessions/${second}`)).status).toBe(404);
  });

  it('reads the log after a sequence number', async () => {
    const id = await createSession();
    for (const path of ['a', 'b']) {
      await rawExchange(
        playground.ports.target,
        `GET /s/${id}/${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      );
    }
    const { body } = await callApi(playground, `/sessions/${id}/log?after=1`);
    expect(body.nextSeq).toBe(3);
    expect(
      (body.entries as { request: { target: string } }[]).map((entry) => entry.request.target),
    ).toEqual([`/s/${id}/b`]);
  });
});

describe('bad input gets a clear error and changes nothing', () => {
  it.each([
    ['malformed JSON', '{"version":', 400, /^Malformed JSON/],
    ['a non-object', '[1]', 400, /^Invalid server config/],
    ['an unknown version', '{"version":2}', 400, /^Invalid server config/],
    ['an unknown field', '{"version":1,"extra":1}', 400, /^Invalid server config/],
    [
      'an unknown allowOrigin',
      '{"version":1,"cors":{"allowOrigin":"sometimes"}}',
      400,
      /^Invalid server config/,
    ],
    [
      'a CR LF in a value',
      '{"version":1,"cors":{"allowOrigin":{"value":"a\\r\\nSet-Cookie: x=1"}}}',
      400,
      /^Invalid/,
    ],
    [
      'a NUL in a value',
      '{"version":1,"cors":{"allowOrigin":{"value":"a\\u0000"}}}',
      400,
      /^Invalid/,
    ],
    [
      'a character beyond Latin-1',
      '{"version":1,"cors":{"allowOrigin":{"value":"\\u2603"}}}',
      400,
      /^Invalid/,
    ],
    ['an oversized body', JSON.stringify({ pad: 'x'.repeat(300 * 1024) }), 413, /larger than/],
  ])('%s', async (_name, body, status, message) => {
    const id = await createSession();
    const before = await callApi(playground, `/sessions/${id}/config`);
    const answer = await callApi(playground, `/sessions/${id}/config`, { method: 'PUT', body });
    expect(answer.status).toBe(status);
    expect(answer.body.error).toMatch(message);
    expect(await callApi(playground, `/sessions/${id}/config`)).toEqual(before);
  });

  it('names the path and reason of every problem', async () => {
    const id = await createSession();
    const answer = await callApi(playground, `/sessions/${id}/config`, {
      method: 'PUT',
      body: '{"version":1,"cors":{"allowOrigin":{"value":"a\\n"}},"extra":true}',
    });
    expect(answer.body.issues).toEqual([
      {
        path: 'cors.allowOrigin.value',
        message: 'must not contain CR, LF or NUL: they would break HTTP framing',
      },
      { path: '(root)', message: 'Unrecognized key: "extra"' },
    ]);
  });

  it.each([
    ['an unknown route', '/nope', 'GET', 404, 'No such control API route: /_playground/api/nope.'],
    [
      'an unknown session',
      '/sessions/nope/config',
      'GET',
      404,
      'Unknown or expired session "nope".',
    ],
    ['a wrong method', '/sessions', 'DELETE', 405, 'DELETE is not allowed here; use POST.'],
  ])('%s', async (_name, path, method, status, error) => {
    expect(await callApi(playground, path, { method })).toEqual({ status, body: { error } });
  });

  it('refuses a bad log cursor', async () => {
    const id = await createSession();
    expect(await callApi(playground, `/sessions/${id}/log?after=-1`)).toEqual({
      status: 400,
      body: { error: '"after" must be a non-negative integer, got "-1".' },
    });
  });

  it('refuses unknown fields when creating a session', async () => {
    const answer = await callApi(playground, '/sessions', { method: 'POST', body: '{"confg":{}}' });
    expect(answer).toEqual({ status: 400, body: { error: 'Unknown field(s): confg.' } });
    expect(playground.sessions.size).toBe(0);
  });
});

describe('only the playground’s own page can drive the control API', () => {
  const post = (headers: string[], body = '{}') =>
    rawExchange(
      playground.ports.app,
      [
        'POST /_playground/api/sessions HTTP/1.1',
        ...headers,
        `Content-Length: ${Buffer.byteLength(body)}`,
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    ).then((reply) => reply.toString('latin1'));

  it.each([
    [
      'a foreign Host (DNS rebinding)',
      () => [
        'Host: evil.test:' + playground.ports.app,
        `Origin: ${playground.origins.app}`,
        'Content-Type: application/json',
      ],
      "is not one of the playground's own addresses",
    ],
    [
      'a foreign Origin',
      () => [
        `Host: localhost:${playground.ports.app}`,
        'Origin: http://evil.test',
        'Content-Type: application/json',
      ],
      'Origin \\"http://evil.test\\" may not change the playground',
    ],
    [
      'another local origin',
      () => [
        `Host: localhost:${playground.ports.app}`,
        `Origin: ${playground.origins.sameSite}`,
        'Content-Type: application/json',
      ],
      'may not change the playground',
    ],
    [
      'no Origin',
      () => [`Host: localhost:${playground.ports.app}`, 'Content-Type: application/json'],
      'must carry Origin',
    ],
    [
      'a cross-site form post',
      () => [
        `Host: localhost:${playground.ports.app}`,
        'Origin: http://evil.test',
        'Content-Type: application/x-www-form-urlencoded',
      ],
      'may not change the playground',
    ],
    [
      'a no-cors fetch from the page origin with a simple content type',
      () => [
        `Host: localhost:${playground.ports.app}`,
        `Origin: ${playground.origins.app}`,
        'Content-Type: text/plain',
      ],
      'must have Content-Type: application/json',
    ],
  ])(
    '%s gets 403 with a reason, no CORS headers, and changes nothing',
    async (_name, headers, reason) => {
      const reply = await post(headers());
      expect(reply).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
      expect(reply).toContain(reason);
      expect(reply.toLowerCase()).not.toContain('access-control-');
      expect(playground.sessions.size).toBe(0);
    },
  );

  it('refuses reads under a foreign Host too', async () => {
    const id = await createSession();
    const reply = await rawExchange(
      playground.ports.app,
      `GET /_playground/api/sessions/${id}/config HTTP/1.1\r\nHost: rebound.test:${playground.ports.app}\r\nConnection: close\r\n\r\n`,
    );
    expect(reply.toString('latin1')).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
  });

  it('never answers a preflight with CORS headers', async () => {
    const reply = (
      await rawExchange(
        playground.ports.app,
        [
          'OPTIONS /_playground/api/sessions HTTP/1.1',
          `Host: localhost:${playground.ports.app}`,
          'Origin: http://evil.test',
          'Access-Control-Request-Method: POST',
          'Connection: close',
          '',
          '',
        ].join('\r\n'),
      )
    ).toString('latin1');
    expect(reply).toMatch(/^HTTP\/1\.1 403/);
    expect(reply.toLowerCase()).not.toContain('access-control-');
  });

  it('sends a page requested as 127.0.0.1 to localhost, so the origins stay what the UI says', async () => {
    const reply = (
      await rawExchange(
        playground.ports.app,
        `GET /x?y=1 HTTP/1.1\r\nHost: 127.0.0.1:${playground.ports.app}\r\nConnection: close\r\n\r\n`,
      )
    ).toString('latin1');
    expect(reply).toMatch(/^HTTP\/1\.1 308 /);
    expect(reply).toContain(`Location: ${playground.origins.app}/x?y=1\r\n`);
  });
});
