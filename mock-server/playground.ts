import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server as HttpServer,
  type ServerResponse,
} from 'node:http';
import { connect, type AddressInfo, type Server } from 'node:net';
import type { Duplex } from 'node:stream';
import { TARGET_PREFIX } from '../src/scenario/request-url.ts';
import { createControlApi } from './control-api.ts';
import {
  appHosts,
  appOrigin,
  planOrigins,
  PORT_OPTIONS,
  targetOrigins,
  type PlaygroundPorts,
} from './origins.ts';
import {
  createRawHttpServer,
  plainTextResponse,
  serializeResponse,
  type PassOn,
} from './http/raw-server.ts';
import { closeServer, listenOnLoopback } from './listen.ts';
import { readRequestFacts } from './response-plan.ts';
import { SessionStore, type SessionStoreOptions } from './sessions.ts';
import { createTargetHandler, fetchOnly } from './target.ts';

/** A blank page on the app origin, from which the runner sends its fetches. */
export const RUNNER_PAGE = '/_playground/blank';

/** Serves the app's page and assets: the built files, or Vite's dev middleware. */
export type AppHandler = (
  request: IncomingMessage,
  response: ServerResponse,
) => void | Promise<void>;

export interface PlaygroundOptions {
  /** Ports to bind; 0 picks a free one (tests). */
  ports: PlaygroundPorts;
  /** Serves everything on the app origin outside the control API. */
  app: AppHandler;
  sessions?: SessionStoreOptions;
}

export interface Playground {
  ports: PlaygroundPorts;
  origins: { app: string; sameSite: string; crossSite: string; second: string };
  sessions: SessionStore;
  /** The app origin's node:http server (the page, the control API), e.g. for Vite's HMR socket. */
  appServer: HttpServer;
  /** Stops both targets and leaves the app running: what a page sees when an API is down. */
  closeTargets(): Promise<void>;
  close(): Promise<void>;
}

function internalError(response: ServerResponse, error: unknown): void {
  console.error(error);
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end('Internal error in the playground server; see its console.\n');
}

/**
 * Starts the whole playground in this process: the app origin (page + control API) and
 * the two targets, all on loopback only.
 */
export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const sessions = new SessionStore(options.sessions);
  const ports: PlaygroundPorts = { app: 0, target: 0, second: 0 };
  const servers: Server[] = [];
  const targetServers: Server[] = [];
  let origins = planOrigins(ports);
  const close = async (): Promise<void> => {
    await Promise.all(servers.map(closeServer));
  };

  try {
    const handleTarget = createTargetHandler(
      sessions,
      () => origins,
      (localPort) =>
        localPort === ports.second ? 'second' : localPort === ports.app ? 'app' : 'target',
    );
    for (const name of ['target', 'second'] as const) {
      const bound = await listenOnLoopback(() => createRawHttpServer(handleTarget), {
        ...PORT_OPTIONS[name],
        port: options.ports[name],
      });
      ports[name] = bound.port;
      servers.push(...bound.servers);
      targetServers.push(...bound.servers);
    }
    origins = planOrigins(ports);

    const controlApi = createControlApi(sessions, () => ports);
    const handleApp = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
      try {
        if (await controlApi(request, response)) return;
        const host = request.headers.host?.toLowerCase() ?? '';
        if (!appHosts(ports).has(host)) {
          response.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' });
          response.end(`Host "${host}" is not one of the playground's own addresses.\n`);
          return;
        }
        // The page must run on http://localhost:<app>, or "same-site" and "cross-site"
        // would not mean what the UI says.
        if (host !== `localhost:${ports.app}`) {
          response.writeHead(308, { Location: `${appOrigin(ports)}${request.url ?? '/'}` });
          response.end();
          return;
        }
        if (request.url === RUNNER_PAGE) {
          response.writeHead(200, {
            'Content-Type': 'text/html; charset=utf-8',
            'Cache-Control': 'no-store',
          });
          response.end(
            '<!doctype html><meta charset="utf-8"><title>CORS Playground runner</title>',
          );
          return;
        }
        await options.app(request, response);
      } catch (error) {
        // A client gone before its request was whole is owed nothing, and is no fault here.
        if (request.destroyed && !request.complete) response.destroy();
        else internalError(response, error);
      }
    };
    // The app origin is served in two parts. Its port is a raw server, like the targets',
    // that answers same-origin requests to the target's routes itself, byte for byte; every
    // other request (the page, its assets, the control API, Vite's socket) goes on, bytes
    // untouched, to node:http on an internal loopback port.
    // One request per connection, so that the browser's next request on the app origin
    // reaches the raw server first: node:http would refuse a target request for `patch` or
    // `CHICKEN`, and could not write every response the target can. It closes after its
    // answer (Connection: close), and anything pipelined behind that request gets a 503.
    const answering = new WeakSet<Duplex>();
    const serveApp = (request: IncomingMessage, response: ServerResponse): void => {
      response.shouldKeepAlive = false;
      answering.add(request.socket);
      response.on('close', () => answering.delete(request.socket));
      void handleApp(request, response);
    };
    const appServer = createHttpServer(serveApp);
    // Bytes the parser cannot read after a whole request (the connection's one request) must
    // not pre-empt that request's answer: node:http's default writes its own 400 and closes
    // first, so a client would read a refusal of a change that was made. The answer is
    // written, and the connection closes after it as every connection here does.
    appServer.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
      if (answering.has(socket)) return;
      if (error.code === 'ECONNRESET' || !socket.writable) socket.destroy();
      else socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    });
    // Without a listener, node:http answers every `Expect: 100-continue` with 100 before any
    // handler runs; the control API asks for a body only when it will read it.
    appServer.on('checkContinue', serveApp);
    appServer.maxRequestsPerSocket = 1;
    servers.push(appServer);
    await new Promise<void>((resolve, reject) => {
      appServer.once('error', reject).listen({ port: 0, host: '127.0.0.1' }, resolve);
    });
    const { port: appServerPort } = appServer.address() as AddressInfo;
    const passOn: PassOn = {
      wants: (head) =>
        !head.target.startsWith(TARGET_PREFIX) ||
        readRequestFacts(head.headers).host.toLowerCase() !== `localhost:${ports.app}`,
      handOver: (socket, bytes) => {
        const upstream = connect({ port: appServerPort, host: '127.0.0.1', noDelay: true });
        upstream.write(bytes);
        socket.pipe(upstream);
        // When node:http closes after its answer, pipe() ends the page's side after the
        // last byte (stream.pipeline would call that close premature and destroy it).
        upstream.pipe(socket);
        upstream.on('error', (error) => {
          if (upstream.bytesRead > 0 || socket.destroyed) {
            socket.destroy();
            return;
          }
          console.error(error);
          socket.end(
            serializeResponse(
              'GET',
              plainTextResponse(
                502,
                `The playground's app server did not answer: ${error.message}`,
              ),
            ),
          );
        });
        socket.on('close', () => upstream.destroy());
      },
    };
    // Beside the control API, a session's routes answer fetch() only (target.ts).
    const handleAppTarget = fetchOnly(handleTarget, () => origins);
    const app = await listenOnLoopback(() => createRawHttpServer(handleAppTarget, passOn), {
      ...PORT_OPTIONS.app,
      port: options.ports.app,
    });
    ports.app = app.port;
    servers.push(...app.servers);
    origins = planOrigins(ports);

    return {
      ports,
      origins: { app: appOrigin(ports), ...targetOrigins(ports) },
      sessions,
      appServer,
      closeTargets: async () => {
        await Promise.all(targetServers.map(closeServer));
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
