import type { ExchangeLogEntry } from '../src/scenario/control-api.ts';
import { parseTargetRoute } from '../src/scenario/request-url.ts';
import {
  hasContent,
  plainTextResponse,
  type RawHandler,
  type RawResponse,
} from './http/raw-server.ts';
import type { RawRequest } from './http/request-reader.ts';
import type { TargetOrigins } from './origins.ts';
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
  origins: () => TargetOrigins,
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
    const planned = session.plan(request, route, origins(), facts);
    const { response } = planned;
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
