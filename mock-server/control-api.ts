import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from '../src/scenario/zod.ts';
import {
  API_PREFIX,
  type ApiError,
  type ExchangeLogEntry,
  type SessionInfo,
} from '../src/scenario/control-api.ts';
import { parseJson } from '../src/scenario/parse-json.ts';
import { sessionBase } from '../src/scenario/request-url.ts';
import {
  parseServerConfig,
  type ConfigIssue,
  type ServerConfig,
} from '../src/scenario/server-config.ts';
import { appHosts, appOrigin, targetOrigins, type PlaygroundPorts } from './origins.ts';
import {
  foreignOrigin,
  RepeatLimit,
  repeatRequest,
  repeatSchema,
  Unreachable,
  Unreadable,
} from './repeat-request.ts';
import { sendFromServer, serverSendSchema } from './send-from-server.ts';
import { SessionsInUseError, type Session, type SessionStore } from './sessions.ts';

export const MAX_API_BODY_BYTES = 256 * 1024;
const SSE_HEARTBEAT_MS = 15_000;
/** After refusing a body, how long and how much of it is still read and dropped (see send). */
const LINGER_MS = 2000;
const LINGER_BYTES = 16 * 1024 * 1024;

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
/**
 * The host a request names: an absolute-form target's authority, which a server must prefer
 * to the Host line (RFC 9112, section 3.2.2), else the Host line.
 */
function requestedHost(request: IncomingMessage): string | undefined {
  const target = request.url ?? '/';
  if (target.startsWith('/')) return request.headers.host;
  return URL.parse(target)?.host ?? '';
}

/** How many times a field occurs among the request's lines. */
const fieldCount = (request: IncomingMessage, name: string): number =>
  request.rawHeaders.filter((line, index) => index % 2 === 0 && line.toLowerCase() === name).length;

function refusal(request: IncomingMessage, ports: PlaygroundPorts): string | undefined {
  const host = requestedHost(request);
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

const tooLarge = (): ApiFailure =>
  new ApiFailure(
    413,
    `Request body is larger than ${MAX_API_BODY_BYTES} bytes; nothing was changed.`,
  );

/**
 * Reads a JSON body of at most MAX_API_BODY_BYTES. A larger declared Content-Length is
 * refused before any of the body is read, and before `100 Continue` would ask for it
 * (RFC 9110, section 10.1.1: a server may answer with a final status instead); a chunked
 * body is refused as soon as it passes the limit.
 */
async function readJson(request: IncomingMessage, response: ServerResponse): Promise<unknown> {
  if (Number(request.headers['content-length'] ?? 0) > MAX_API_BODY_BYTES) throw tooLarge();
  if (request.headers.expect?.toLowerCase() === '100-continue') response.writeContinue();
  const chunks: Buffer[] = [];
  let size = 0;
  // Not destroyed on the way out: a refused body is still read and dropped (see send).
  for await (const chunk of request.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_API_BODY_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  const parsed = parseJson(text);
  if (!parsed.ok) throw new ApiFailure(400, `${parsed.error}; nothing was changed.`);
  return parsed.value;
}

function validConfig(input: unknown): ServerConfig {
  const parsed = parseServerConfig(input);
  if (!parsed.ok)
    throw new ApiFailure(400, 'Invalid server config; nothing was changed.', parsed.issues);
  return parsed.value;
}

function validInput<T extends z.ZodMiniType>(schema: T, input: unknown, what: string): z.output<T> {
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
  const request = response.req;
  if (request.complete) {
    response.end(request.method === 'HEAD' ? undefined : text);
    return;
  }
  // Answered before the body was read (a refusal). node:http closes the connection after
  // this answer, and closing with the client's bytes still arriving would reset it, which
  // can erase the answer before the client reads it (RFC 9112, section 9.6). So the answer
  // goes out whole (its Content-Length frames it) and the connection ends only once the rest
  // of the body has been read and dropped, or after a bounded time and size.
  response.write(text);
  let dropped = 0;
  const finish = (): void => {
    if (response.writableEnded) return;
    clearTimeout(timer);
    request.removeListener('data', drop);
    response.end();
  };
  const drop = (chunk: Buffer): void => {
    dropped += chunk.length;
    if (dropped > LINGER_BYTES) finish();
  };
  const timer = setTimeout(finish, LINGER_MS);
  request.on('data', drop).once('end', finish).once('close', finish);
}

function parseAfter(value: string | null | undefined): number {
  const after = value ?? '0';
  if (!/^\d{1,15}$/.test(after)) {
    throw new ApiFailure(400, `"after" must be a non-negative integer, got "${after}".`);
  }
  return Number(after);
}

const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

/**
 * How far a log stream's client may fall behind, in bytes written but not yet taken by the
 * connection. Past it the stream is closed rather than buffered: an EventSource reconnects
 * with Last-Event-ID and gets what the log still holds.
 */
const MAX_STREAM_BACKLOG_BYTES = 256 * 1024;

/**
 * Streams the log as server-sent events, starting after `after`; ends with the session.
 * While open it counts as use of the session (`touch` at each heartbeat), so the session
 * is neither evicted nor expired under a tab that is watching it.
 */
function streamLog(
  session: Session,
  after: number,
  response: ServerResponse,
  touch: () => void,
): void {
  response.writeHead(200, SSE_HEADERS);
  // HEAD asks for the head only: nothing to stream, nothing to hold open.
  if (response.req.method === 'HEAD') {
    response.end();
    return;
  }
  // Every end path (session gone, client gone, error, too far behind) comes through here.
  const stop = (): void => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  const event = (entry: ExchangeLogEntry): string =>
    `id: ${entry.seq}\nevent: entry\ndata: ${JSON.stringify(entry)}\n\n`;
  // The replay (what the log holds: bounded by its own limits) may go out at the client's
  // pace; once it has, the backlog may not grow past MAX_STREAM_BACKLOG_BYTES.
  const replay = session.log.list(after).entries.map(event).join('');
  let limit = MAX_STREAM_BACKLOG_BYTES + replay.length;
  const write = (text: string): void => {
    if (response.writableEnded) return;
    response.write(text);
    const backlog = response.writableLength;
    if (backlog <= MAX_STREAM_BACKLOG_BYTES) limit = MAX_STREAM_BACKLOG_BYTES;
    else if (backlog > limit) {
      stop();
      response.destroy();
    }
  };
  const heartbeat = setInterval(() => {
    touch();
    write(': keep-alive\n\n');
  }, SSE_HEARTBEAT_MS);
  const unsubscribe = session.log.subscribe((entry) => {
    if (entry !== undefined) {
      write(event(entry));
      return;
    }
    stop();
    response.end('event: end\ndata: {}\n\n');
    // A client that stopped reading would hold the ended response open for good.
    response.setTimeout(SSE_HEARTBEAT_MS, () => response.destroy());
  });
  response.on('close', stop);
  response.on('error', stop);
  // The head goes out at once, so a client knows the stream is open before any entry.
  write(`: exchange log\n\n${replay}`);
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
  const repeats = new RepeatLimit();

  const routes: Route[] = [
    {
      pattern: /^\/sessions$/,
      methods: {
        POST: async (_match, request, _url, response) => {
          const body = (await readJson(request, response)) ?? {};
          if (!isPlainObject(body))
            throw new ApiFailure(400, 'Expected a JSON object, optionally with "config".');
          const unknownKeys = Object.keys(body).filter((key) => key !== 'config');
          if (unknownKeys.length > 0)
            throw new ApiFailure(400, `Unknown field(s): ${unknownKeys.join(', ')}.`);
          const config = body.config === undefined ? undefined : validConfig(body.config);
          try {
            return [201, sessionInfo(sessions.create(config, { spareInUse: true }), ports())];
          } catch (error) {
            if (!(error instanceof SessionsInUseError)) throw error;
            throw new ApiFailure(503, error.message, undefined, {
              'Retry-After': String(Math.ceil(error.retryAfterMs / 1000)),
            });
          }
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
        PUT: async (match, request, _url, response) => {
          const target = session(match[1]);
          target.configure(validConfig(await readJson(request, response)));
          return [200, target.config];
        },
        PATCH: async (match, request, _url, response) => {
          const target = session(match[1]);
          const patch = await readJson(request, response);
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
          streamLog(target, after, response, () => sessions.get(target.id));
          return 'streamed';
        },
      },
    },
    {
      pattern: /^\/sessions\/([^/]+)\/send$/,
      methods: {
        POST: async (match, request, _url, response) => {
          const target = session(match[1]);
          const input = validInput(
            serverSendSchema,
            await readJson(request, response),
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
    {
      // Any URL, unlike /send: the page's request to the user's own server, repeated from Node
      // with the page's Origin. Only this API's own page can ask (see refusal()).
      pattern: /^\/sessions\/([^/]+)\/repeat$/,
      methods: {
        POST: async (match, request, _url, response) => {
          const { id } = session(match[1]);
          const input = validInput(
            repeatSchema,
            await readJson(request, response),
            'request to repeat from the server',
          );
          const origin = appOrigin(ports());
          const refused = foreignOrigin(input.headers, origin);
          if (refused !== undefined) throw new ApiFailure(400, refused);
          const full = repeats.take(id);
          if (full !== undefined) throw new ApiFailure(429, full);
          try {
            return [200, await repeatRequest(input, origin)];
          } catch (error) {
            if (!(error instanceof Unreachable || error instanceof Unreadable)) throw error;
            throw new ApiFailure(502, error.message);
          } finally {
            repeats.free(id);
          }
        },
      },
    },
  ];

  return async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://playground.invalid');
    if (url.pathname !== API_PREFIX && !url.pathname.startsWith(`${API_PREFIX}/`)) return false;
    try {
      // A singleton field sent twice is ambiguous (RFC 9110, section 5.3): node:http keeps the
      // first line, Fetch's "extract a MIME type" the last. Neither reading is taken.
      if (fieldCount(request, 'content-type') > 1) {
        throw new ApiFailure(400, 'More than one Content-Type line; send exactly one.');
      }
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
