/**
 * Responses as they crossed the wire, and the status classes the algorithms test.
 *
 * @module
 */
import {
  byteCaseInsensitiveMatch,
  getDecodeSplit,
  getHeader,
  normalizeHeaderValue,
  type HeaderList,
} from './headers.ts';

/** A response as the server wrote it: status and raw header lines (duplicates kept). */
export interface WireResponse {
  readonly status: number;
  readonly headers: HeaderList;
}

/** `response.type` as JavaScript sees it for a response that was not a network error. */
export type ResponseType = 'basic' | 'cors' | 'opaque' | 'opaqueredirect';

/**
 * The header lines as the browser's HTTP parser hands them on: each value without the
 * whitespace around it, so `Access-Control-Allow-Origin:  x ` counts as `x` (seen in Chromium).
 */
export function parsedHeaderLines(response: WireResponse): HeaderList {
  return response.headers.map(([name, value]) => [name, normalizeHeaderValue(value)]);
}

// https://fetch.spec.whatwg.org/#ok-status
/** Whether `status` is in the range 200 to 299. */
export function isOkStatus(status: number): boolean {
  return status >= 200 && status <= 299;
}

/** @see https://fetch.spec.whatwg.org/#redirect-status */
export const REDIRECT_STATUSES = [301, 302, 303, 307, 308] as const;

// https://fetch.spec.whatwg.org/#redirect-status
/** Whether `status` is 301, 302, 303, 307 or 308. */
export function isRedirectStatus(status: number): boolean {
  return (REDIRECT_STATUSES as readonly number[]).includes(status);
}

// https://fetch.spec.whatwg.org/#concept-response-location-url
/**
 * The `Location` value of a response the browser treats as a redirect, or `undefined` when it
 * is not one (not a redirect status, or no `Location`): such a response is returned as it is,
 * e.g. a `302` without `Location` resolves with status 302 (seen in Chromium).
 */
export function redirectLocation(headers: HeaderList, status: number): string | undefined {
  const location = getHeader(headers, 'Location');
  // NOTE(chromium): net only treats a redirect status with a non-empty `Location` as a
  // redirect (HttpResponseHeaders::IsRedirect); the spec would resolve an empty one.
  return isRedirectStatus(status) && location ? location : undefined;
}

/**
 * The headers Chromium's HTTP parser refuses to see with two different values, in the order it
 * checks them: each is a sign of response splitting or smuggling.
 */
export const SINGLE_VALUE_RESPONSE_HEADERS = [
  'Content-Length',
  'Content-Disposition',
  'Location',
] as const;

/** A header that must not come with two different values. */
export type SingleValueResponseHeader = (typeof SINGLE_VALUE_RESPONSE_HEADERS)[number];

/**
 * Headers whose lines Chromium keeps whole rather than splitting them on commas
 * (net::HttpUtil::IsNonCoalescingHeader): of the three above, only `Location`.
 */
const NON_COALESCING = ['Location'] as const;

// https://httpwg.org/specs/rfc9112.html#message.body.length (item 5)
/**
 * The first header of {@link SINGLE_VALUE_RESPONSE_HEADERS} that came with two different values,
 * if any. Such a response is a network error before any CORS check (Chromium names it
 * `net::ERR_RESPONSE_HEADERS_MULTIPLE_` + `CONTENT_LENGTH`, `CONTENT_DISPOSITION` or
 * `LOCATION`), whether it answers a preflight or a request, redirect or not, in every mode.
 * `headers` are the parsed lines ({@link parsedHeaderLines}).
 *
 * HTTP makes an invalid `Content-Length` (here: different values) an unrecoverable error for a
 * user agent, unless `Transfer-Encoding` frames the body instead (item 3); identical values may
 * be accepted (RFC 9110, section 8.6).
 *
 * NOTE(chromium): net::HttpStreamParser applies the same rule to `Content-Disposition` and
 * `Location`, on any status: a 200 with two different `Location`s fails, and so does a
 * preflight redirect with them (the spec would ignore `Location` on a 200 and report a CORS
 * error for the preflight). Values compare as strings: `Content-Length: 02` and `2` differ,
 * two empty lines do not. Lines of `Content-Length` and `Content-Disposition` are split on
 * commas outside quotes first, empty items kept, so `Content-Length: 2, 3` on one line fails,
 * and so does `2,` (`2` and an empty value), while `Location: /a,b` stays one value. Only
 * `chunked` in `Transfer-Encoding` excuses `Content-Length` (HttpResponseHeaders::
 * IsChunkEncoded, on HTTP/1.1, which the model assumes). All seen in Chromium 156.
 */
export function conflictingResponseHeader(
  headers: HeaderList,
): SingleValueResponseHeader | undefined {
  // A chunked body ignores Content-Length altogether (item 3).
  const chunked = valuesOf(headers, 'Transfer-Encoding').some((coding) =>
    byteCaseInsensitiveMatch(coding, 'chunked'),
  );
  return SINGLE_VALUE_RESPONSE_HEADERS.find((name) => {
    if (name === 'Content-Length' && chunked) return false;
    const [first, ...rest] = valuesOf(headers, name);
    return rest.some((value) => value !== first);
  });
}

/** Every value of `name` as Chromium enumerates them: comma-split unless non-coalescing. */
function valuesOf(headers: HeaderList, name: string): string[] {
  const whole = (NON_COALESCING as readonly string[]).includes(name);
  return headers
    .filter(([headerName]) => byteCaseInsensitiveMatch(headerName, name))
    .flatMap(([, value]) => (whole ? [value] : getDecodeSplit(value)));
}
