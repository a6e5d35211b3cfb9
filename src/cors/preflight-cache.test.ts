import { describe, expect, it } from 'vitest';
import type { CredentialsMode } from './cors-check.ts';
import type { HeaderList } from './headers.ts';
import type { RequestCache } from './request.ts';
import {
  MAX_CACHED_URL_LENGTH,
  preflightCacheExpiry,
  preflightCacheLookup,
  preflightCacheRemove,
  preflightCacheStore,
  preflightCacheUse,
  type CacheMissReason,
  type PreflightCacheEntry,
} from './preflight-cache.ts';

const ORIGIN = 'http://localhost:5173';
const URL = 'http://localhost:5174/s/1/x';

const entry = (overrides: Partial<PreflightCacheEntry> = {}): PreflightCacheEntry => ({
  origin: ORIGIN,
  url: URL,
  credentials: false,
  methods: ['PUT'],
  headerNames: ['x-a'],
  storedAt: 1_000,
  maxAge: 5,
  ...overrides,
});

function lookup(
  cached: PreflightCacheEntry,
  request: { method?: string; headers?: HeaderList; credentials?: CredentialsMode; url?: string },
  now = 2_000,
): true | CacheMissReason {
  const answer = preflightCacheLookup(
    [cached],
    {
      origin: ORIGIN,
      url: request.url ?? URL,
      method: request.method ?? 'PUT',
      headers: request.headers ?? [],
      credentials: request.credentials ?? 'same-origin',
    },
    now,
  );
  return answer.hit || answer.reason;
}

describe('cache entry match', () => {
  it.each<
    [string, PreflightCacheEntry, Parameters<typeof lookup>[1], number, true | CacheMissReason]
  >([
    [
      'hits for the same origin, URL, method and headers',
      entry(),
      { headers: [['X-A', '1']] },
      2_000,
      true,
    ],
    [
      'misses for another URL (the query counts)',
      entry(),
      { url: `${URL}?a=1` },
      2_000,
      'no-entry',
    ],
    // Max-age.
    ['hits just before the max-age runs out', entry(), {}, 5_999, true],
    ['misses once the max-age has run out', entry(), {}, 6_000, 'expired'],
    ['an entry of max-age 0 never hits', entry({ maxAge: 0 }), {}, 1_000, 'expired'],
    // Credentials.
    [
      'one made without credentials does not serve a request with them',
      entry(),
      { credentials: 'include' },
      2_000,
      'credentials',
    ],
    [
      'one made with credentials serves a request without them',
      entry({ credentials: true }),
      { credentials: 'omit' },
      2_000,
      true,
    ],
    // Method and headers, as the preflight checks them.
    ['misses for a method it does not allow', entry(), { method: 'DELETE' }, 2_000, 'method'],
    [
      'hits for a safelisted method whatever it lists',
      entry({ methods: [] }),
      { method: 'GET' },
      2_000,
      true,
    ],
    [
      'misses for a header it does not allow',
      entry(),
      { headers: [['X-B', '1']] },
      2_000,
      'headers',
    ],
    [
      'a * made without credentials covers any method',
      entry({ methods: ['*'] }),
      { method: 'PATCH' },
      2_000,
      true,
    ],
    [
      'a * made with credentials is only a literal *',
      entry({ methods: ['*', 'PUT'], credentials: true }),
      { method: 'PATCH' },
      2_000,
      'method',
    ],
    [
      'a * never covers Authorization from the cache',
      entry({ headerNames: ['*'] }),
      { headers: [['Authorization', 'x']] },
      2_000,
      'headers',
    ],
  ])('%s', (_, cached, request, now, expected) => {
    expect(lookup(cached, request, now)).toBe(expected);
  });

  it('returns the entry it found, hit or miss', () => {
    expect(
      preflightCacheLookup(
        [entry()],
        { origin: ORIGIN, url: URL, method: 'DELETE', headers: [], credentials: 'omit' },
        0,
      ),
    ).toEqual({
      hit: false,
      reason: 'method',
      entry: entry(),
    });
  });
});

describe('when the cache runs out (what a countdown follows)', () => {
  it('an empty cache has nothing to run out', () => {
    expect(preflightCacheExpiry([])).toBeUndefined();
  });
  it('the last entry to expire sets it, expired entries still listed or not', () => {
    const early = entry({ storedAt: 1_000, maxAge: 5 });
    const late = entry({ url: `${URL}/other`, storedAt: 2_000, maxAge: 10 });
    expect(preflightCacheExpiry([early])).toBe(6_000);
    expect(preflightCacheExpiry([late, early])).toBe(12_000);
  });
});

describe('storing', () => {
  it('keeps one entry per origin and URL: a new preflight replaces the old answer', () => {
    const other = entry({ url: 'http://localhost:5174/other' });
    const replaced = preflightCacheStore(
      [entry(), other],
      entry({ methods: ['DELETE'], storedAt: 9 }),
    );
    expect(replaced).toEqual([other, entry({ methods: ['DELETE'], storedAt: 9 })]);
  });

  it('does not store a URL of 1024 characters or more', () => {
    const longUrl = `http://localhost/${'a'.repeat(MAX_CACHED_URL_LENGTH)}`;
    expect(preflightCacheStore([], entry({ url: longUrl }))).toEqual([]);
  });

  it('removes the entry of one origin and URL', () => {
    expect(
      preflightCacheRemove([entry(), entry({ origin: 'http://a' })], { origin: ORIGIN, url: URL }),
    ).toEqual([entry({ origin: 'http://a' })]);
  });
});

describe('NOTE(chromium): the cache mode decides whether the preflight cache is read and filled', () => {
  it.each<[RequestCache, boolean, boolean]>([
    ['default', true, true],
    ['force-cache', true, true],
    ['only-if-cached', true, true],
    ['reload', false, true],
    ['no-cache', false, true],
    ['no-store', false, false],
  ])('%s: lookup %s, store %s', (mode, lookup, store) => {
    expect(preflightCacheUse(mode)).toEqual({ lookup, store });
  });
});
