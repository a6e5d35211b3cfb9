import { createServer as createHttpServer, type RequestListener } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Server } from 'node:net';
import { RUNNER_PAGE } from '../mock-server/playground.ts';
import { closeServer } from '../mock-server/listen.ts';
import { throwawayCertificate } from './throwaway-certificate.ts';

/**
 * The runner's page served at origins of the user's choosing (a scenario's `page.origin`),
 * so that their server sees the `Origin` their own frontend sends. Chromium reaches each such
 * origin on loopback through `--host-resolver-rules`; an https origin gets a certificate made
 * for this run, which only the browser launched with `--ignore-certificate-errors-spki-list`
 * for its key trusts. Nothing is installed or trusted anywhere else.
 */
export interface PageOrigins {
  /** The flags the browser that plays these pages must be launched with. */
  readonly chromiumArgs: string[];
  /** The runner's blank page at `origin`. */
  pageUrl(origin: string): string;
  close(): Promise<void>;
}

const blankPage: RequestListener = (request, response) => {
  if (request.url !== RUNNER_PAGE) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(`The runner serves only ${RUNNER_PAGE} here.\n`);
    return;
  }
  response.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  response.end('<!doctype html><meta charset="utf-8"><title>CORS Playground runner</title>');
};

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject).listen({ port: 0, host: '127.0.0.1' }, resolve);
  });
  return (server.address() as AddressInfo).port;
}

/** The port an origin's URLs reach: the one it names, else its scheme's default. */
const portOf = (url: URL): string => url.port || (url.protocol === 'https:' ? '443' : '80');

/** Serves the runner's page at each of `origins` (serialized http or https origins). */
export async function servePageOrigins(origins: readonly string[]): Promise<PageOrigins> {
  const urls = [...new Set(origins)].map((origin) => new URL(origin));
  const servers: Server[] = [];
  const rules: string[] = [];
  const args: string[] = [];
  try {
    const plain = urls.filter((url) => url.protocol === 'http:');
    if (plain.length > 0) {
      const server = createHttpServer(blankPage);
      servers.push(server);
      const port = await listen(server);
      for (const url of plain) rules.push(`MAP ${url.hostname}:${portOf(url)} 127.0.0.1:${port}`);
    }
    const secure = urls.filter((url) => url.protocol === 'https:');
    if (secure.length > 0) {
      const certificate = throwawayCertificate(secure.map((url) => url.hostname));
      const server = createHttpsServer({ cert: certificate.cert, key: certificate.key }, blankPage);
      servers.push(server);
      const port = await listen(server);
      for (const url of secure) rules.push(`MAP ${url.hostname}:${portOf(url)} 127.0.0.1:${port}`);
      args.push(`--ignore-certificate-errors-spki-list=${certificate.spkiHash}`);
    }
    // Each rule names its host and port, so every other address resolves as it always does.
    args.push(`--host-resolver-rules=${rules.join(',')}`);
  } catch (error) {
    await Promise.all(servers.map(closeServer));
    throw error;
  }
  return {
    chromiumArgs: args,
    pageUrl: (origin) => `${origin}${RUNNER_PAGE}`,
    close: async () => {
      await Promise.all(servers.map(closeServer));
    },
  };
}
