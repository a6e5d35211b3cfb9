import type { ExchangeLogEntry } from '../src/scenario/control-api.ts';
import type { HeaderLines } from '../src/scenario/cors-headers.ts';
import { parseTargetRoute, sessionBase, TARGET_PREFIX } from '../src/scenario/request-url.ts';
import {
  hasContent,
  plainTextResponse,
  type RawHandler,
  type RawResponse,
} from './http/raw-server.ts';
import type { RawRequest } from './http/request-reader.ts';
import type { PlanOrigins, TargetOrigins } from './origins.ts';
import { readRequestFacts } from './response-plan.ts';
import type { Session, SessionStore } from './sessions.ts';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Appends one exchange to the session's log, timed from `started` until now, and hands
 * back the response. (A function of its own, not a closure made per request.)
 */
function logExchange(
  session: Session,
  request: RawRequest,
  host: string,
  response: RawResponse,
  listener: ExchangeLogEntry['listener'],
  receivedAt: number,
  started: number,
): RawResponse {
  session.log.append({
    receivedAt,
    durationMs: performance.now() - started,
    listener,
    request: {
      method: request.method,
      target: request.target,
      host,
      httpVersion: request.httpVersion,
      headers: request.headers,
      bodySize: request.body.length,
    },
    response: {
      status: response.status,
      reason: response.reason,
      headers: response.headers,
      bodySize: hasContent(request.method, response.status) ? response.body.length : 0,
    },
  });
  return response;
}

/**
 * The mock API the playground's page fetches: answers every method on every path of a
 * session from that session's compiled plan, and logs each exchange to the session.
 */
export function createTargetHandler(
  sessions: SessionStore,
  origins: () => PlanOrigins,
  listenerOf: (localPort: number) => ExchangeLogEntry['listener'],
): RawHandler {
  return (request: RawRequest, connection) => {
    const receivedAt = Date.now();
    const started = performance.now();
    const route = parseTargetRoute(request.target);
    const session = route === undefined ? undefined : sessions.get(route.sessionId);
    if (route === undefined || session === undefined) {
      // Deliberately without CORS headers: a cross-origin page sees only "Failed to fetch".
      return plainTextResponse(
        404,
        route === undefined
          ? `No such path: ${request.target}. Target URLs look like /s/<session>/<path>. (This 404 carries no CORS headers.)`
          : `Unknown or expired session "${route.sessionId}". Create one through the playground. (This 404 carries no CORS headers.)`,
      );
    }
    const facts = readRequestFacts(request.headers);
    const planOrigins =
      session.pageOrigin === undefined ? origins() : { ...origins(), page: session.pageOrigin };
    const planned = session.plan(request, route, planOrigins, facts);
    const { response } = planned;
    // NOTE(chromium): after a 1xx and nothing more, a fresh connection's close is
    // net::ERR_EMPTY_RESPONSE, but a reused one's is taken for a response without headers
    // (HttpStreamParser; seen in Chromium 156). So a 1xx goes out on a fresh connection only:
    // on a reused one the target closes unanswered, as when a keep-alive runs out, and the
    // browser resends the request on a new connection. Nothing is logged for the close.
    if (response.status < 200 && connection.answered > 0) return null;
    const listener = listenerOf(connection.localPort);
    if (planned.delayMs > 0) {
      // The log says what was written: nothing, to a client gone during the delay.
      return wait(planned.delayMs).then(() =>
        connection.writable
          ? logExchange(session, request, facts.host, response, listener, receivedAt, started)
          : response,
      );
    }
    // Without a delay the answer is returned at once, not through a promise.
    return logExchange(session, request, facts.host, response, listener, receivedAt, started);
  };
}

// https://w3c.github.io/webappsec-fetch-metadata/: the browser sets these, and no script
// can (Sec- is a forbidden header prefix). fetch(), XMLHttpRequest, EventSource and
// sendBeacon() have the destination "" (sent as `empty`) and one of these modes; a
// navigation, a frame, a worker or a script has another destination or `navigate`.
const FETCH_MODES = new Set(['cors', 'same-origin', 'no-cors']);

/**
 * Whether a request says it is a fetch(), whose answer no browser renders or runs. One
 * that says nothing (an old browser, curl) is not taken for one, nor is a prefetch
 * (`Sec-Purpose`), which a later navigation may reuse.
 */
export function isFetchRequest(headers: HeaderLines): boolean {
  let dest: string | undefined;
  let mode: string | undefined;
  for (const [name, value] of headers) {
    // sec-fetch-dest, sec-fetch-mode and sec-purpose are 14 and 11 long: most lines are not.
    if (name.length !== 14 && name.length !== 11) continue;
    const lower = name.toLowerCase();
    if (lower === 'sec-purpose') return false;
    if (lower === 'sec-fetch-dest') dest ??= value;
    else if (lower === 'sec-fetch-mode') mode ??= value;
  }
  return dest === 'empty' && mode !== undefined && FETCH_MODES.has(mode);
}

/**
 * The target's routes as the app origin serves them: to fetch() only. There a page, a frame
 * or a worker made from a session's config would run beside the control API, with its
 * authority, so anything but a fetch() gets a refusal that renders as text and runs
 * nothing (`Content-Security-Policy: sandbox` too, should a browser sniff). Nothing is run
 * from the session's config, and nothing is logged.
 */
export function fetchOnly(handler: RawHandler, origins: () => TargetOrigins): RawHandler {
  return (request, connection) => {
    if (isFetchRequest(request.headers)) return handler(request, connection);
    const route = parseTargetRoute(request.target);
    const elsewhere =
      route === undefined
        ? ''
        : ` To open it as a page, use the target's origin, which is not the control API's: ${sessionBase(origins().sameSite, route.sessionId)}${route.rest}`;
    const refusal = plainTextResponse(
      403,
      `On the playground's own origin, ${TARGET_PREFIX}... serves fetch() only (Sec-Fetch-Dest: empty), so that no session's config can run as a page, frame or worker beside the control API.${elsewhere}`,
    );
    return {
      ...refusal,
      headers: [
        ...refusal.headers,
        ['Content-Security-Policy', 'sandbox'],
        ['X-Content-Type-Options', 'nosniff'],
      ],
    };
  };
}
