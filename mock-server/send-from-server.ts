import type { ServerSendResult } from '../src/scenario/control-api.ts';
import type { HeaderLines } from '../src/scenario/cors-headers.ts';
import { headerLinesSchema, tokenSchema } from '../src/scenario/header-value.ts';
import { sessionBase } from '../src/scenario/request-url.ts';
import { z } from '../src/scenario/zod.ts';
import { MAX_BODY_CHARS, targetRefSchema } from '../src/scenario/server-config.ts';
import { rawRequest } from './http/raw-client.ts';
import type { TargetOrigins } from './origins.ts';

/**
 * Whether `path`, put after a session's prefix, stays under it once the WHATWG URL parser
 * has read it, as `sendFromServer` sends what the parser makes of it. The parser resolves
 * `.` and `..` segments (plain or percent-encoded, any case) and, in an http URL, reads `\`
 * as `/`: https://url.spec.whatwg.org/#path-state. A session id holds none of these
 * characters, so any id gives the same answer.
 */
function staysInSession(path: string): boolean {
  const base = sessionBase('http://localhost', 'session');
  return new URL(`${base}${path}`).pathname.startsWith(`${new URL(base).pathname}/`);
}

/** What the page asks Node to send: the same request, to one of the session's targets. */
export const serverSendSchema = z.strictObject({
  target: z._default(targetRefSchema, 'sameSite'),
  method: z._default(tokenSchema, 'GET'),
  /** Path and query after the session prefix, e.g. `/items?x=1`. */
  path: z._default(
    z.string().check(
      z.maxLength(2048),
      z.regex(/^\/[\x21-\x7e]*$/, {
        message: 'must start with "/" and contain only visible ASCII characters',
        // Where a path goes is worth asking only of a path.
        abort: true,
      }),
      z.refine(staysInSession, {
        message: 'must stay within the session: the URL parser resolves it outside /s/<session>/',
      }),
    ),
    '/',
  ),
  headers: z._default(headerLinesSchema, []),
  body: z.optional(z.string().check(z.maxLength(MAX_BODY_CHARS))),
});
export type ServerSend = z.output<typeof serverSendSchema>;

const has = (headers: HeaderLines, lowerName: string): boolean =>
  headers.some(([name]) => name.toLowerCase() === lowerName);

/**
 * Sends the request from Node, where no CORS applies: no Origin is added, no preflight is
 * made, and every response header can be read. Only ever to the session's own targets.
 * The request goes out as given; only what HTTP needs is added where missing: `Host`,
 * `Content-Length` for a body, and `Connection: close`.
 */
export async function sendFromServer(
  send: ServerSend,
  sessionId: string,
  origins: TargetOrigins,
): Promise<ServerSendResult> {
  const url = new URL(`${sessionBase(origins[send.target], sessionId)}${send.path}`);
  const body = Buffer.from(send.body ?? '', 'utf8');
  const headers: HeaderLines = [];
  if (!has(send.headers, 'host')) headers.push(['Host', url.host]);
  headers.push(...send.headers);
  if (send.body !== undefined && !has(send.headers, 'content-length')) {
    headers.push(['Content-Length', String(body.length)]);
  }
  if (!has(send.headers, 'connection')) headers.push(['Connection', 'close']);
  const response = await rawRequest(url, send.method, headers, body, 35_000);
  return {
    url: url.href,
    status: response.status,
    statusText: response.reason,
    headers: response.headers,
    body: response.body.toString('utf8'),
  };
}
