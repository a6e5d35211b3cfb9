import { reasonPhrase } from '../../../scenario/response-parts.ts';

export function statusLine(status: number, reason = reasonPhrase(status)): string {
  return `HTTP/1.1 ${status} ${reason}`.trimEnd();
}

/** What a preflight can be answered with: OK statuses pass, the rest teach a failure. */
export const PREFLIGHT_STATUSES = [
  200, 204, 299, 301, 302, 303, 304, 307, 308, 400, 401, 403, 404, 405, 500, 503, 680,
] as const;

/** @see https://fetch.spec.whatwg.org/#redirect-status */
export const REDIRECT_STATUSES = [301, 302, 303, 307, 308] as const;
