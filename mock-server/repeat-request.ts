import type { RepeatRequest, RepeatResult } from '../src/scenario/control-api.ts';
import type { HeaderLines } from '../src/scenario/cors-headers.ts';
import { headerLinesSchema, tokenSchema } from '../src/scenario/header-value.ts';
import { requestUrlSchema } from '../src/scenario/request-draft.ts';
import { MAX_BODY_CHARS } from '../src/scenario/server-config.ts';
import { z } from '../src/scenario/zod.ts';
import { MalformedAnswer, rawRequest } from './http/raw-client.ts';

/**
 * How long the other server has for the whole exchange, connect to last byte: a browser waits
 * longer, a person does not.
 */
export const REPEAT_TIMEOUT_MS = 10_000;
/** Repeats in flight at once, per session and in all: each holds a socket for up to the deadline. */
export const REPEATS_PER_SESSION = 4;
export const REPEATS_IN_ALL = 16;
/** How much of the answer is read, head and body: the rest is cut, so memory stays bounded. */
export const REPEAT_MAX_BYTES = 256 * 1024;

/**
 * Lines Node writes itself: `Host` from the URL, `Content-Length` from the body,
 * `Connection: close` to end the exchange. `Cookie` is the browser's own (a page cannot set
 * it, and Node has none of its cookies). `Origin` is checked apart: it must be the page's.
 */
const SET_BY_NODE = ['host', 'content-length', 'connection', 'transfer-encoding', 'cookie'];

export const repeatSchema = z.strictObject({
  url: requestUrlSchema,
  method: tokenSchema,
  headers: z._default(
    headerLinesSchema.check(
      z.superRefine((lines, context) => {
        for (const [index, [name]] of lines.entries()) {
          if (!SET_BY_NODE.includes(name.toLowerCase())) continue;
          context.addIssue({
            code: 'custom',
            path: [index, 0],
            input: name,
            message: `must not be ${name}: Node sends Host, Content-Length and Connection itself, and has none of the browser's cookies`,
          });
        }
      }),
    ),
    [],
  ),
  body: z.optional(z.string().check(z.maxLength(MAX_BODY_CHARS))),
}) satisfies z.ZodMiniType<RepeatRequest, unknown>;

/** Why the lines name an origin other than the page's, which the browser never sends. */
export function foreignOrigin(headers: HeaderLines, pageOrigin: string): string | undefined {
  const other = headers.find(
    ([name, value]) => name.toLowerCase() === 'origin' && value !== pageOrigin,
  );
  return other === undefined
    ? undefined
    : `Origin "${other[1]}" is not the page's: the browser sends Origin: ${pageOrigin}, so the repeat does too.`;
}

/** A failure to reach the server, in words that say it is not CORS. */
export class Unreachable extends Error {}

/** The server answered, but not with an HTTP/1.x answer Node can read. */
export class Unreadable extends Error {}

/** Counts repeats in flight, so neither one tab nor all of them hold sockets without bound. */
export class RepeatLimit {
  readonly #perSession = new Map<string, number>();
  #all = 0;

  /** Takes a place for `session`, or says why there is none (each taken place must be freed). */
  take(session: string): string | undefined {
    const mine = this.#perSession.get(session) ?? 0;
    if (mine >= REPEATS_PER_SESSION) {
      return `This session already has ${REPEATS_PER_SESSION} repeats waiting for an answer; try again when one is done.`;
    }
    if (this.#all >= REPEATS_IN_ALL) {
      return `The playground already has ${REPEATS_IN_ALL} repeats waiting for an answer; try again when one is done.`;
    }
    this.#perSession.set(session, mine + 1);
    this.#all += 1;
    return undefined;
  }

  free(session: string): void {
    const mine = this.#perSession.get(session) ?? 0;
    if (mine <= 1) this.#perSession.delete(session);
    else this.#perSession.set(session, mine - 1);
    this.#all -= 1;
  }
}

const TLS_CODES = /^(ERR_TLS|ERR_SSL|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_(GET|VERIFY))/;

/** Why Node got no answer from `url`: refused, DNS, TLS, reset, or a timeout. */
function unreachable(url: URL, error: unknown): Unreachable {
  const { code, message } = error as NodeJS.ErrnoException;
  const where = `${url.hostname}:${url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : url.port}`;
  const why =
    code === 'ECONNREFUSED'
      ? `the connection to ${where} was refused: nothing listens there`
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? `the host name ${url.hostname} did not resolve (DNS)`
        : code !== undefined && TLS_CODES.test(code)
          ? `the TLS handshake with ${where} failed (${message})`
          : code === 'ECONNRESET'
            ? `${where} reset the connection`
            : message;
  return new Unreachable(`No answer, and not a CORS problem: ${why}.`);
}

/**
 * Whether a page's `fetch()` in "cors" mode sends `Origin`: when its response tainting is
 * "cors" (the URL is cross-origin) or its method is neither GET nor HEAD.
 * https://fetch.spec.whatwg.org/#append-a-request-origin-header
 */
function sendsOrigin(url: URL, method: string, pageOrigin: string): boolean {
  // https://fetch.spec.whatwg.org/#concept-method-normalize: `get` and `head` are GET and HEAD.
  const safe = ['GET', 'HEAD'].includes(method.toUpperCase());
  return url.origin !== pageOrigin || !safe;
}

/**
 * Sends the request the browser made to another server from Node, where no CORS applies, with
 * the page's Origin where the browser sends one, and reads its answer: never a redirect (a 3xx is an answer like any other,
 * shown with its Location), at most REPEAT_MAX_BYTES, within REPEAT_TIMEOUT_MS.
 */
export async function repeatRequest(
  input: z.output<typeof repeatSchema>,
  pageOrigin: string,
): Promise<RepeatResult> {
  const url = new URL(input.url);
  const body = Buffer.from(input.body ?? '', 'utf8');
  const hasOrigin = input.headers.some(([name]) => name.toLowerCase() === 'origin');
  const addOrigin = !hasOrigin && sendsOrigin(url, input.method, pageOrigin);
  const headers: HeaderLines = [
    ['Host', url.host],
    ...input.headers,
    ...(addOrigin ? [['Origin', pageOrigin] satisfies [string, string]] : []),
  ];
  if (input.body !== undefined) headers.push(['Content-Length', String(body.length)]);
  headers.push(['Connection', 'close']);
  const started = Date.now();
  const response = await rawRequest(url, input.method, headers, body, REPEAT_TIMEOUT_MS, {
    maxBytes: REPEAT_MAX_BYTES,
    overflow: 'cut',
    halfClose: false,
  }).catch((error: unknown) => {
    if (error instanceof MalformedAnswer) {
      throw new Unreadable(
        `${url.host} answered, but not as HTTP/1.1: ${error.message}. Not a CORS problem.`,
      );
    }
    throw unreachable(url, error);
  });
  return {
    entry: {
      seq: 0,
      receivedAt: started,
      durationMs: Date.now() - started,
      listener: 'node',
      request: {
        method: input.method,
        target: `${url.pathname}${url.search}`,
        host: url.host,
        ...(url.protocol === 'https:' ? { scheme: 'https' as const } : {}),
        httpVersion: '1.1',
        headers,
        bodySize: body.length,
      },
      response: {
        status: response.status,
        reason: response.reason,
        headers: response.headers,
        bodySize: response.body.length,
      },
    },
    body: response.body.toString('utf8'),
    cut: response.cut === true,
  };
}
