// Reason phrases as the target writes them (Node's `http.STATUS_CODES`), for the statuses
// the panel offers; any other status gets an empty reason, as on the wire.
const REASONS: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  206: 'Partial Content',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  418: "I'm a Teapot",
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? '';
}

export function statusLine(status: number, reason = reasonPhrase(status)): string {
  return `HTTP/1.1 ${status} ${reason}`.trimEnd();
}

/** What a preflight can be answered with: OK statuses pass, the rest teach a failure. */
export const PREFLIGHT_STATUSES = [
  200, 204, 301, 302, 303, 307, 308, 400, 401, 403, 404, 405, 500, 503,
] as const;

/** @see https://fetch.spec.whatwg.org/#redirect-status */
export const REDIRECT_STATUSES = [301, 302, 303, 307, 308] as const;
export type RedirectStatus = (typeof REDIRECT_STATUSES)[number];

export const isRedirectStatus = (status: number): status is RedirectStatus =>
  (REDIRECT_STATUSES as readonly number[]).includes(status);
