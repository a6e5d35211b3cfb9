import type { CorsError } from '../../../cors/errors.ts';

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
