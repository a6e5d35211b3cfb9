/**
 * What `fetch(url, init)` does with its arguments before anything is sent: the `TypeError`s it
 * rejects with, the headers it silently drops, and the request it builds.
 *
 * @module
 */
import type { BrowserName } from './browser.ts';
import type { CredentialsMode } from './cors-check.ts';
import { fetchStep, type SpecStep } from './errors.ts';
import {
  byteLowercase,
  getHeader,
  hasHeader,
  isHeaderName,
  isHeaderValue,
  normalizeHeaderValue,
  type Header,
  type HeaderList,
} from './headers.ts';
import { isCorsSafelistedMethod, isForbiddenMethod, isMethod, normalizeMethod } from './method.ts';
import {
  forbiddenRequestHeaderReason,
  isNoCorsSafelistedRequestHeader,
  type ForbiddenRequestHeaderReason,
} from './safelist.ts';
import { canonicalOrigin, includesCredentials, parseUrl, type ParsedUrl } from './url.ts';

/** The `mode` a page can give `fetch()`. @see https://fetch.spec.whatwg.org/#concept-request-mode */
export type RequestMode = 'cors' | 'no-cors' | 'same-origin';

/** @see https://fetch.spec.whatwg.org/#concept-request-redirect-mode */
export type RedirectMode = 'follow' | 'error' | 'manual';

/** @see https://fetch.spec.whatwg.org/#concept-request-cache-mode */
export const REQUEST_CACHE_MODES = [
  'default',
  'no-store',
  'reload',
  'no-cache',
  'force-cache',
  'only-if-cached',
] as const;

/** The `cache` a page can give `fetch()`: how the request uses the HTTP cache. */
export type RequestCache = (typeof REQUEST_CACHE_MODES)[number];

/** A `fetch()` call as a page would write it. */
export interface RequestDraft {
  /** The URL given to `fetch()`: absolute, or relative to the page origin. */
  readonly url: string;
  /** The page's serialized origin (`location.origin`), e.g. `http://localhost:5173`. */
  readonly origin: string;
  /** `init.method`, as typed (`patch` stays `patch`). */
  readonly method: string;
  /** `init.headers`, in order, duplicates kept. */
  readonly headers: HeaderList;
  readonly mode: RequestMode;
  readonly credentials: CredentialsMode;
  readonly redirect: RedirectMode;
  /** `init.cache`; absent means `'default'`. */
  readonly cache?: RequestCache | undefined;
  /** `init.body` when it is a string; absent for no body. */
  readonly body?: string | undefined;
}

/** Why `fetch()` rejects with a `TypeError` before sending anything. */
export type RequestTypeError =
  // A header name or value, or the method, has a character above U+00FF.
  (
    | { readonly kind: 'non-latin1'; readonly member: 'headers' | 'method' }
    // The URL does not parse.
    | { readonly kind: 'invalid-url'; readonly url: string }
    // The URL carries a username or password.
    | { readonly kind: 'url-credentials'; readonly url: string }
    // Cache mode `only-if-cached` in a mode other than `same-origin`.
    | { readonly kind: 'only-if-cached-mode'; readonly mode: RequestMode }
    // The method is not a token.
    | { readonly kind: 'invalid-method'; readonly method: string }
    // `CONNECT`, `TRACE` or `TRACK`, in any case.
    | { readonly kind: 'forbidden-method'; readonly method: string }
    // A `no-cors` request with a method other than GET, HEAD or POST.
    | { readonly kind: 'no-cors-method'; readonly method: string }
    // A header name that is not a token.
    | { readonly kind: 'invalid-header-name'; readonly name: string }
    // A header value with NUL, CR or LF inside.
    | { readonly kind: 'invalid-header-value'; readonly name: string }
    // A body on a GET or HEAD request.
    | { readonly kind: 'body-with-get-or-head' }
  ) & { readonly step: SpecStep };

/** Why `fetch()` dropped a header without a word. */
export type DroppedHeaderReason =
  | ForbiddenRequestHeaderReason
  /** A `no-cors` request keeps only no-CORS-safelisted request-headers. */
  | 'no-cors-not-safelisted';

/** A header the page set that never left the browser. */
export interface DroppedHeader {
  readonly name: string;
  readonly value: string;
  readonly reason: DroppedHeaderReason;
}

/** The request `fetch()` builds from a draft. */
export interface FetchRequest {
  readonly url: ParsedUrl;
  /** The page origin, canonical (`null` for an opaque origin). */
  readonly origin: string;
  /** Normalized. */
  readonly method: string;
  /** As sent: forbidden headers dropped, lines of one name combined. */
  readonly headers: HeaderList;
  readonly dropped: readonly DroppedHeader[];
  readonly mode: RequestMode;
  readonly credentials: CredentialsMode;
  readonly redirect: RedirectMode;
  readonly cache: RequestCache;
  readonly hasBody: boolean;
}

function isLatin1(value: string): boolean {
  return /^[\0-\xff]*$/.test(value);
}

// https://fetch.spec.whatwg.org/#dom-request
/**
 * The `Request` constructor `fetch()` runs on its arguments, with the checks in the order
 * Chromium 156 makes them (each verified): the request, or the `TypeError` it rejects with.
 */
export function requestConstructor(
  draft: RequestDraft,
  browser: BrowserName = 'chromium',
): { readonly request: FetchRequest } | { readonly typeError: RequestTypeError } {
  // (WebIDL) The init dictionary is converted first, members in alphabetical order, and a
  // ByteString refuses any character above U+00FF.
  const byteString: SpecStep = {
    spec: 'Web IDL',
    algorithm: 'ByteString conversion',
    url: 'https://webidl.spec.whatwg.org/#es-ByteString',
    number: '2',
  };
  if (draft.headers.some(([name, value]) => !isLatin1(name) || !isLatin1(value))) {
    return { typeError: { kind: 'non-latin1', member: 'headers', step: byteString } };
  }
  if (!isLatin1(draft.method)) {
    return { typeError: { kind: 'non-latin1', member: 'method', step: byteString } };
  }
  // 5.1. Parse the URL against the page (whose origin stands in for its URL).
  const url = parseUrl(draft.url, parseUrl(draft.origin));
  // 5.2.
  if (!url) {
    return { typeError: { kind: 'invalid-url', url: draft.url, step: step('5.2') } };
  }
  // 5.3. No `user:pass@`.
  if (includesCredentials(url)) {
    return { typeError: { kind: 'url-credentials', url: draft.url, step: step('5.3') } };
  }
  // 20. The cache mode (`default` when not given).
  const cache = draft.cache ?? 'default';
  // 21. `only-if-cached` answers from the HTTP cache alone, so only in `same-origin` mode: with
  // another origin's URL it would tell the page whether the user had loaded that URL before.
  // (Chromium checks it here too: after the URL, before the method and the headers.)
  if (cache === 'only-if-cached' && draft.mode !== 'same-origin') {
    return { typeError: { kind: 'only-if-cached-mode', mode: draft.mode, step: step('21') } };
  }
  // 25.2. A method token, and not a forbidden one.
  if (!isMethod(draft.method)) {
    return { typeError: { kind: 'invalid-method', method: draft.method, step: step('25.2') } };
  }
  if (isForbiddenMethod(draft.method)) {
    return { typeError: { kind: 'forbidden-method', method: draft.method, step: step('25.2') } };
  }
  // 25.3. `put` becomes `PUT`; `patch` stays `patch`.
  const method = normalizeMethod(draft.method);
  // 32.1. `no-cors` allows only CORS-safelisted methods.
  if (draft.mode === 'no-cors' && !isCorsSafelistedMethod(method)) {
    return { typeError: { kind: 'no-cors-method', method, step: step('32.1') } };
  }
  // 33. The headers, through the request's Headers object.
  const filled = fillHeaders(draft.headers, draft.mode, browser);
  if ('typeError' in filled) return filled;
  // 35. No body on GET or HEAD.
  const hasBody = draft.body !== undefined;
  if (hasBody && (method === 'GET' || method === 'HEAD')) {
    return { typeError: { kind: 'body-with-get-or-head', step: step('35') } };
  }
  // 37.4. A string body brings its type, unless the page set Content-Type.
  const headers: HeaderList =
    hasBody && !hasHeader(filled.headers, 'Content-Type')
      ? [...filled.headers, ['Content-Type', 'text/plain;charset=UTF-8']]
      : filled.headers;
  return {
    request: {
      url,
      origin: canonicalOrigin(draft.origin),
      method,
      headers: combineHeaderLines(headers),
      dropped: filled.dropped,
      mode: draft.mode,
      credentials: draft.credentials,
      redirect: draft.redirect,
      cache,
      hasBody,
    },
  };
}

function step(number: string): SpecStep {
  return fetchStep('dom-request', number);
}

// https://fetch.spec.whatwg.org/#concept-headers-fill
/** Appends each header as `Headers` does: invalid ones throw, forbidden ones vanish. */
function fillHeaders(
  init: HeaderList,
  mode: RequestMode,
  browser: BrowserName,
):
  | { readonly headers: HeaderList; readonly dropped: readonly DroppedHeader[] }
  | { readonly typeError: RequestTypeError } {
  const headers: Header[] = [];
  const dropped: DroppedHeader[] = [];
  for (const [name, rawValue] of init) {
    // https://fetch.spec.whatwg.org/#concept-headers-append
    // 1. Strip surrounding whitespace.
    const value = normalizeHeaderValue(rawValue);
    // 2. Validate (https://fetch.spec.whatwg.org/#headers-validate): 1. a bad name or value
    // throws; 3. a forbidden request-header is dropped without a word.
    const validate = fetchStep('headers-validate', '1');
    if (!isHeaderName(name)) {
      return { typeError: { kind: 'invalid-header-name', name, step: validate } };
    }
    if (!isHeaderValue(value)) {
      return { typeError: { kind: 'invalid-header-value', name, step: validate } };
    }
    const forbidden = forbiddenRequestHeaderReason(name, value, browser);
    if (forbidden) {
      dropped.push({ name, value, reason: forbidden });
      continue;
    }
    // 3. In `no-cors` mode the combined value must stay a no-CORS-safelisted request-header.
    const existing = getHeader(headers, name);
    const temporaryValue = existing === null ? value : `${existing}, ${value}`;
    if (mode === 'no-cors' && !isNoCorsSafelistedRequestHeader(name, temporaryValue)) {
      dropped.push({ name, value, reason: 'no-cors-not-safelisted' });
      continue;
    }
    // 4. Append.
    headers.push([name, value]);
  }
  return { headers, dropped };
}

// NOTE(chromium): Blink keeps request headers in a map, so lines of the same name are combined
// into one `a, b` value (named as first written) before the safelist sees them and before they
// are sent: `X-A: 2` and `x-a: 3` arrive as one `X-A: 2, 3`, and two 100-byte `Accept` lines
// make one 202-byte value that needs a preflight, where the spec checks each line on its own
// (both seen in Chromium 156).
function combineHeaderLines(list: HeaderList): HeaderList {
  const combined = new Map<string, Header>();
  for (const [name, value] of list) {
    const first = combined.get(byteLowercase(name));
    combined.set(byteLowercase(name), first ? [first[0], `${first[1]}, ${value}`] : [name, value]);
  }
  return [...combined.values()];
}
