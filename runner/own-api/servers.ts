import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import fastifyCors from '@fastify/cors';
import cors from 'cors';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { cors as honoCors } from 'hono/cors';

// Real servers of the kinds people bring to the runner, each configured as its docs show,
// for runner/own-api.test.ts. Each allows the frontend origins the scenarios' pages use.

/** The page origins the scenarios in this folder run their pages at. */
export const FRONTENDS = ['https://app.example.com', 'http://localhost:8080'];

export interface RunningServer {
  origin: string;
  close(): Promise<void>;
}

async function listening(server: Server): Promise<RunningServer> {
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Express with the `cors` middleware: credentials, and a header JavaScript may read. */
export function startExpress(): Promise<RunningServer> {
  const app = express();
  app.use(cors({ origin: FRONTENDS, credentials: true, exposedHeaders: ['X-Total-Count'] }));
  app.use(express.json());
  app.get('/api/items', (_request, response) => {
    response.set('X-Total-Count', '2').json([{ id: 1 }, { id: 2 }]);
  });
  app.put('/api/items/:id', (request, response) => {
    response.json({ id: request.params.id });
  });
  return listening(app.listen(0, '127.0.0.1'));
}

/** Fastify with @fastify/cors, allowing Content-Type only: no Authorization. */
export async function startFastify(): Promise<RunningServer> {
  const app = Fastify();
  await app.register(fastifyCors, {
    origin: FRONTENDS,
    methods: ['GET', 'POST'],
    allowedHeaders: ['Content-Type'],
  });
  app.get('/api/items', () => [{ id: 1 }]);
  app.post('/api/items', () => ({ id: 3 }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    origin: `http://localhost:${(app.server.address() as AddressInfo).port}`,
    close: () => app.close(),
  };
}

/** Hono with `hono/cors`: one frontend, DELETE allowed, an exposed header. */
export function startHono(): Promise<RunningServer> {
  const app = new Hono();
  app.use(
    '/api/*',
    honoCors({
      origin: 'https://app.example.com',
      allowMethods: ['GET', 'DELETE'],
      exposeHeaders: ['X-Request-Id'],
    }),
  );
  app.get('/api/items', (context) => {
    context.header('X-Request-Id', 'r-1');
    return context.json([{ id: 1 }]);
  });
  app.delete('/api/items/:id', (context) => context.body(null, 204));
  return listening(serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server);
}

/** Each classic mistake, one per path, as hand-written servers make them. */
const MISTAKES: Record<string, (request: IncomingMessage, response: ServerResponse) => void> = {
  // Answers every method it knows, but has no OPTIONS handler: the preflight gets a 404.
  '/no-options': (request, response) => {
    if (request.method === 'OPTIONS') {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    response.writeHead(200, { 'Access-Control-Allow-Origin': FRONTENDS[0] }).end('{}');
  },
  // `*` for everyone, credentials too.
  '/star-with-credentials': (_request, response) => {
    response
      .writeHead(200, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Credentials': 'true',
      })
      .end('{}');
  },
  // Lists Content-Type, forgets Authorization.
  '/no-authorization': (request, response) => {
    const origin = request.headers.origin ?? '';
    const headers: Record<string, string> = {
      'Access-Control-Allow-Origin': origin,
      Vary: 'Origin',
    };
    if (request.method === 'OPTIONS') {
      headers['Access-Control-Allow-Methods'] = 'GET, POST';
      headers['Access-Control-Allow-Headers'] = 'Content-Type';
      response.writeHead(204, headers).end();
      return;
    }
    response.writeHead(200, headers).end('{}');
  },
  // The origin copied from a config file with its trailing slash.
  '/trailing-slash': (_request, response) => {
    response.writeHead(200, { 'Access-Control-Allow-Origin': `${FRONTENDS[0]}/` }).end('{}');
  },
  // Sends a header the frontend reads, without exposing it.
  '/no-expose': (_request, response) => {
    response
      .writeHead(200, { 'Access-Control-Allow-Origin': FRONTENDS[0], 'X-Total-Count': '2' })
      .end('[]');
  },
};

/** A bare node:http server making each mistake of MISTAKES under its path. */
export function startMistakes(): Promise<RunningServer> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0] ?? '';
    const handler = MISTAKES[path];
    if (handler === undefined) response.writeHead(404).end();
    else handler(request, response);
  });
  return listening(server.listen(0, '127.0.0.1'));
}
