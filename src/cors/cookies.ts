/**
 * Which cookies the browser may send with a request: the request's credentials mode first,
 * then whether the request goes to another site.
 *
 * @module
 */
import type { CredentialsMode } from './cors-check.ts';
import { isSameOrigin, isSameSite, parseUrl, serializeOrigin } from './url.ts';

/**
 * - `credentials-omit`, `credentials-same-origin`: the credentials mode sends none
 * - `cross-site`: the URL is another site than the page's, so only `SameSite=None; Secure`
 *   cookies can go, and only where the browser allows third-party cookies
 * - `same-site`: the cookies the browser holds for the URL go
 */
export type CookieReach =
  'credentials-omit' | 'credentials-same-origin' | 'cross-site' | 'same-site';

// https://fetch.spec.whatwg.org/#concept-http-network-or-cache-fetch (step 8.3: credentials go
// with `include`, or with `same-origin` to the page's own origin), then the cookie's SameSite
// attribute (https://httpwg.org/http-extensions/draft-ietf-httpbis-rfc6265bis.html#section-5.8.3).
/** Which cookies can go from a page on `pageOrigin` to `url`. */
export function cookieReach(
  credentials: CredentialsMode,
  pageOrigin: string,
  url: string,
): CookieReach {
  if (credentials === 'omit') return 'credentials-omit';
  const page = parseUrl(pageOrigin);
  const target = parseUrl(url);
  if (page === undefined || target === undefined) return 'same-site';
  if (
    credentials === 'same-origin' &&
    !isSameOrigin(serializeOrigin(page), serializeOrigin(target))
  ) {
    return 'credentials-same-origin';
  }
  return isSameSite(page, target) ? 'same-site' : 'cross-site';
}
