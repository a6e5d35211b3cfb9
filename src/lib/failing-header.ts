import type { CorsError } from '../cors/errors.ts';
import type { Verdict } from '../cors/evaluate.ts';
import type { ExchangeLogEntry } from '../scenario/control-api.ts';
import { isPreflightEntry } from '../scenario/wire-hops.ts';

/** The response header (lower case) a failing check read, to point at it on the wire. */
export function failingHeader(corsError: CorsError): string | undefined {
  if (/AllowOrigin|WildcardOrigin/.test(corsError)) return 'access-control-allow-origin';
  if (corsError.endsWith('AllowCredentials')) return 'access-control-allow-credentials';
  if (
    corsError === 'InvalidAllowMethodsPreflightResponse' ||
    corsError === 'MethodDisallowedByPreflightResponse'
  ) {
    return 'access-control-allow-methods';
  }
  if (
    corsError === 'InvalidAllowHeadersPreflightResponse' ||
    corsError === 'HeaderDisallowedByPreflightResponse'
  ) {
    return 'access-control-allow-headers';
  }
  if (corsError === 'PreflightDisallowedRedirect' || corsError === 'RedirectContainsCredentials')
    return 'location';
  return undefined;
}

/**
 * The response the failing check read: the last preflight's when the browser stopped at the
 * preflight, else the last request's; undefined when nothing was blocked.
 */
export function failedEntry(
  wire: readonly ExchangeLogEntry[],
  verdict: Verdict,
): ExchangeLogEntry | undefined {
  if (verdict.outcome !== 'blocked') return undefined;
  return wire.findLast((entry) => isPreflightEntry(entry) === (verdict.stage === 'preflight'));
}
