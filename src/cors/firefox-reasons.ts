/**
 * Firefox's names for CORS failures: the console message Firefox writes for each reason code
 * MDN documents (`CORSMissingAllowOrigin`, …, listed in errors.ts with the failure they
 * describe), and which of the model's `CorsError`s Firefox reports under which code.
 *
 * The texts are Firefox 153 ESR's (`dom/locales/en-US/chrome/security/security.properties`),
 * as the browser writes them: with typographic quotes (‘…’), where
 * `/work/shared/reference/cors-error-reasons.json` has straight ones.
 *
 * @see https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS/Errors
 * @module
 */
import type { CorsError, CorsFailure, FirefoxReason, FirefoxReasonCode } from './errors.ts';

/**
 * Each code's reason as Firefox prints it between `(Reason: ` and `)`: `{param}` is the value,
 * method or header at fault, and a code whose message ends in `Status code: N.` says so.
 */
export const FIREFOX_REASONS: Readonly<
  Record<FirefoxReasonCode, { readonly reason: string; readonly status?: true }>
> = {
  CORSDisabled: { reason: 'CORS disabled' },
  CORSDidNotSucceed: { reason: 'CORS request did not succeed', status: true },
  CORSRequestNotHttp: { reason: 'CORS request not HTTP' },
  CORSMultipleAllowOriginNotAllowed: {
    reason: 'Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed',
  },
  CORSMissingAllowOrigin: {
    reason: 'CORS header ‘Access-Control-Allow-Origin’ missing',
    status: true,
  },
  CORSNotSupportingCredentials: {
    reason: 'Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’',
  },
  CORSAllowOriginNotMatchingOrigin: {
    reason: 'CORS header ‘Access-Control-Allow-Origin’ does not match ‘{param}’',
  },
  CORSMissingAllowCredentials: {
    reason: 'expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’',
  },
  CORSOriginHeaderNotAdded: { reason: 'CORS header ‘Origin’ cannot be added' },
  CORSExternalRedirectNotAllowed: { reason: 'CORS request external redirect not allowed' },
  CORSPreflightDidNotSucceed: {
    reason: 'CORS preflight response did not succeed',
    status: true,
  },
  CORSInvalidAllowMethod: {
    reason: 'invalid token ‘{param}’ in CORS header ‘Access-Control-Allow-Methods’',
  },
  CORSMethodNotFound: {
    reason: 'Did not find method in CORS header ‘Access-Control-Allow-Methods’',
  },
  CORSInvalidAllowHeader: {
    reason: 'invalid token ‘{param}’ in CORS header ‘Access-Control-Allow-Headers’',
  },
  CORSMissingAllowHeaderFromPreflight: {
    reason:
      'header ‘{param}’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response',
  },
};

/**
 * The code Firefox reports for each failure the model names with Chromium's `CorsError`.
 * Failures Firefox reports with no CORS message of its own are absent: a `same-origin` or
 * `no-cors` mode refused, a redirect to a URL with credentials (seen: a bare NetworkError, or
 * "CORS request did not succeed"), local network access.
 */
const BY_CORS_ERROR: Partial<Record<CorsError, FirefoxReasonCode>> = {
  WildcardOriginNotAllowed: 'CORSNotSupportingCredentials',
  PreflightWildcardOriginNotAllowed: 'CORSNotSupportingCredentials',
  MissingAllowOriginHeader: 'CORSMissingAllowOrigin',
  PreflightMissingAllowOriginHeader: 'CORSMissingAllowOrigin',
  MultipleAllowOriginValues: 'CORSAllowOriginNotMatchingOrigin',
  PreflightMultipleAllowOriginValues: 'CORSAllowOriginNotMatchingOrigin',
  InvalidAllowOriginValue: 'CORSAllowOriginNotMatchingOrigin',
  PreflightInvalidAllowOriginValue: 'CORSAllowOriginNotMatchingOrigin',
  AllowOriginMismatch: 'CORSAllowOriginNotMatchingOrigin',
  PreflightAllowOriginMismatch: 'CORSAllowOriginNotMatchingOrigin',
  InvalidAllowCredentials: 'CORSMissingAllowCredentials',
  PreflightInvalidAllowCredentials: 'CORSMissingAllowCredentials',
  CorsDisabledScheme: 'CORSRequestNotHttp',
  PreflightInvalidStatus: 'CORSPreflightDidNotSucceed',
  PreflightDisallowedRedirect: 'CORSExternalRedirectNotAllowed',
  InvalidResponse: 'CORSPreflightDidNotSucceed',
  InvalidAllowMethodsPreflightResponse: 'CORSInvalidAllowMethod',
  InvalidAllowHeadersPreflightResponse: 'CORSInvalidAllowHeader',
  MethodDisallowedByPreflightResponse: 'CORSMethodNotFound',
  HeaderDisallowedByPreflightResponse: 'CORSMissingAllowHeaderFromPreflight',
};

/** Whether the code's message quotes a value (`{param}` in its reason). */
const quotesParam = (code: FirefoxReasonCode): boolean =>
  FIREFOX_REASONS[code].reason.includes('{param}');

/**
 * Firefox's reason for a failure Chromium names `corsError` (with its `failedParameter`), or
 * `undefined` when Firefox prints none.
 */
export function firefoxReason(
  corsError: string,
  failedParameter: string,
): FirefoxReason | undefined {
  const code = BY_CORS_ERROR[corsError as CorsError];
  if (code === undefined) return undefined;
  return { code, param: quotesParam(code) ? failedParameter : '' };
}

/** Firefox's reason for a failure of the model's, or `undefined` when Firefox prints none. */
export function firefoxReasonOf(failure: CorsFailure): FirefoxReason | undefined {
  return failure.firefox ?? firefoxReason(failure.corsError, failure.failedParameter);
}

const PREFIX =
  'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ';

/**
 * The console message Firefox writes for `reason` on a fetch of `url`; `status` is the
 * response's status, for the codes that print one (`(null)` when no response arrived).
 */
export function firefoxConsoleMessage(
  url: string,
  reason: FirefoxReason,
  status: number | undefined,
): string {
  const { reason: text, status: printsStatus } = FIREFOX_REASONS[reason.code];
  const tail = printsStatus === true ? ` Status code: ${status ?? '(null)'}.` : '';
  return `${PREFIX}${url}. (Reason: ${text.replace('{param}', reason.param)}).${tail}`;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each code's reason as a pattern, `{param}` captured. */
const PATTERNS = (Object.keys(FIREFOX_REASONS) as FirefoxReasonCode[]).map((code) => ({
  code,
  pattern: new RegExp(
    `^${escape(PREFIX)}(?<url>.*)\\. \\(Reason: ${escape(FIREFOX_REASONS[code].reason).replace(
      escape('{param}'),
      '(?<param>.*)',
    )}\\)`,
  ),
}));

/** Reads Firefox's reason and the URL out of one of its console messages; `undefined` if none. */
export function parseFirefoxConsole(text: string): (FirefoxReason & { url: string }) | undefined {
  for (const { code, pattern } of PATTERNS) {
    const groups = pattern.exec(text)?.groups;
    if (groups !== undefined) return { code, param: groups.param ?? '', url: groups.url ?? '' };
  }
  return undefined;
}

/** The model's failures Firefox reports under `code`: one reason may stand for several. */
export function corsErrorsReportedAs(code: FirefoxReasonCode): CorsError[] {
  return (Object.keys(BY_CORS_ERROR) as CorsError[]).filter(
    (corsError) => BY_CORS_ERROR[corsError] === code,
  );
}
