/**
 * Chromium's names for CORS failures, Firefox's reason codes, and the shape every check in this
 * model returns.
 *
 * A check returns `undefined` when it passes and a {@link CorsFailure} when it does not, so
 * a failure is a value that can be compared, rendered and tested like any other.
 *
 * @module
 */

/**
 * Every `network::mojom::CorsError` value, in cors.mojom's order, spelled as the DevTools
 * Protocol reports it (`Network.CorsError`).
 *
 * @see https://source.chromium.org/chromium/chromium/src/+/main:services/network/public/mojom/cors.mojom
 */
export const CORS_ERRORS = [
  // Access control:
  // A `same-origin` mode request was made to a cross-origin URL.
  'DisallowedByMode',
  // DevTools-only warning: a preflight failed with a network error (e.g. an empty response).
  'InvalidResponse',
  // `Access-Control-Allow-Origin: *` answered a request whose credentials mode is `include`.
  'WildcardOriginNotAllowed',
  // The response has no `Access-Control-Allow-Origin` header.
  'MissingAllowOriginHeader',
  // `Access-Control-Allow-Origin` holds more than one value (a comma or a space).
  'MultipleAllowOriginValues',
  // `Access-Control-Allow-Origin` holds something that is not even a URL.
  'InvalidAllowOriginValue',
  // `Access-Control-Allow-Origin` names an origin other than the request's.
  'AllowOriginMismatch',
  // Credentials were included but `Access-Control-Allow-Credentials` is not exactly `true`.
  'InvalidAllowCredentials',
  // The URL's scheme cannot be fetched with CORS (not HTTP(S)).
  'CorsDisabledScheme',

  // Preflight:
  // The preflight response's status is not in the range 200-299.
  'PreflightInvalidStatus',
  // The preflight response is a redirect, which a preflight may not follow.
  'PreflightDisallowedRedirect',
  // As WildcardOriginNotAllowed, on the preflight response.
  'PreflightWildcardOriginNotAllowed',
  // As MissingAllowOriginHeader, on the preflight response.
  'PreflightMissingAllowOriginHeader',
  // As MultipleAllowOriginValues, on the preflight response.
  'PreflightMultipleAllowOriginValues',
  // As InvalidAllowOriginValue, on the preflight response.
  'PreflightInvalidAllowOriginValue',
  // As AllowOriginMismatch, on the preflight response.
  'PreflightAllowOriginMismatch',
  // As InvalidAllowCredentials, on the preflight response.
  'PreflightInvalidAllowCredentials',
  // Deprecated (CORS-RFC1918): `Access-Control-Allow-External` was missing.
  'PreflightMissingAllowExternal',
  // Deprecated (CORS-RFC1918): `Access-Control-Allow-External` was not `true`.
  'PreflightInvalidAllowExternal',
  // `Access-Control-Allow-Methods` is not a comma-separated list of tokens.
  'InvalidAllowMethodsPreflightResponse',
  // `Access-Control-Allow-Headers` is not a comma-separated list of tokens.
  'InvalidAllowHeadersPreflightResponse',
  // The request's method is not allowed by `Access-Control-Allow-Methods`.
  'MethodDisallowedByPreflightResponse',
  // A request header is not allowed by `Access-Control-Allow-Headers`.
  'HeaderDisallowedByPreflightResponse',

  // Redirect:
  // A redirect's `Location` carries a username or password.
  'RedirectContainsCredentials',

  // Local network access:
  // A non-secure page asked for a more private address space.
  'InsecureLocalNetwork',
  // The request's target address space did not match the resource's.
  'InvalidLocalNetworkAccess',

  // Renderer-side, before anything is sent:
  // A `no-cors` mode request whose redirect mode is not `follow`.
  'NoCorsRedirectModeNotFollow',

  // Local network access:
  // The user denied the local-network permission.
  'LocalNetworkAccessPermissionDenied',
] as const;

/** A Chromium CORS error code; see {@link CORS_ERRORS} for each member's meaning. */
export type CorsError = (typeof CORS_ERRORS)[number];

/**
 * A reason code from MDN's "CORS errors" pages; Firefox's console message gives it as
 * `(Reason: …)`, in words firefox-reasons.ts holds.
 *
 * @see https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS/Errors
 */
export type FirefoxReasonCode =
  | 'CORSDisabled'
  | 'CORSDidNotSucceed'
  | 'CORSRequestNotHttp'
  | 'CORSMultipleAllowOriginNotAllowed'
  | 'CORSMissingAllowOrigin'
  | 'CORSNotSupportingCredentials'
  | 'CORSAllowOriginNotMatchingOrigin'
  | 'CORSMissingAllowCredentials'
  | 'CORSOriginHeaderNotAdded'
  | 'CORSExternalRedirectNotAllowed'
  | 'CORSPreflightDidNotSucceed'
  | 'CORSInvalidAllowMethod'
  | 'CORSMethodNotFound'
  | 'CORSInvalidAllowHeader'
  | 'CORSMissingAllowHeaderFromPreflight';

/** Firefox's reason for one blocked fetch, as its console message carries it. */
export interface FirefoxReason {
  readonly code: FirefoxReasonCode;
  /** The value, method or header the message quotes; `''` when it quotes none. */
  readonly param: string;
}

/** A step of a published algorithm: where a check comes from. */
export interface SpecStep {
  /** The standard, e.g. `Fetch Standard`. */
  readonly spec: string;
  /** The algorithm's name as the spec titles it, e.g. `CORS check`. */
  readonly algorithm: string;
  /** The algorithm's URL, with its anchor. */
  readonly url: string;
  /** The step number inside that algorithm, e.g. `'7.5'`. */
  readonly number: string;
}

/** The Fetch Standard, whose anchors the checks cite. */
export const FETCH_SPEC = 'https://fetch.spec.whatwg.org/';

/** The Fetch Standard algorithms the checks cite: each anchor and the name the spec gives it. */
export const FETCH_ALGORITHMS = {
  'dom-request': 'new Request()',
  'headers-validate': 'Headers validate',
  'concept-main-fetch': 'main fetch',
  'concept-http-fetch': 'HTTP fetch',
  'concept-http-redirect-fetch': 'HTTP-redirect fetch',
  'concept-http-network-fetch': 'HTTP-network fetch',
  'cors-preflight-fetch-0': 'CORS-preflight fetch',
  'concept-cors-check': 'CORS check',
} as const;

export type FetchAlgorithm = keyof typeof FETCH_ALGORITHMS;

/** Names step `number` of the Fetch Standard algorithm at `#anchor`. */
export function fetchStep(anchor: FetchAlgorithm, number: string): SpecStep {
  return {
    spec: 'Fetch Standard',
    algorithm: FETCH_ALGORITHMS[anchor],
    url: `${FETCH_SPEC}#${anchor}`,
    number,
  };
}

/** Why a check failed: Chromium's code, the offending value, and the spec step. */
export interface CorsFailure {
  readonly corsError: CorsError;
  /**
   * The value Chromium reports as `failedParameter`: the offending header value, method or
   * header name, or `''` when Chromium reports none.
   */
  readonly failedParameter: string;
  readonly step: SpecStep;
  /** The checked header was not sent at all (Chromium's `failedParameter` is `''` either way). */
  readonly absent?: true;
  /**
   * On a preflight that failed at its method or headers: everything its answer lacks for the
   * request, though the check stops at the first, so the fix can name it all at once.
   */
  readonly lacks?: PreflightLacks;
  /**
   * Firefox's reason, where it does not follow from `corsError` (see firefox-reasons.ts):
   * Firefox tells apart what Chromium names alike.
   */
  readonly firefox?: FirefoxReason;
}

/** What a preflight answer does not allow for the request. */
export interface PreflightLacks {
  /** The request's method, when `Access-Control-Allow-Methods` does not allow it. */
  readonly method?: string;
  /** Each CORS-unsafe request header it does not allow, lower-cased, in Chromium's order. */
  readonly headerNames: readonly string[];
}

/**
 * Where in one `fetch()` something happened: while building the request (nothing sent), on a
 * preflight, on a redirect response, or on the final (actual) response.
 */
export type Stage = 'request' | 'preflight' | 'redirect' | 'actual';

/** Where a fetch stopped, in words that follow "blocked" or "failed". */
export const STAGE_WORDS: Readonly<Record<Stage, string>> = {
  request: 'before anything was sent',
  preflight: 'at the preflight',
  actual: 'at the response',
  redirect: 'at a redirect',
};
