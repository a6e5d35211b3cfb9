/**
 * The CORS-preflight cache, as Chromium keeps it: one entry per (origin, URL), each the whole
 * answer of one preflight, alive for its max-age. Pure: every change returns a new cache.
 *
 * @module
 */
import type { BrowserName } from './browser.ts';
import type { CredentialsMode } from './cors-check.ts';
import type { HeaderList } from './headers.ts';
import { preflightHeadersCheck, preflightMethodCheck } from './preflight.ts';
import type { RequestCache } from './request.ts';

/** What a preflight taught the browser, for one origin and URL. */
export interface PreflightCacheEntry {
  /** The page origin that sent the preflight. */
  readonly origin: string;
  /** The URL it was sent to. */
  readonly url: string;
  /** Whether it was made for a request whose credentials mode is `include`. */
  readonly credentials: boolean;
  /** `Access-Control-Allow-Methods`, as sent (methods compare case-sensitively). */
  readonly methods: readonly string[];
  /** `Access-Control-Allow-Headers`, lower-cased. */
  readonly headerNames: readonly string[];
  /** When it was stored, in milliseconds (the clock `evaluate` is given). */
  readonly storedAt: number;
  /** How long it lives, in seconds (see `parseAccessControlMaxAge`). */
  readonly maxAge: number;
}

/** The cache: at most one entry per (origin, URL). */
export type PreflightCache = readonly PreflightCacheEntry[];

/** The cache key: who asked, and where. */
export interface PreflightCacheKey {
  readonly origin: string;
  readonly url: string;
}

/** A request that might skip its preflight. */
export interface PreflightCacheQuery extends PreflightCacheKey {
  readonly credentials: CredentialsMode;
  readonly method: string;
  readonly headers: HeaderList;
}

/** Why the cache could not spare a preflight. */
export type CacheMissReason =
  /** Nothing was cached for this origin and URL. */
  | 'no-entry'
  /** The entry's max-age has run out. */
  | 'expired'
  /** The entry was made without credentials and this request includes them (in Firefox: or the reverse). */
  | 'credentials'
  /** The entry does not allow this method. */
  | 'method'
  /** The entry does not allow one of this request's headers. */
  | 'headers'
  /** A cross-origin redirect tainted the origin; such preflights are never cached. */
  | 'redirect-tainted'
  /** The request's cache mode (`no-store`, `reload`, `no-cache`) skips the cache. */
  | 'cache-mode';

/** The cache's answer: a hit (the preflight is skipped) or a miss and why. */
export type CacheLookup =
  | { readonly hit: true; readonly entry: PreflightCacheEntry }
  | { readonly hit: false; readonly reason: CacheMissReason; readonly entry?: PreflightCacheEntry };

/** Whether a request may be spared its preflight by the cache, and may fill it. */
export interface PreflightCacheUse {
  readonly lookup: boolean;
  readonly store: boolean;
}

/**
 * How a request's cache mode lets it use the preflight cache.
 *
 * NOTE(chromium): the spec's preflight cache ignores the cache mode. Chromium maps `no-store`,
 * `reload` and `no-cache` to load flags that make its PreflightController skip the lookup, so
 * a preflight is sent even while a cached one would do, and the entry is left as it is;
 * `reload` and `no-cache` then store the new answer, replacing the entry, while `no-store`
 * stores nothing (a later `default` fetch still uses the old entry). `force-cache` uses the
 * cache as `default` does. All seen in Chromium 156. (`only-if-cached` is for `same-origin`
 * mode only, so it never meets a preflight.)
 */
export function preflightCacheUse(mode: RequestCache): PreflightCacheUse {
  switch (mode) {
    case 'no-store':
      return { lookup: false, store: false };
    case 'reload':
    case 'no-cache':
      return { lookup: false, store: true };
    case 'default':
    case 'force-cache':
    case 'only-if-cached':
      return { lookup: true, store: true };
  }
}

function matchesKey(entry: PreflightCacheEntry, key: PreflightCacheKey): boolean {
  return entry.origin === key.origin && entry.url === key.url;
}

// https://fetch.spec.whatwg.org/#concept-cache-match
/** Whether the cache spares `query` its preflight at time `now` (milliseconds). */
export function preflightCacheLookup(
  cache: PreflightCache,
  query: PreflightCacheQuery,
  now: number,
  browser: BrowserName = 'chromium',
): CacheLookup {
  // The entry for this origin and URL.
  const entry = cache.find((candidate) => matchesKey(candidate, query));
  if (!entry) return { hit: false, reason: 'no-entry' };
  // Still alive. An entry of max-age 0 is dead at once.
  if (now >= entry.storedAt + entry.maxAge * 1000) return { hit: false, reason: 'expired', entry };
  // One made without credentials never serves a request with them (the reverse is fine).
  // NOTE(firefox): nor the reverse: Firefox keys its entries by the credentials mode (seen in
  // Firefox 153: an uncredentialed PUT after a credentialed preflight sends its own).
  const included = query.credentials === 'include';
  if (entry.credentials !== included && (browser === 'firefox' || included)) {
    return { hit: false, reason: 'credentials', entry };
  }
  // NOTE(chromium): the method and header checks are the preflight's own
  // (PreflightResult::EnsureAllowedRequest), with `*` read by the credentials mode the entry was
  // made with, and `*` never covering `Authorization` from the cache.
  const asCached = {
    url: query.url,
    method: query.method,
    headers: query.headers,
    credentials: entry.credentials ? 'include' : 'omit',
  } as const;
  // NOTE(firefox): a cached `*` covers no other method (seen in Firefox 153: PATCH after a
  // preflight for PUT answered `*` sends its own).
  const methods =
    browser === 'firefox' ? entry.methods.filter((method) => method !== '*') : entry.methods;
  if (preflightMethodCheck(asCached, methods)) {
    return { hit: false, reason: 'method', entry };
  }
  if (preflightHeadersCheck(asCached, entry.headerNames, { wildcardCoversAuthorization: false })) {
    return { hit: false, reason: 'headers', entry };
  }
  return { hit: true, entry };
}

/** The cache without the entry for `key`. */
export function preflightCacheRemove(
  cache: PreflightCache,
  key: PreflightCacheKey,
): PreflightCache {
  return cache.filter((entry) => !matchesKey(entry, key));
}

/**
 * When the last entry runs out, in milliseconds, or undefined for an empty cache. Entries stay
 * in the list past their time (a lookup finds them expired), so "any entry" is not "any alive".
 */
export function preflightCacheExpiry(cache: PreflightCache): number | undefined {
  if (cache.length === 0) return undefined;
  return Math.max(...cache.map((entry) => entry.storedAt + entry.maxAge * 1000));
}

/** Chromium does not cache a preflight whose URL is this long or longer (kMaxKeyLength). */
export const MAX_CACHED_URL_LENGTH = 1024;

// https://fetch.spec.whatwg.org/#cors-preflight-fetch-0 (steps 7.11-7.15)
/** The cache after a successful preflight stored `entry`. */
export function preflightCacheStore(
  cache: PreflightCache,
  entry: PreflightCacheEntry,
): PreflightCache {
  // NOTE(chromium): the URL is part of the key only below 1024 characters; longer ones are not
  // cached (PreflightCache::AppendEntry).
  if (entry.url.length >= MAX_CACHED_URL_LENGTH) return cache;
  // NOTE(chromium): the spec adds one entry per method and header name, refreshing matches, so
  // answers accumulate. Chromium keeps one whole answer per (origin, URL) and a new preflight
  // replaces it: after preflights allowing PUT and then DELETE, a PUT needs a preflight again
  // (seen in Chromium 156).
  return [...preflightCacheRemove(cache, entry), entry];
}
