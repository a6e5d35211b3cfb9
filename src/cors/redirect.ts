/**
 * Redirects: following one, and what it does to the request (its origin, method, headers).
 *
 * @module
 */
import { fetchStep, type CorsFailure, type SpecStep } from './errors.ts';
import { deleteHeader, type HeaderList } from './headers.ts';
import type { RequestMode } from './request.ts';
import { CORS_NON_WILDCARD_REQUEST_HEADER_NAMES } from './safelist.ts';
import {
  includesCredentials,
  isHttpScheme,
  isSameOrigin,
  parseUrl,
  serializeOrigin,
  type ParsedUrl,
} from './url.ts';

/** How a request's responses are filtered, decided per hop by main fetch. */
export type ResponseTainting = 'basic' | 'cors' | 'opaque';

// https://fetch.spec.whatwg.org/#concept-request-tainted-origin
/**
 * Whether a redirect has tainted the request's origin: some hop went from a URL that is not
 * the page's origin to yet another origin. From then on the `Origin` header is `null`.
 */
export function hasRedirectTaintedOrigin(origin: string, urlList: readonly ParsedUrl[]): boolean {
  // 2.-3. Walk the URL list in pairs.
  return urlList.some((url, index) => {
    const last = urlList[index - 1];
    // 3.2. A cross-origin hop away from a URL that is not the request's origin.
    return (
      last !== undefined &&
      !isSameOrigin(serializeOrigin(url), serializeOrigin(last)) &&
      !isSameOrigin(origin, serializeOrigin(last))
    );
  });
}

// https://fetch.spec.whatwg.org/#serializing-a-request-origin
/** The `Origin` header value: the page's origin, or `null` once tainted by a redirect. */
export function serializeRequestOrigin(origin: string, urlList: readonly ParsedUrl[]): string {
  // 2.-3.
  return hasRedirectTaintedOrigin(origin, urlList) ? 'null' : origin;
}

/** The parts of a request a redirect can change. */
export interface RedirectingRequest {
  /** The page origin. */
  readonly origin: string;
  readonly mode: RequestMode;
  readonly method: string;
  readonly headers: HeaderList;
  readonly hasBody: boolean;
  /** The URL that answered with the redirect. */
  readonly url: ParsedUrl;
  /** Every URL so far, `url` last. */
  readonly urlList: readonly ParsedUrl[];
  readonly redirectCount: number;
  readonly tainting: ResponseTainting;
}

/** Why following a redirect fails without a CORS error code. */
export type RedirectNetworkError =
  /** The `Location` value does not parse as a URL. */
  | 'invalid-location'
  /** The 21st redirect: Chromium gives up (net::ERR_TOO_MANY_REDIRECTS). */
  | 'too-many-redirects';

/** The result of following one redirect. */
export type RedirectOutcome =
  | { readonly kind: 'follow'; readonly request: RedirectingRequest }
  | {
      readonly kind: 'blocked';
      /** The URL Chromium names in its message. */
      readonly url: string;
      readonly failure: CorsFailure;
    }
  | {
      readonly kind: 'network-error';
      readonly reason: RedirectNetworkError;
      readonly step: SpecStep;
    };

/** @see https://fetch.spec.whatwg.org/#request-body-header-name */
export const REQUEST_BODY_HEADER_NAMES = [
  'content-encoding',
  'content-language',
  'content-location',
  'content-type',
] as const;

/** The most redirects one fetch follows. */
export const REDIRECT_LIMIT = 20;

const REDIRECT_FETCH = 'concept-http-redirect-fetch';

// https://fetch.spec.whatwg.org/#concept-http-redirect-fetch
/** Follows a redirect to `location` (its `Location` value): the next request, or why not. */
export function httpRedirectFetch(
  request: RedirectingRequest,
  status: number,
  location: string,
): RedirectOutcome {
  // 3. The location, resolved against the URL that answered.
  const locationUrl = parseUrl(location, request.url);
  // 5. It must parse.
  if (!locationUrl) {
    return {
      kind: 'network-error',
      reason: 'invalid-location',
      step: fetchStep(REDIRECT_FETCH, '5'),
    };
  }
  // 6. Only HTTP(S).
  // NOTE(chromium): reported as CorsDisabledScheme with no failedParameter (verified with a
  // redirect to ftp:), where the spec has a plain network error.
  if (!isHttpScheme(locationUrl)) return blocked(locationUrl.href, 'CorsDisabledScheme', '6');
  // 7. At most 20 redirects.
  if (request.redirectCount === REDIRECT_LIMIT) {
    return {
      kind: 'network-error',
      reason: 'too-many-redirects',
      step: fetchStep(REDIRECT_FETCH, '7'),
    };
  }
  // 9. A CORS request may not be sent to another origin with `user:pass@` in the URL.
  if (
    request.mode === 'cors' &&
    includesCredentials(locationUrl) &&
    !isSameOrigin(request.origin, serializeOrigin(locationUrl))
  ) {
    return blocked(request.url.href, 'RedirectContainsCredentials', '9');
  }
  // 10. Nor, once CORS-tainted, anywhere (a cross-origin resource redirecting back).
  if (request.tainting === 'cors' && includesCredentials(locationUrl)) {
    return blocked(request.url.href, 'RedirectContainsCredentials', '10');
  }
  // 11. (Not modelled: a string body can always be sent again.)
  // 12. 301/302 turn POST into GET, 303 turns anything but GET/HEAD into GET, without a body.
  const toGet =
    ((status === 301 || status === 302) && request.method === 'POST') ||
    (status === 303 && request.method !== 'GET' && request.method !== 'HEAD');
  const bodyHeadersGone = toGet
    ? REQUEST_BODY_HEADER_NAMES.reduce(deleteHeader, request.headers)
    : request.headers;
  // 13. Another origin never sees the page's Authorization header.
  const headers = isSameOrigin(serializeOrigin(request.url), serializeOrigin(locationUrl))
    ? bodyHeadersGone
    : CORS_NON_WILDCARD_REQUEST_HEADER_NAMES.reduce(deleteHeader, bodyHeadersGone);
  // 8., 18. Count it, and go on to the new URL.
  return {
    kind: 'follow',
    request: {
      ...request,
      method: toGet ? 'GET' : request.method,
      hasBody: toGet ? false : request.hasBody,
      headers,
      url: locationUrl,
      urlList: [...request.urlList, locationUrl],
      redirectCount: request.redirectCount + 1,
    },
  };
}

/** A blocked redirect, reported against `url` as Chromium does. */
function blocked(
  url: string,
  corsError: 'CorsDisabledScheme' | 'RedirectContainsCredentials',
  step: string,
): RedirectOutcome {
  return {
    kind: 'blocked',
    url,
    failure: { corsError, failedParameter: '', step: fetchStep(REDIRECT_FETCH, step) },
  };
}
