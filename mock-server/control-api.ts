import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { API_PREFIX, type ApiError, type SessionInfo } from '../src/scenario/control-api.ts';
import { sessionBase } from '../src/scenario/request-url.ts';
import {
  parseServerConfig,
  type ConfigIssue,
  type ServerConfig,
} from '../src/scenario/server-config.ts';
import { appHosts, appOrigin, targetOrigins, type PlaygroundPorts } from './origins.ts';
import { sendFromServer, serverSendSchema } from './send-from-server.ts';
import type { Session, SessionStore } from './sessions.ts';

export const MAX_API_BODY_BYTES = 256 * 1024;
const SSE_HEARTBEAT_MS = 15_000;

class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues?: ConfigIssue[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function sessionInfo(session: Session, ports: PlaygroundPorts): SessionInfo {
  const origins = targetOrigins(ports);
  return {
    id: session.id,
    appOrigin: appOrigin(ports),
    targets: {
      sameSite: sessionBase(origins.sameSite, session.id),
      crossSite: sessionBase(origins.crossSite, session.id),
      second: sessionBase(origins.second, session.id),
    },
    config: session.config,
  };
}

function isSafeMethod(method: string | undefined): boolean {
  return method === 'GET' || method === 'HEAD';
}

/**
 * Why this request may not use the control API, or undefined if it may. See DESIGN.md,
 * "Control API safety": Host defeats DNS rebinding; Origin and a JSON content type keep
 * other pages' forms and no-cors fetches out.
 */
function refusal(request: IncomingMessage, ports: PlaygroundPorts): string | undefined {
  const host = request.headers.host;
  if (host === undefined || !appHosts(ports).has(host.toLowerCase())) {
    return `Host "${host ?? ''}" is not one of the playground's own addresses (protection against DNS rebinding).`;
  }
  if (isSafeMethod(request.method)) return undefined;
  const origin = request.headers.origin;
  if (origin !== appOrigin(ports)) {
    return origin === undefined
      ? `A ${request.method} to the control API must carry Origin: ${appOrigin(ports)}.`
      : `Origin "${origin}" may not change the playground; only ${appOrigin(ports)} may.`;
  }
  const essence = request.headers['content-type']?.split(';', 1)[0]?.trim().toLowerCase();
  // A merge patch may say so (RFC 7396); neither type can be sent by a form or no-cors fetch.
  const json =
    essence === 'application/json' ||
    (request.method === 'PATCH' && essence === 'application/merge-patch+json');
  if (!json) {
    return `A ${request.method} to the control API must have Content-Type: application/json.`;
  }
  return undefined;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_API_BODY_BYTES) {
      throw new ApiFailure(
        413,
        `Request body is larger than ${MAX_API_BODY_BYTES} bytes; nothing was changed.`,
      );
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ApiFailure(400, `Malformed JSON: ${(error as Error).message}; nothing was changed.`);
  }
}

function validConfig(input: unknown): ServerConfig {
  const parsed = parseServerConfig(input);
  if (!parsed.ok)
    throw new ApiFailure(400, 'Invalid server config; nothing was changed.', parsed.issues);
  return parsed.value;
}

function validInput<T extends z.ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  throw new ApiFailure(
    400,
    `Invalid ${what}.`,
    parsed.error.issues.map((issue) => ({
      path: issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.'),
      message: issue.message,
    })),
  );
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// https://www.rfc-editor.org/rfc/rfc7396: objects merge, null removes, anything else replaces.
function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const result = new Map(Object.entries(isPlainObject(target) ? target : {}));
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) result.delete(key);
    else result.set(key, mergePatch(result.get(key), value));
  }
  return Object.fromEntries(result);
}

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  response.writeHead(status, {
    ...(body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  response.end(response.req.method === 'HEAD' ? undefined : text);
}

function parseAfter(value: string | null | undefined): number {
  const after = value ?? '0';
  if (!/^\d{1,15}$/.test(after)) {
    throw new ApiFailure(400, `"after" must be a non-negative integer, got "${after}".`);
  }
  return Number(after);
}

/** Streams the log as server-sent events, starting after `after`; ends with the session. */
function streamLog(
  session: Session,
  after: number,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  response.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  // The head goes out at once, so a client knows the stream is open before any entry.
  response.write(': exchange log\n\n');
  const write = (entry: { seq: number }): void => {
    response.write(`id: ${entry.seq}\nevent: entry\ndata: ${JSON.stringify(entry)}\n\n`);
  };
  for (const entry of session.log.list(after).entries) write(entry);
  const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), SSE_HEARTBEAT_MS);
  const unsubscribe = session.log.subscribe((entry) => {
    if (entry !== undefined) {
      write(entry);
      return;
    }
    response.end('event: end\ndata: {}\n\n');
  });
  const stop = (): void => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  request.on('close', stop);
  response.on('close', stop);
}

type Handler = (
  match: RegExpExecArray,
  request: IncomingMessage,
  url: URL,
  response: ServerResponse,
) => Promise<[number, unknown] | 'streamed'>;

interface Route {
  pattern: RegExp;
  methods: Record<string, Handler>;
}

/**
 * The control API, as a Node request handler. It answers only paths under
 * `/_playground/api/` and returns false for anything else, so the app server can serve
 * the page (built, or through Vite) for every other path.
 */
export function createControlApi(
  sessions: SessionStore,
  ports: () => PlaygroundPorts,
): (request: IncomingMessage, response: ServerResponse) => Promise<boolean> {
  const session = (id: string | undefined): Session => {
    const found = id === undefined ? undefined : sessions.get(id);
    if (found === undefined) throw new ApiFailure(404, `Unknown or expired session "${id ?? ''}".`);
    return found;
  };

  const routes: Route[] = [
    {
      pattern: /^\/sessions$/,
      methods: {
        POST: async (_match, request) => {
          const body = (await readJson(request)) ?? {};
          if (!isPlainObject(body))
            throw new ApiFailure(400, 'Expected a JSON object, optionally with "config".');
          const unknownKeys = Object.keys(body).filter((key) => key !== 'config');
          if (unknownKeys.length > 0)
            throw new ApiFailure(400, `Unknown field(s): ${unknownKeys.join(', ')}.`);
          const created = sessions.create(
            body.config === undefined ? undefined : validConfig(body.config),
          );
          return [201, sessionInfo(created, ports())];
        },
      },
    },
    {
      pattern: /^\/sessions\/([^/]+)$/,
      methods: { GET: async (match) => [200, sessionInfo(session(match[1]), ports())] },
    },
    {
      pattern: /^\/sessions\/([^/]+)\/config$/,
      methods: {
        GET: async (match) => [200, session(match[1]).config],
        PUT: async (match, request) => {
          const target = session(match[1]);
          target.configure(validConfig(await readJson(request)));
          return [200, target.config];
        },
        PATCH: async (match, request) => {
          const target = session(match[1]);
          const patch = await readJson(request);
          if (!isPlainObject(patch))
            throw new ApiFailure(400, 'A config patch must be a JSON object (RFC 7396).');
          target.configure(validConfig(mergePatch(target.config, patch)));
          return [200, target.config];
        },
      },
    },
    {
      pattern: /^\/sessions\/([^/]+)\/log$/,
      methods: {
        GET: async (match, _request, url) => [
          200,
          session(match[1]).log.list(parseAfter(url.searchParams.get('after'))),
        ],
        DELETE: async (match) => {
          session(match[1]).log.clear();
          return [204, undefined];
        },
      },
    },
    {
      pattern: /^\/sessions\/([^/]+)\/log\/stream$/,
      methods: {
        GET: async (match, request, url, response) => {
          const target = session(match[1]);
          const after = parseAfter(
            request.headers['last-event-id']?.toString() ?? url.searchParams.get('after'),
          );
          streamLog(target, after, request, response);
          return 'streamed';
        },
      },
    },
    {
      pattern: /^\/sessions\/([^/]+)\/send$/,
      methods: {
        POST: async (match, request) => {
          const target = session(match[1]);
          const input = validInput(
            serverSendSchema,
            await readJson(request),
            'request to send from the server',
          );
          try {
            return [200, await sendFromServer(input, target.id, targetOrigins(ports()))];
          } catch (error) {
            throw new ApiFailure(
              502,
              `Node could not send the request: ${(error as Error).message}`,
            );
          }
        },
      },
    },
  ];

  return async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://playground.invalid');
    if (url.pathname !== API_PREFIX && !url.pathname.startsWith(`${API_PREFIX}/`)) return false;
    try {
      const denied = refusal(request, ports());
      if (denied !== undefined) throw new ApiFailure(403, denied);
      const path = url.pathname.slice(API_PREFIX.length);
      const route = routes.find((candidate) => candidate.pattern.test(path));
      if (route === undefined)
        throw new ApiFailure(404, `No such control API route: ${url.pathname}.`);
      const match = route.pattern.exec(path) as RegExpExecArray;
      const handler = route.methods[request.method === 'HEAD' ? 'GET' : (request.method ?? '')];
      if (handler === undefined) {
        const allowed = Object.keys(route.methods).join(', ');
        throw new ApiFailure(
          405,
          `${request.method} is not allowed here; use ${allowed}.`,
          undefined,
          {
            Allow: allowed,
          },
        );
      }
      const result = await handler(match, request, url, response);
      if (result !== 'streamed') send(response, result[0], result[1]);
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error;
      const body: ApiError = { error: error.message };
      if (error.issues !== undefined) body.issues = error.issues;
      send(response, error.status, body, error.headers);
    }
    return true;
  };
}
