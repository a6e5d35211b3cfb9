import { connect, createServer, type AddressInfo } from 'node:net';
import { startPlayground, type Playground } from './playground.ts';
import type { SessionStoreOptions } from './sessions.ts';

/** A playground on free ports whose app origin serves a fixed page (tests only). */
export function startTestPlayground(sessions?: SessionStoreOptions): Promise<Playground> {
  return startPlayground({
    ports: { app: 0, target: 0, second: 0 },
    app: (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end('<!doctype html><title>test</title>');
    },
    ...(sessions === undefined ? {} : { sessions }),
  });
}

/**
 * Sends raw bytes over a new TCP connection and resolves with every byte the server
 * wrote before it closed the connection (or went quiet for `idleMs`). Pieces given as a
 * list are written 50 ms apart, so that the server reads them as separate chunks.
 */
export function rawExchange(
  port: number,
  bytes: string | Buffer | string[],
  host = '127.0.0.1',
  idleMs = 150,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const pieces = Array.isArray(bytes) ? bytes : [bytes];
    const socket = connect({ port, host }, () => {
      pieces.forEach((piece, index) => setTimeout(() => socket.write(piece), index * 50));
    });
    const finish = (): void => {
      socket.destroy();
      resolve(Buffer.concat(chunks));
    };
    let timer = setTimeout(finish, idleMs * 10);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      clearTimeout(timer);
      timer = setTimeout(finish, idleMs);
    });
    socket.on('end', () => {
      clearTimeout(timer);
      finish();
    });
    socket.on('error', reject);
  });
}

/** Calls the control API as the app page would, with overrides for the security cases. */
export async function callApi(
  playground: Pick<Playground, 'origins'>,
  path: string,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${playground.origins.app}/_playground/api${path}`, {
    method: init.method ?? 'GET',
    headers: {
      Origin: playground.origins.app,
      'Content-Type': 'application/json',
      ...init.headers,
    },
    body: init.body ?? null,
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
  };
}

/**
 * A loopback port that is free now, for a server that takes its port from a flag or its config
 * (a child process, a generated module). The port is given back before that server binds it, so
 * another listener could take it in between: rare, since the system hands ports out in turn.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
