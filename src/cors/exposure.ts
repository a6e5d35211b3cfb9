/**
 * Which response headers JavaScript can read through `response.headers`, and why not.
 *
 * @module
 */
import type { CredentialsMode } from './cors-check.ts';
import {
  byteLowercase,
  extractHeaderListValues,
  FAILURE,
  sortAndCombine,
  type HeaderList,
} from './headers.ts';
import type { ResponseType } from './response.ts';

/** @see https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name */
export const CORS_SAFELISTED_RESPONSE_HEADER_NAMES = [
  'cache-control',
  'content-language',
  'content-length',
  'content-type',
  'expires',
  'last-modified',
  'pragma',
] as const;

/** @see https://fetch.spec.whatwg.org/#forbidden-response-header-name */
export const FORBIDDEN_RESPONSE_HEADER_NAMES = ['set-cookie', 'set-cookie2'] as const;

/** The names a CORS response exposes beyond the safelisted ones, from its own headers. */
export type CorsExposedHeaderNames =
  /** `Access-Control-Expose-Headers: *` without credentials: every name. */
  | { readonly kind: 'all' }
  /** The names listed (lower-cased); `wildcardIgnored` when a `*` did not count. */
  | {
      readonly kind: 'listed';
      readonly names: readonly string[];
      readonly wildcardIgnored: boolean;
    }
  /** `Access-Control-Expose-Headers` does not parse: nothing more is exposed. */
  | { readonly kind: 'invalid' };

// https://fetch.spec.whatwg.org/#concept-main-fetch (step 14.1)
/** The response's CORS-exposed header-name list. */
export function corsExposedHeaderNameList(
  headers: HeaderList,
  credentials: CredentialsMode,
): CorsExposedHeaderNames {
  // 14.1.1. Parse Access-Control-Expose-Headers over all its lines (absent: nothing).
  const headerNames = extractHeaderListValues(headers, 'Access-Control-Expose-Headers') ?? [];
  // (Failure leaves the list empty; Chromium 156 then exposes nothing more, verified.)
  if (headerNames === FAILURE) return { kind: 'invalid' };
  // 14.1.2. `*` exposes every name, unless credentials are included.
  const wildcard = headerNames.includes('*');
  if (wildcard && credentials !== 'include') return { kind: 'all' };
  // 14.1.3. Otherwise the names themselves (a `*` then only matches a header named `*`).
  return { kind: 'listed', names: headerNames.map(byteLowercase), wildcardIgnored: wildcard };
}

/** Why JavaScript can or cannot read one response header. */
export type ExposureReason =
  /** Readable: a same-origin (basic) response shows every header but `Set-Cookie`. */
  | 'same-origin'
  /** Readable: a CORS-safelisted response-header name. */
  | 'safelisted'
  /** Readable: listed in `Access-Control-Expose-Headers`. */
  | 'exposed'
  /** Readable: `Access-Control-Expose-Headers: *` without credentials. */
  | 'wildcard'
  /** Hidden: `Set-Cookie` and `Set-Cookie2` are never readable. */
  | 'forbidden-response-header'
  /** Hidden: not safelisted, not listed, and the `*` did not count because of credentials. */
  | 'wildcard-with-credentials'
  /** Hidden: `Access-Control-Expose-Headers` does not parse, so only safelisted names show. */
  | 'expose-headers-invalid'
  /** Hidden: neither safelisted nor listed in `Access-Control-Expose-Headers`. */
  | 'not-exposed'
  /** Hidden: an opaque (`no-cors`) response shows no headers at all. */
  | 'opaque'
  /** Hidden: an opaque-redirect (`redirect: 'manual'`) response shows no headers at all. */
  | 'opaque-redirect'
  /** Hidden: the fetch failed, so JavaScript never got a response. */
  | 'fetch-failed';

/** One response header line, and whether JavaScript can read it. */
export interface HeaderExposure {
  readonly name: string;
  readonly value: string;
  readonly readable: boolean;
  readonly reason: ExposureReason;
}

const READABLE: ReadonlySet<ExposureReason> = new Set([
  'same-origin',
  'safelisted',
  'exposed',
  'wildcard',
]);

function includesName(list: readonly string[], name: string): boolean {
  return list.includes(byteLowercase(name));
}

// https://fetch.spec.whatwg.org/#concept-filtered-response-basic
// https://fetch.spec.whatwg.org/#concept-filtered-response-cors
// https://fetch.spec.whatwg.org/#concept-filtered-response-opaque
// https://fetch.spec.whatwg.org/#concept-filtered-response-opaque-redirect
/**
 * For every header line of a response that reached the page as `type`, whether
 * `response.headers` shows it and why. `undefined` as `type` means the fetch failed.
 */
export function responseHeaderExposure(
  type: ResponseType | undefined,
  headers: HeaderList,
  credentials: CredentialsMode,
): HeaderExposure[] {
  const exposed = corsExposedHeaderNameList(headers, credentials);
  return headers.map(([name, value]) => {
    const reason = exposureReason(type, name, exposed);
    return { name, value, readable: READABLE.has(reason), reason };
  });
}

function exposureReason(
  type: ResponseType | undefined,
  name: string,
  exposed: CorsExposedHeaderNames,
): ExposureReason {
  // No response for JavaScript at all, or an opaque one with an empty header list.
  if (type === undefined) return 'fetch-failed';
  if (type === 'opaque') return 'opaque';
  if (type === 'opaqueredirect') return 'opaque-redirect';
  // Basic and CORS filtered responses both drop the forbidden response-header names.
  if (includesName(FORBIDDEN_RESPONSE_HEADER_NAMES, name)) return 'forbidden-response-header';
  if (type === 'basic') return 'same-origin';
  // A CORS filtered response keeps the CORS-safelisted response-header names, given the list.
  if (includesName(CORS_SAFELISTED_RESPONSE_HEADER_NAMES, name)) return 'safelisted';
  if (exposed.kind === 'all') return 'wildcard';
  if (exposed.kind === 'invalid') return 'expose-headers-invalid';
  if (includesName(exposed.names, name)) return 'exposed';
  return exposed.wildcardIgnored ? 'wildcard-with-credentials' : 'not-exposed';
}

/**
 * The headers as JavaScript iterates `response.headers`: the readable ones, lower-cased,
 * sorted, and combined by name (what a page's `[...response.headers]` shows).
 */
export function jsVisibleHeaders(exposures: readonly HeaderExposure[]): HeaderList {
  return sortAndCombine(
    exposures.filter((header) => header.readable).map(({ name, value }) => [name, value]),
  );
}
