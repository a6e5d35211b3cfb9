import type { Server } from 'node:net';

/** A port the playground needs is taken; the message names the flag that changes it. */
export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly role: string,
    readonly flag: string,
    readonly envVar: string,
  ) {
    super(
      `Port ${port} (${role}) is already in use. Stop what is using it, or choose another port with ${flag}=<port> (or ${envVar}).`,
    );
  }
}

export interface PortSpec {
  port: number;
  role: string;
  flag: string;
  envVar: string;
}

function listenOnce(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen({ port, host, exclusive: true }, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error ? String(error.code) : undefined;
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    // Keep-alive connections would hold close() open; the playground owns them all.
    if ('closeAllConnections' in server && typeof server.closeAllConnections === 'function') {
      server.closeAllConnections();
    }
  });
}

/**
 * Listens on loopback only: 127.0.0.1, and ::1 on the same port where the machine has
 * IPv6, because a browser may resolve `localhost` to either. Port 0 picks a free port
 * that is free on both.
 */
export async function listenOnLoopback(
  createServer: () => Server,
  spec: PortSpec,
): Promise<{ port: number; servers: Server[] }> {
  for (let attempt = 0; ; attempt += 1) {
    const v4 = createServer();
    let port: number;
    try {
      port = await listenOnce(v4, spec.port, '127.0.0.1');
    } catch (error) {
      if (errorCode(error) === 'EADDRINUSE') {
        throw new PortInUseError(spec.port, spec.role, spec.flag, spec.envVar);
      }
      throw error;
    }
    const v6 = createServer();
    try {
      await listenOnce(v6, port, '::1');
      return { port, servers: [v4, v6] };
    } catch (error) {
      const code = errorCode(error);
      if (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT') return { port, servers: [v4] };
      await closeServer(v4);
      if (code !== 'EADDRINUSE') throw error;
      // A chosen port taken on ::1 is a conflict; a picked one is just bad luck.
      if (spec.port !== 0 || attempt >= 5) {
        throw new PortInUseError(port, spec.role, spec.flag, spec.envVar);
      }
    }
  }
}
