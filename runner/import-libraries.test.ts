import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import fastifyCors from '@fastify/cors';
import cors from 'cors';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { cors as honoCors } from 'hono/cors';
import { describe, expect, it } from 'vitest';
import { corsHeadersFor, type HeaderLines } from '../src/scenario/cors-headers.ts';
import { importCorsOptions, type ImportLibrary } from '../src/scenario/importers/cors-options.ts';
import type { ServerConfig } from '../src/scenario/server-config.ts';

// The importers against the libraries themselves: each library runs in this process with a
// set of options, and the config imported from the same options must give the same status
// and the same CORS lines (Access-Control-* and Vary) to a preflight and a request, from an
// allowed origin and from another. Lists are compared as lists (a library may write "a,b"
// where the target writes "a, b"), Vary as a set of names. Loopback only.

type Options = Record<string, unknown>;

const REQUESTS = [
  {
    kind: 'preflight',
    method: 'OPTIONS',
    headers: {
      Origin: 'https://a.example',
      'Access-Control-Request-Method': 'PUT',
      'Access-Control-Request-Headers': 'x-a, content-type',
    },
  },
  {
    kind: 'preflight',
    method: 'OPTIONS',
    headers: { Origin: 'https://b.example', 'Access-Control-Request-Method': 'PUT' },
  },
  { kind: 'actual', method: 'GET', headers: { Origin: 'https://a.example' } },
  { kind: 'actual', method: 'GET', headers: { Origin: 'https://b.example' } },
] as const;

const LISTS = new Set([
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-expose-headers',
  'vary',
]);

/** The CORS lines of a response, comparable whatever the library's formatting. */
function corsLines(lines: HeaderLines, kind: 'preflight' | 'actual'): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [rawName, value] of lines) {
    const name = rawName.toLowerCase();
    if (!name.startsWith('access-control-') && name !== 'vary') continue;
    // Every library also sends the exposed headers on a preflight, where browsers ignore them.
    if (kind === 'preflight' && name === 'access-control-expose-headers') continue;
    const values = LISTS.has(name)
      ? value
          .split(',')
          .map((part) => part.trim().toLowerCase())
          .filter(Boolean)
      : [value];
    result[name] = [...(result[name] ?? []), ...values];
  }
  for (const name of ['vary', 'access-control-allow-headers']) {
    if (result[name] !== undefined) result[name] = [...new Set(result[name])].sort();
  }
  return result;
}

async function answers(port: number) {
  return Promise.all(
    REQUESTS.map(
      (sent) =>
        new Promise<{ status: number; lines: Record<string, string[]> }>((resolve, reject) => {
          const req = httpRequest(
            { host: '127.0.0.1', port, method: sent.method, path: '/api', headers: sent.headers },
            (response) => {
              response.resume();
              const raw = response.rawHeaders;
              const lines: HeaderLines = [];
              for (let i = 0; i < raw.length; i += 2) lines.push([raw[i] ?? '', raw[i + 1] ?? '']);
              resolve({ status: response.statusCode ?? 0, lines: corsLines(lines, sent.kind) });
            },
          );
          req.on('error', reject);
          req.end();
        }),
    ),
  );
}

/**
 * What the playground's target answers with the imported config. `varyOnlyWhenAsked`: the
 * importer's note that the library names Access-Control-Request-Headers in Vary only when a
 * preflight asks for headers, where the target names it on every preflight.
 */
function expected(config: ServerConfig, varyOnlyWhenAsked: boolean) {
  return REQUESTS.map((sent) => {
    const preflight = sent.kind === 'preflight' && config.preflight.handling.kind === 'answer';
    const kind = preflight ? 'preflight' : 'actual';
    const lines = [
      ...corsHeadersFor(config, kind, {
        origin: sent.headers.Origin,
        requestHeaders:
          'Access-Control-Request-Headers' in sent.headers
            ? sent.headers['Access-Control-Request-Headers']
            : undefined,
      }),
      ...config[kind].headers,
    ];
    const status =
      preflight && config.preflight.handling.kind === 'answer'
        ? config.preflight.handling.status
        : config.actual.status;
    const comparable = corsLines(lines, sent.kind);
    if (varyOnlyWhenAsked && !('Access-Control-Request-Headers' in sent.headers)) {
      const vary = comparable.vary?.filter((name) => name !== 'access-control-request-headers');
      if (vary?.length === 0) delete comparable.vary;
      else if (vary !== undefined) comparable.vary = vary;
    }
    return { status, lines: comparable };
  });
}

async function listen(server: Server): Promise<number> {
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  return (server.address() as AddressInfo).port;
}

const START: Record<
  ImportLibrary,
  (options: Options) => Promise<{ port: number; close: () => Promise<void> }>
> = {
  express: async (options) => {
    const app = express();
    app.use(cors(options));
    app.all('/{*path}', (_request, response) => void response.send('ok'));
    const server = app.listen(0, '127.0.0.1');
    const port = await listen(server);
    return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
  },
  fastify: async (options) => {
    const app = Fastify();
    await app.register(fastifyCors, options);
    app.get('/api', () => 'ok');
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { port: (app.server.address() as AddressInfo).port, close: () => app.close() };
  },
  hono: async (options) => {
    const app = new Hono();
    app.use(honoCors(options as Parameters<typeof honoCors>[0]));
    app.all('*', (c) => c.text('ok'));
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    const port = await listen(server);
    return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
  },
};

const CASES: [ImportLibrary, Options][] = [
  ['express', {}],
  ['express', { origin: true, credentials: true }],
  [
    'express',
    {
      origin: ['https://a.example'],
      allowedHeaders: ['X-A'],
      exposedHeaders: 'X-Total',
      maxAge: 600,
    },
  ],
  ['express', { origin: 'https://a.example', methods: [], optionsSuccessStatus: 200 }],
  ['express', { origin: false }],
  ['fastify', {}],
  ['fastify', { origin: true, credentials: true, cacheControl: 30 }],
  [
    'fastify',
    {
      origin: ['https://a.example'],
      allowedHeaders: 'X-A',
      exposedHeaders: ['X-Total'],
      maxAge: 600,
      optionsSuccessStatus: 200,
    },
  ],
  ['fastify', { origin: 'https://a.example' }],
  ['hono', {}],
  ['hono', { origin: 'https://a.example', allowHeaders: ['X-A'], credentials: true, maxAge: 600 }],
  [
    'hono',
    {
      origin: ['https://a.example', 'https://b.example'],
      exposeHeaders: ['X-Total'],
      allowMethods: [],
    },
  ],
];

describe('an imported config answers as the library it was imported from', () => {
  it.each(CASES)('%s %j', async (library, options) => {
    const imported = importCorsOptions(library, JSON.stringify(options));
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    const server = await START[library](options);
    try {
      const varyNote = imported.notes.some((note) =>
        note.includes('only with headers it reflects'),
      );
      expect(await answers(server.port)).toEqual(expected(imported.config, varyNote));
    } finally {
      await server.close();
    }
  });
});
