/**
 * The CORS preflight: when a request needs one, the exact `OPTIONS` request the browser sends,
 * and the checks its response must pass, in Chromium's order.
 *
 * @module
 */
import type { BrowserName } from './browser.ts';
import { asPreflightFailure, corsCheck, type CorsCheckRequest } from './cors-check.ts';
import { fetchStep, type CorsError, type CorsFailure, type PreflightLacks } from './errors.ts';
import { chromiumHeaderCheckOrder } from './header-map-order.ts';
import {
  byteLowercase,
  extractHeaderListValues,
  FAILURE,
  getDecodeSplit,
  getHeader,
  isToken,
  type HeaderList,
} from './headers.ts';
import { isCorsSafelistedMethod } from './method.ts';
import { isOkStatus, parsedHeaderLines, redirectLocation, type WireResponse } from './response.ts';
import {
  corsUnsafeRequestHeaderNames,
  corsUnsafeRequestHeaders,
  isCorsNonWildcardRequestHeaderName,
  type UnsafeRequestHeader,
} from './safelist.ts';

/** One thing about a request that calls for a preflight. */
export type PreflightReason =
  /** The method is not `GET`, `HEAD` or `POST`. */
  | { readonly kind: 'method'; readonly method: string }
  /** A header is not CORS-safelisted. */
  | { readonly kind: 'header'; readonly header: UnsafeRequestHeader };

// https://fetch.spec.whatwg.org/#concept-main-fetch (step 12, the preflight case)
/**
 * `undefined` when a CORS request can go without a preflight, else every reason it cannot: the
 * method, then each unsafe header in `Access-Control-Request-Headers` order.
 */
export function needsPreflight(
  method: string,
  headers: HeaderList,
  browser: BrowserName = 'chromium',
): readonly PreflightReason[] | undefined {
  // A method other than GET, HEAD or POST, or any CORS-unsafe request-header name.
  const reasons: PreflightReason[] = corsUnsafeRequestHeaders(headers, browser).map((header) => ({
    kind: 'header',
    header,
  }));
  if (!isCorsSafelistedMethod(method)) reasons.unshift({ kind: 'method', method });
  return reasons.length > 0 ? reasons : undefined;
}

/** The preflight request: always `OPTIONS` to the same URL. */
export interface PreflightRequest {
  readonly method: 'OPTIONS';
  readonly url: string;
  /** The CORS header lines, in the order Chromium sends them. */
  readonly headers: HeaderList;
}

// https://fetch.spec.whatwg.org/#cors-preflight-fetch-0 (steps 1-5)
/**
 * The `OPTIONS` request sent before `method` with `headers` to `url`, from `serializedOrigin`.
 * Only the CORS header lines are listed; the browser adds its usual ones (`User-Agent`,
 * `Sec-Fetch-*`, ...) and never cookies.
 */
export function corsPreflightRequest(
  url: string,
  method: string,
  headers: HeaderList,
  serializedOrigin: string,
  browser: BrowserName = 'chromium',
): PreflightRequest {
  // 4. The unsafe names, sorted and lower-cased.
  const names = corsUnsafeRequestHeaderNames(headers, browser);
  return {
    // 1. Same URL, method OPTIONS.
    method: 'OPTIONS',
    url,
    headers: [
      // 2.
      ['Accept', '*/*'],
      // 3. The method exactly as the request will use it (`patch` stays `patch`).
      ['Access-Control-Request-Method', method],
      // 5. Joined by a bare comma, not `, `.
      ...(names.length > 0 ? [['Access-Control-Request-Headers', names.join(',')] as const] : []),
      // (HTTP-network-or-cache fetch then appends the request's Origin.)
      ['Origin', serializedOrigin],
    ],
  };
}

/** What a preflight check needs to know about the actual request. */
export interface PreflightCheckRequest extends CorsCheckRequest {
  /** The actual request's URL. */
  readonly url: string;
  /** The actual request's method (after normalization). */
  readonly method: string;
  /** The actual request's headers. */
  readonly headers: HeaderList;
  /** The browser whose order of checks applies (default: `chromium`). */
  readonly browser?: BrowserName | undefined;
}

/** A preflight response that passed every check: what it allows, and for how long. */
export interface PreflightResult {
  readonly methods: readonly string[];
  /** Lower-cased. */
  readonly headerNames: readonly string[];
  readonly maxAge: MaxAge;
}

const PREFLIGHT = 'cors-preflight-fetch-0';

function fail(corsError: CorsError, failedParameter: string, step: string): CorsFailure {
  return { corsError, failedParameter, step: fetchStep(PREFLIGHT, step) };
}

// https://fetch.spec.whatwg.org/#cors-preflight-fetch-0 (steps 6-7)
/**
 * The failure of a `#token` list header that does not parse. NOTE(firefox): Firefox quotes the
 * first item that is not a token (seen: `GET PUT`, `["GET"`), bytes above 0x7F as U+FFFD;
 * Chromium quotes nothing.
 */
function invalidList(
  corsError: 'InvalidAllowMethodsPreflightResponse' | 'InvalidAllowHeadersPreflightResponse',
  headers: HeaderList,
  name: string,
  browser: BrowserName | undefined,
): { readonly failure: CorsFailure } {
  const items = getDecodeSplit(getHeader(headers, name) ?? '');
  const token = items.find((item) => item !== '' && !isToken(item)) ?? '';
  const quoted = browser === 'firefox' ? token.replace(/[\x80-\xff]+/g, '\uFFFD') : '';
  return { failure: fail(corsError, quoted, '7.3') };
}

/**
 * Checks the preflight's response for the actual request, in Chromium's order: redirect,
 * CORS check (origin, then credentials), ok status, `Access-Control-Allow-Methods` and
 * `-Allow-Headers` parsing, then the method, then the headers. Returns the first failure, or
 * what the response allows.
 *
 * NOTE(firefox): Firefox's order differs (each seen in Firefox 153): the CORS check comes before
 * the redirect, and the method is checked before `Access-Control-Allow-Headers` is parsed.
 */
export function corsPreflightFetch(
  request: PreflightCheckRequest,
  response: WireResponse,
): { readonly failure: CorsFailure } | { readonly result: PreflightResult } {
  const firefox = request.browser === 'firefox';
  const headers = parsedHeaderLines(response);
  // 6. NOTE(chromium): the preflight is not allowed to follow a redirect, and Chromium names
  // that before looking at any header; the spec would just see a status that is not ok.
  const redirected = redirectLocation(headers, response.status) !== undefined;
  const disallowedRedirect = { failure: fail('PreflightDisallowedRedirect', '', '6') };
  if (redirected && !firefox) return disallowedRedirect;
  // 7. The CORS check, on the actual request's credentials mode.
  // NOTE(chromium): the CORS check comes before the status, so a 404 without
  // Access-Control-Allow-Origin is PreflightMissingAllowOriginHeader (verified).
  const corsFailure = corsCheck(request, headers);
  if (corsFailure) return { failure: asPreflightFailure(corsFailure) };
  if (redirected) return disallowedRedirect;
  // 7. Then an ok status (200-299).
  if (!isOkStatus(response.status)) return { failure: fail('PreflightInvalidStatus', '', '7') };
  // 7.1.-7.3. Both lists must parse (an absent header is an empty list); Chromium names the
  // methods first.
  const methods = extractHeaderListValues(headers, 'Access-Control-Allow-Methods') ?? [];
  if (methods === FAILURE) {
    return invalidList(
      'InvalidAllowMethodsPreflightResponse',
      headers,
      'Access-Control-Allow-Methods',
      request.browser,
    );
  }
  // 7.5. The method (in Firefox, before the headers parse).
  const methodFailure = preflightMethodCheck(request, methods);
  const lacking = (failure: CorsFailure, names: readonly string[]) => ({
    failure: { ...failure, lacks: preflightLacks(request, methods, names) },
  });
  if (methodFailure && firefox) return lacking(methodFailure, []);
  const headerNames = extractHeaderListValues(headers, 'Access-Control-Allow-Headers') ?? [];
  if (headerNames === FAILURE) {
    return invalidList(
      'InvalidAllowHeadersPreflightResponse',
      headers,
      'Access-Control-Allow-Headers',
      request.browser,
    );
  }
  // 7.4. (Not modelled: fetch() sets the use-CORS-preflight flag only for streamed bodies.)
  const failure =
    methodFailure ??
    // 7.6.-7.7. The headers.
    preflightHeadersCheck(request, headerNames, { wildcardCoversAuthorization: true });
  if (failure) return lacking(failure, headerNames);
  // 7.8.-7.10. How long this may be cached.
  const maxAge = parseAccessControlMaxAge(
    getHeader(headers, 'Access-Control-Max-Age'),
    request.browser,
  );
  return { result: { methods, headerNames: headerNames.map(byteLowercase), maxAge } };
}

// https://fetch.spec.whatwg.org/#cors-preflight-fetch-0 (step 7.5)
/**
 * `undefined` when `methods` (from `Access-Control-Allow-Methods`) allow the request's method:
 * listed exactly (case-sensitively), CORS-safelisted, or `*` when credentials are not included.
 */
export function preflightMethodCheck(
  request: Pick<PreflightCheckRequest, 'method' | 'credentials'>,
  methods: readonly string[],
): CorsFailure | undefined {
  if (methods.includes(request.method) || isCorsSafelistedMethod(request.method)) return undefined;
  if (request.credentials !== 'include' && methods.includes('*')) return undefined;
  return fail('MethodDisallowedByPreflightResponse', request.method, '7.5');
}

/** How `*` in `Access-Control-Allow-Headers` treats `Authorization`. */
export interface HeadersCheckOptions {
  /**
   * NOTE(chromium): Chromium 156 lets `*` cover `Authorization` on a fresh preflight (it only
   * files an AuthorizationCoveredByWildcard deprecation issue), but not from the cache.
   */
  readonly wildcardCoversAuthorization: boolean;
}

// https://fetch.spec.whatwg.org/#cors-preflight-fetch-0 (steps 7.6-7.7)
/**
 * `undefined` when `headerNames` (from `Access-Control-Allow-Headers`) allow every CORS-unsafe
 * request header: each listed case-insensitively, or `*` when credentials are not included
 * (never for `Authorization` in the spec). Otherwise the first missing name in the order
 * Chromium checks them.
 */
export function preflightHeadersCheck(
  request: Pick<PreflightCheckRequest, 'url' | 'headers' | 'credentials'>,
  headerNames: readonly string[],
  options: HeadersCheckOptions,
): CorsFailure | undefined {
  const [first] = disallowedHeaderNames(request, headerNames, options);
  if (first === undefined) return undefined;
  const step = isCorsNonWildcardRequestHeaderName(first) ? '7.6' : '7.7';
  return fail('HeaderDisallowedByPreflightResponse', first, step);
}

/** Each CORS-unsafe request header `headerNames` do not allow, in Chromium's check order. */
function disallowedHeaderNames(
  request: Pick<PreflightCheckRequest, 'url' | 'headers' | 'credentials' | 'browser'>,
  headerNames: readonly string[],
  options: HeadersCheckOptions,
): string[] {
  const allowed = new Set(headerNames.map(byteLowercase));
  const wildcard = request.credentials !== 'include' && allowed.has('*');
  // 7.6. `Authorization` must be listed by name; 7.7. any other unsafe name, listed or `*`.
  const missing = new Set(
    corsUnsafeRequestHeaderNames(request.headers, request.browser).filter((name) => {
      const nonWildcard = isCorsNonWildcardRequestHeaderName(name);
      return (
        !allowed.has(name) && !(wildcard && (!nonWildcard || options.wildcardCoversAuthorization))
      );
    }),
  );
  // NOTE(firefox): Firefox names the first in sorted order (seen: `x-a` of `x-a`, `x-b`, `x-c`).
  if (request.browser === 'firefox') return [...missing];
  // NOTE(chromium): the spec checks the names in no particular order; Chromium names the first
  // in its own header-map order (header-map-order.ts), neither sorted nor as the request set them.
  return chromiumHeaderCheckOrder(
    request.headers.map(([name]) => name),
    request.url,
  ).filter((name) => missing.has(name));
}

/**
 * Everything `methods` and `headerNames` do not allow for the request, where the checks stop at
 * the first. `*` is not taken to cover `Authorization` (the spec refuses it), so an answer
 * built from this passes in every browser.
 */
export function preflightLacks(
  request: Pick<PreflightCheckRequest, 'url' | 'method' | 'headers' | 'credentials'>,
  methods: readonly string[],
  headerNames: readonly string[],
): PreflightLacks {
  const headers = disallowedHeaderNames(request, headerNames, {
    wildcardCoversAuthorization: false,
  });
  return preflightMethodCheck(request, methods)
    ? { method: request.method, headerNames: headers }
    : { headerNames: headers };
}

/**
 * Whether the preflight passed only because the browser let `*` cover `Authorization`: the spec
 * and Chromium's own cache would refuse it.
 * NOTE(firefox): Firefox 153 lets it through too (seen), logging "When the
 * `Access-Control-Allow-Headers` is `*`, the `Authorization` header is not covered" as a warning.
 */
export function hasAuthorizationCoveredByWildcard(
  request: Pick<PreflightCheckRequest, 'url' | 'headers' | 'credentials'>,
  headerNames: readonly string[],
): boolean {
  return (
    preflightHeadersCheck(request, headerNames, { wildcardCoversAuthorization: false }) !==
      undefined &&
    preflightHeadersCheck(request, headerNames, { wildcardCoversAuthorization: true }) === undefined
  );
}

/** Chromium's default lifetime of an entry whose preflight sent no max-age, in seconds. */
export const DEFAULT_MAX_AGE = 5;

/** Chromium's cap on `Access-Control-Max-Age`, in seconds (WebKit: 600). */
export const MAX_AGE_LIMIT = 7200;

/**
 * NOTE(firefox): Firefox caps `Access-Control-Max-Age` at 24 hours. Not measured here (it
 * would take a wait of over two hours to tell from Chromium's cap): from MDN's
 * `Access-Control-Max-Age` page and Firefox's nsCORSListenerProxy.
 */
export const FIREFOX_MAX_AGE_LIMIT = 86_400;

/** How the max-age of an entry was decided. */
export type MaxAgeSource =
  /** No `Access-Control-Max-Age`: the default. */
  | 'default'
  /** A value that does not parse (not an integer, several lines): the default. */
  | 'invalid'
  /** A negative value: not cached at all. */
  | 'negative'
  /** More than the cap: the cap. */
  | 'capped'
  /** The header's own value. */
  | 'header';

/** A parsed `Access-Control-Max-Age`. */
export interface MaxAge {
  readonly seconds: number;
  readonly source: MaxAgeSource;
}

const INT64_MAX = 2n ** 63n - 1n;

// https://fetch.spec.whatwg.org/#cors-preflight-fetch-0 (steps 7.8-7.10)
/** How long Chromium keeps a preflight's answer, given its `Access-Control-Max-Age` value. */
export function parseAccessControlMaxAge(
  value: string | null,
  browser: BrowserName = 'chromium',
): MaxAge {
  // 7.9. Absent: the default.
  if (value === null) return { seconds: DEFAULT_MAX_AGE, source: 'default' };
  // 7.8.-7.9. Not a number: the default too. Two lines combine into `600, 600`, which fails.
  // NOTE(chromium): the value is read as a signed 64-bit integer (base::StringToInt64), so a
  // leading `+` is accepted (`+600` lives 600 s in Chromium 156) where delta-seconds is digits
  // only, and a number beyond 64 bits is invalid rather than capped.
  const integer = /^[+-]?\d+$/.test(value) ? BigInt(value) : undefined;
  if (integer === undefined || integer > INT64_MAX || integer < -INT64_MAX - 1n) {
    // NOTE(firefox): a value that does not parse is not cached at all (seen in Firefox 153:
    // `soon` sends the next preflight at once).
    return { seconds: browser === 'firefox' ? 0 : DEFAULT_MAX_AGE, source: 'invalid' };
  }
  const seconds = Number(integer);
  // NOTE(chromium): a negative value means "do not cache" (0 s, seen in Chromium 156); the spec
  // would take it as invalid and use the default.
  if (seconds < 0) return { seconds: 0, source: 'negative' };
  // 7.10. The user agent's cap.
  const limit = browser === 'firefox' ? FIREFOX_MAX_AGE_LIMIT : MAX_AGE_LIMIT;
  if (seconds > limit) return { seconds: limit, source: 'capped' };
  return { seconds, source: 'header' };
}
