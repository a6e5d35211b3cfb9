import { describe, expect, it } from 'vitest';
import { corsHeadersFor, effectiveCors, type IncomingRequest } from '../cors-headers.ts';
import { serverConfigSchema, type ServerConfigInput } from '../server-config.ts';
import { EXPORT_TARGETS, EXPORTERS, type ExportTarget } from './exporters.ts';
import { corsLineSources, type LineSource } from './portable.ts';
import { securityLints } from '../security-lints.ts';

const ORIGINS = { page: 'https://app.example', server: 'http://127.0.0.1:8080' };
/** A config from its fields as written (the tables are `as const`, so read-only). */
const config = (input: object) => serverConfigSchema.parse({ version: 1, ...input });

/** What a line source sends for one request, as a server that writes it line by line. */
function evaluateSource(source: LineSource, request: IncomingRequest): string | undefined {
  switch (source.kind) {
    case 'fixed':
      return source.value;
    case 'origin':
      return request.origin;
    case 'allowList':
      return request.origin !== undefined && source.origins.includes(request.origin)
        ? request.origin
        : undefined;
    case 'requestHeaders':
      return request.requestHeaders;
  }
}

describe('corsLineSources', () => {
  // The servers that write lines one by one (node:http, nginx, Apache, Caddy) write these:
  // evaluated for a request, they must be the target's own lines, in its order.
  const configs = [
    { cors: { allowOrigin: '*' } },
    { cors: { allowOrigin: 'reflect', allowCredentials: true, allowHeaders: 'reflect' } },
    {
      cors: {
        allowOrigin: { allowList: ['https://app.example'] },
        allowMethods: ['PUT', 'PATCH'],
        allowHeaders: ['X-A'],
        exposeHeaders: '*',
        maxAge: 60,
      },
    },
    { cors: { allowOrigin: { value: 'https://x' }, maxAge: { value: '-1' }, vary: 'off' } },
    { cors: { allowOrigin: 'reflect' }, preflight: { cors: { allowOrigin: null, vary: 'off' } } },
  ] as const satisfies Omit<ServerConfigInput, 'version'>[];
  const requests: IncomingRequest[] = [
    { origin: 'https://app.example', requestHeaders: 'x-a' },
    { origin: 'https://other.example' },
    { origin: undefined },
  ];
  it.each(configs)('gives the target’s lines for %j', (input) => {
    const parsed = config(input);
    for (const kind of ['preflight', 'actual'] as const) {
      for (const request of requests) {
        const written = corsLineSources(effectiveCors(parsed, kind)).flatMap(([name, source]) => {
          const value = evaluateSource(source, request);
          return value === undefined ? [] : [[name, value]];
        });
        expect(written).toEqual(corsHeadersFor(parsed, kind, request));
      }
    }
  });
});

/** The paths of the problems one exporter finds, or "ok". */
function problemPaths(target: ExportTarget, input: object) {
  const result = EXPORTERS[target].exporter(config(input), ORIGINS);
  return result.ok ? 'ok' : result.problems.map((problem) => problem.path);
}

describe('every exporter refuses what no server outside the playground can send', () => {
  it.each([
    [{ raw: { actual: { status: 200, headers: [] } } }, 'raw.actual'],
    [{ raw: { preflight: { status: 204, headers: [] } } }, 'raw.preflight'],
    [{ actual: { redirects: [{ status: 302, to: 'second' }] } }, 'actual.redirects'],
    [
      { preflight: { handling: { kind: 'redirect', status: 307, to: 'crossSite' } } },
      'preflight.handling',
    ],
    [{ actual: { delayMs: 500 } }, 'actual.delayMs'],
    [
      { cors: { allowOrigin: { value: '{{request-origin}}' } } },
      '(values using {{request-origin}})',
    ],
  ] as const)('%j', (input, path) => {
    for (const target of EXPORT_TARGETS) expect(problemPaths(target, input)).toEqual([path]);
  });
});

describe('each exporter says what its server cannot express', () => {
  it.each([
    // The middlewares take one set of options and answer every preflight themselves.
    ['express', { preflight: { handling: { kind: 'fallthrough' } } }, ['preflight.handling']],
    [
      'fastify',
      { cors: { allowOrigin: '*' }, preflight: { cors: { allowOrigin: 'reflect' } } },
      ['preflight.cors.allowOrigin'],
    ],
    [
      'hono',
      { cors: { allowHeaders: ['X-A'] }, preflight: { headers: [['X-B', '1']] } },
      ['preflight.headers'],
    ],
    ['express', { cors: { allowCredentials: { value: 'TRUE' } } }, ['cors.allowCredentials']],
    ['express', { cors: { allowOrigin: { value: '' } } }, ['cors.allowOrigin']],
    ['fastify', { cors: { allowOrigin: { allowList: ['*'] } } }, ['cors.allowOrigin']],
    [
      'fastify',
      {
        actual: {
          headers: [
            ['Link', '<a>'],
            ['link', '<b>'],
          ],
        },
      },
      ['actual.headers'],
    ],
    [
      'hono',
      { cors: { allowHeaders: ['X-A'] }, preflight: { handling: { kind: 'answer', status: 200 } } },
      ['preflight.handling.status'],
    ],
    ['hono', { cors: { allowOrigin: '*' } }, ['cors.allowHeaders']],
    ['hono', { cors: { allowHeaders: ['X-A'], maxAge: { value: 'soon' } } }, ['cors.maxAge']],
    // A body with no Content-Type line, which these servers would give one of their own.
    [
      'fastify',
      { actual: { body: { contentType: null, text: 'x' } } },
      ['actual.body.contentType'],
    ],
    ['caddy', { actual: { body: { contentType: null, text: 'x' } } }, ['actual.body.contentType']],
    [
      'express',
      {
        actual: {
          headers: [
            ['Content-Type', 'a/b'],
            ['Content-Type', 'c/d'],
          ],
        },
      },
      ['actual.headers'],
    ],
    // The servers configured by file.
    ['node', { actual: { headers: [['X-A', 'a\u000bb']] } }, ['X-A']],
    [
      'nginx',
      { actual: { body: { contentType: 'text/plain', text: 'costs $5' } } },
      ['(values holding "$")'],
    ],
    ['nginx', { actual: { status: 302 } }, ['actual.status']],
    [
      'apache',
      { actual: { body: { contentType: 'text/plain', text: 'one\ntwo\n' } } },
      ['actual.body.text'],
    ],
    ['caddy', { actual: { headers: [['X-A', '`']] } }, ['(values holding "`")']],
  ] as const)('%s: %j', (target, input, paths) => {
    expect(problemPaths(target, input)).toEqual(paths);
  });

  it('and what each can, it writes: a fall-through preflight for the servers configured by file', () => {
    for (const target of ['node', 'nginx', 'apache', 'caddy'] as const) {
      expect(problemPaths(target, { preflight: { handling: { kind: 'fallthrough' } } })).toBe('ok');
    }
  });
});

describe('notes: differences no browser check reads', () => {
  it('a middleware that always sends Vary: Origin says so where the config sends none', () => {
    const result = EXPORTERS.express.exporter(
      config({
        cors: { allowOrigin: 'reflect', vary: 'off' },
        preflight: { cors: { vary: 'off' } },
      }),
      ORIGINS,
    );
    expect(result.ok && result.notes).toContainEqual(expect.stringContaining('Vary: Origin'));
  });

  it('the exact servers write the target’s lines and need no notes', () => {
    for (const target of ['node', 'nginx', 'apache', 'caddy'] as const) {
      const result = EXPORTERS[target].exporter(
        config({
          cors: { allowOrigin: 'reflect', vary: 'off' },
          // One line, as Apache's ErrorDocument writes it.
          actual: { body: { contentType: 'application/json', text: '{}' } },
        }),
        ORIGINS,
      );
      expect(result.ok && result.notes).toEqual([]);
    }
  });
});

describe('placeholders', () => {
  it('{{origin}} becomes the page origin given, {{target}} the server origin', () => {
    const result = EXPORTERS.node.exporter(
      config({
        cors: {
          allowOrigin: { allowList: ['{{origin}}'] },
          exposeHeaders: { value: '{{target}}' },
        },
      }),
      ORIGINS,
    );
    expect(result.ok && result.code).toContain('["https://app.example"].includes(origin)');
    expect(result.ok && result.code).toContain('"http://127.0.0.1:8080"');
  });
});

describe('where the server listens', () => {
  it("is the server origin's host and port, the scheme's port when it names none", () => {
    const at = (server: string) => {
      const results = (['node', 'nginx'] as const).map((target) =>
        EXPORTERS[target].exporter(config({ cors: { allowOrigin: '*' } }), { ...ORIGINS, server }),
      );
      return results.map((result) => (result.ok ? result.code : ''));
    };
    const [node, nginx] = at('http://127.0.0.1');
    expect(node).toContain('process.env.PORT ?? 80), process.env.HOST ?? "127.0.0.1")');
    expect(nginx).toContain('listen 127.0.0.1:80;');
    const [nodeV6, nginxV6] = at('http://[::1]:8080');
    expect(nodeV6).toContain('process.env.PORT ?? 8080), process.env.HOST ?? "::1")');
    expect(nginxV6).toContain('listen [::1]:8080;');
  });
});

describe('security warnings in the exported code', () => {
  const comment = (target: ExportTarget) => (EXPORTERS[target].file.endsWith('.mjs') ? '//' : '#');
  const risky = config({
    cors: { allowOrigin: 'reflect', allowCredentials: true, allowHeaders: 'reflect' },
  });
  const safe = config({
    cors: { allowOrigin: { value: 'https://app.example' }, allowHeaders: 'reflect' },
  });

  it.each(EXPORT_TARGETS)(
    '%s carries the lints of a reflect + credentials config on top',
    (target) => {
      const result = EXPORTERS[target].exporter(risky, ORIGINS);
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      const lints = securityLints(risky);
      expect(lints.map((lint) => lint.id)).toContain('reflect-with-credentials');
      const prefix = comment(target);
      expect(result.code.split('\n').slice(0, lints.length + 1)).toEqual([
        `${prefix} Security warnings (CORS Playground):`,
        ...lints.map((lint) => `${prefix} - ${lint.warning} ${lint.why}`),
      ]);
    },
  );

  it.each(EXPORT_TARGETS)('%s carries none for a safe config', (target) => {
    expect(securityLints(safe)).toEqual([]);
    const result = EXPORTERS[target].exporter(safe, ORIGINS);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.code).not.toContain('Security warnings');
  });
});
