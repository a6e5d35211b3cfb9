import type { HeaderLines } from './cors-headers.ts';
import type { Cookie, ServerConfig } from './server-config.ts';

type ActualResponse = ServerConfig['actual'];

// How the target lays out what it writes, beside the CORS lines. The target
// (mock-server/response-plan.ts) writes it and the server panel's summary previews it, both
// from these functions, so the preview cannot drift from the wire.

/** The actual response's body when the config sets none. */
export const DEFAULT_BODY_TEXT = '{"message":"Hello from the target"}\n';
export const DEFAULT_CONTENT_TYPE = 'application/json; charset=utf-8';

// The reason phrases Node's http.STATUS_CODES holds, so the target reads like a typical
// Node server; a status without one gets an empty reason (RFC 9112 §4 allows it).
const REASON_PHRASES: Readonly<Record<number, string>> = {
  100: 'Continue',
  101: 'Switching Protocols',
  102: 'Processing',
  103: 'Early Hints',
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  203: 'Non-Authoritative Information',
  204: 'No Content',
  205: 'Reset Content',
  206: 'Partial Content',
  207: 'Multi-Status',
  208: 'Already Reported',
  226: 'IM Used',
  300: 'Multiple Choices',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  305: 'Use Proxy',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  417: 'Expectation Failed',
  418: "I'm a Teapot",
  421: 'Misdirected Request',
  422: 'Unprocessable Entity',
  423: 'Locked',
  424: 'Failed Dependency',
  425: 'Too Early',
  426: 'Upgrade Required',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  505: 'HTTP Version Not Supported',
  506: 'Variant Also Negotiates',
  507: 'Insufficient Storage',
  508: 'Loop Detected',
  509: 'Bandwidth Limit Exceeded',
  510: 'Not Extended',
  511: 'Network Authentication Required',
};

/** The reason phrase the target writes after a status code. */
export function reasonPhrase(status: number): string {
  return REASON_PHRASES[status] ?? '';
}

// https://httpwg.org/specs/rfc9110.html#status.204, #status.304: no content, so neither
// Content-Type nor Content-Length is written.
export function hasNoContent(status: number): boolean {
  return status === 204 || status === 304;
}

/** Whether raw lines frame their body; without Content-Length it ends at connection close. */
export function isFramed(headers: HeaderLines): boolean {
  return headers.some(([name]) => name.toLowerCase() === 'content-length');
}

/** The actual response's body text: the configured one or the default. */
export function actualBodyText(actual: ActualResponse): string {
  return actual.body?.text ?? DEFAULT_BODY_TEXT;
}

// https://httpwg.org/specs/rfc6265.html#sane-set-cookie-syntax
/** The `Set-Cookie` value for a configured cookie. */
export function setCookieLine(cookie: Cookie): string {
  let line = `${cookie.name}=${cookie.value}`;
  if (cookie.path !== undefined) line += `; Path=${cookie.path}`;
  if (cookie.maxAge !== undefined) line += `; Max-Age=${cookie.maxAge}`;
  if (cookie.sameSite !== undefined) line += `; SameSite=${cookie.sameSite}`;
  if (cookie.secure === true) line += '; Secure';
  if (cookie.httpOnly === true) line += '; HttpOnly';
  if (cookie.partitioned === true) line += '; Partitioned';
  return line;
}

/**
 * The Content-Type line the target adds to the actual response, if any: none for a response
 * without content, for a body whose `contentType` is `null`, or when the extra lines list their
 * own (which then stands alone, where it was listed).
 */
export function actualContentType(actual: ActualResponse): string | undefined {
  if (hasNoContent(actual.status)) return undefined;
  if (actual.headers.some(([name]) => name.toLowerCase() === 'content-type')) return undefined;
  if (actual.body === undefined) return DEFAULT_CONTENT_TYPE;
  return actual.body.contentType ?? undefined;
}

/**
 * The actual response's lines after its CORS lines: the extra lines, the cookies, then the
 * framing. `bodyBytes` is the body's length in bytes (UTF-8).
 */
export function actualTailLines(actual: ActualResponse, bodyBytes: number): HeaderLines {
  const lines: HeaderLines = [
    ...actual.headers,
    ...actual.cookies.map((cookie): [string, string] => ['Set-Cookie', setCookieLine(cookie)]),
  ];
  const contentType = actualContentType(actual);
  if (contentType !== undefined) lines.push(['Content-Type', contentType]);
  if (!hasNoContent(actual.status)) lines.push(['Content-Length', String(bodyBytes)]);
  return lines;
}

/** The lines of an answered preflight: CORS lines, the preflight's extra lines, framing. */
export function preflightAnswerLines(
  status: number,
  cors: HeaderLines,
  extra: HeaderLines,
): HeaderLines {
  return hasNoContent(status) ? [...cors, ...extra] : [...cors, ...extra, ['Content-Length', '0']];
}

/** The lines of a redirect the target writes (a hop, or a preflight answered with one). */
export function redirectLines(
  cors: HeaderLines,
  extra: HeaderLines,
  location: string,
): HeaderLines {
  return [...cors, ...extra, ['Location', location], ['Content-Length', '0']];
}
