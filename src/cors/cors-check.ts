/**
 * The CORS check: may the page's origin read this response? One check serves the preflight
 * response, every redirect response and the actual response; the preflight renames its codes.
 *
 * @module
 */
import type { BrowserName } from './browser.ts';
import { fetchStep, type CorsError, type CorsFailure } from './errors.ts';
import { byteLowercase, getHeader, type HeaderList } from './headers.ts';
import { parseUrl } from './url.ts';

/** A request's credentials mode. @see https://fetch.spec.whatwg.org/#concept-request-credentials-mode */
export type CredentialsMode = 'omit' | 'same-origin' | 'include';

/** What the CORS check needs to know about the request. */
export interface CorsCheckRequest {
  readonly credentials: CredentialsMode;
  /**
   * The request's origin as the `Origin` header carried it: the page's origin, or `null` once a
   * cross-origin redirect has tainted it.
   * @see https://fetch.spec.whatwg.org/#serializing-a-request-origin
   */
  readonly serializedOrigin: string;
  /** The browser whose departures apply (default: `chromium`). */
  readonly browser?: BrowserName | undefined;
}

/** The codes the CORS check itself can produce. */
export type CorsCheckError =
  | 'WildcardOriginNotAllowed'
  | 'MissingAllowOriginHeader'
  | 'MultipleAllowOriginValues'
  | 'InvalidAllowOriginValue'
  | 'AllowOriginMismatch'
  | 'InvalidAllowCredentials';

/** A failed CORS check. */
export interface CorsCheckFailure extends CorsFailure {
  readonly corsError: CorsCheckError;
}

function fail(corsError: CorsCheckError, failedParameter: string, step: string): CorsCheckFailure {
  return { corsError, failedParameter, step: fetchStep('concept-cors-check', step) };
}

// https://fetch.spec.whatwg.org/#concept-cors-check
/** `undefined` when the response passes the CORS check for `request`, else why it fails. */
export function corsCheck(
  request: CorsCheckRequest,
  headers: HeaderList,
): CorsCheckFailure | undefined {
  const include = request.credentials === 'include';
  // 1. Every Access-Control-Allow-Origin line, combined with `, `.
  const origin = getHeader(headers, 'Access-Control-Allow-Origin');
  // NOTE(firefox): a repeated line fails before any value is looked at, with a reason of its
  // own (seen in Firefox 153: even `*` twice); one line holding `a, b` is a mismatch.
  if (request.browser === 'firefox' && repeatsLine(headers, 'Access-Control-Allow-Origin')) {
    return {
      ...fail('MultipleAllowOriginValues', origin ?? '', '4'),
      firefox: { code: 'CORSMultipleAllowOriginNotAllowed', param: '' },
    };
  }
  // 3. `*` lets any origin read, unless credentials are included.
  // NOTE(chromium): Chromium tests for `*` first (CheckAccess in cors.cc), so `*` with
  // credentials gets its own code instead of failing step 4 as a mismatch; same verdict.
  if (origin === '*') return include ? fail('WildcardOriginNotAllowed', '', '3') : undefined;
  // 2. No header at all (which is not the value `null`).
  if (origin === null) return fail('MissingAllowOriginHeader', '', '2');
  // 4. Otherwise the value must be the serialized request origin, byte for byte: no trailing
  // slash, same case, scheme and port.
  if (origin !== request.serializedOrigin) return fail(mismatchError(origin), origin, '4');
  // 5. Without credentials, that is all.
  if (!include) return undefined;
  // 6.-8. With credentials, Access-Control-Allow-Credentials must be exactly `true`.
  const credentials = getHeader(headers, 'Access-Control-Allow-Credentials');
  if (credentials === 'true') return undefined;
  const failure = fail('InvalidAllowCredentials', credentials ?? '', '7');
  return credentials === null ? { ...failure, absent: true } : failure;
}

/**
 * Whether the response repeats a line of `name` spelled the same, byte for byte.
 * NOTE(firefox): Firefox tells repeated lines apart only when they are spelled alike: a
 * `access-control-allow-origin` beside an `Access-Control-Allow-Origin` is combined as in the
 * spec (seen in Firefox 153).
 */
function repeatsLine(headers: HeaderList, name: string): boolean {
  const spellings = headers
    .map(([line]) => line)
    .filter((line) => byteLowercase(line) === byteLowercase(name));
  return new Set(spellings).size < spellings.length;
}

// NOTE(chromium): the spec only says "failure" at step 4. Chromium looks at the value to name
// the mistake (CheckAccess in cors.cc): a space or comma means several values (also what two
// header lines combine into); `null` is a mismatch; anything that does not even parse as a URL
// (by GURL, approximated by parseUrl) is invalid. The verdict is the same for all three.
function mismatchError(value: string): CorsCheckError {
  if (/[ ,]/.test(value)) return 'MultipleAllowOriginValues';
  if (value !== 'null' && !parseUrl(value)) return 'InvalidAllowOriginValue';
  return 'AllowOriginMismatch';
}

/** Each CORS check code as the preflight reports it. */
const PREFLIGHT_CORS_ERRORS = {
  WildcardOriginNotAllowed: 'PreflightWildcardOriginNotAllowed',
  MissingAllowOriginHeader: 'PreflightMissingAllowOriginHeader',
  MultipleAllowOriginValues: 'PreflightMultipleAllowOriginValues',
  InvalidAllowOriginValue: 'PreflightInvalidAllowOriginValue',
  AllowOriginMismatch: 'PreflightAllowOriginMismatch',
  InvalidAllowCredentials: 'PreflightInvalidAllowCredentials',
} as const satisfies Record<CorsCheckError, CorsError>;

/** The same failure, named as Chromium names it on a preflight response. */
export function asPreflightFailure(failure: CorsCheckFailure): CorsFailure {
  return { ...failure, corsError: PREFLIGHT_CORS_ERRORS[failure.corsError] };
}
