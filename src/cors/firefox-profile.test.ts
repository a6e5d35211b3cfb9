// Where the firefox profile departs from Chromium's, each case as Firefox 153 was seen doing it
// (the agreement suite plays each in both browsers).
import { describe, expect, it } from 'vitest';
import type { BrowserName } from './browser.ts';
import { corsCheck } from './cors-check.ts';
import { firefoxReasonOf } from './firefox-reasons.ts';
import type { HeaderList } from './headers.ts';
import { corsPreflightFetch, needsPreflight, parseAccessControlMaxAge } from './preflight.ts';
import { preflightCacheLookup, type PreflightCacheEntry } from './preflight-cache.ts';
import { forbiddenRequestHeaderReason } from './safelist.ts';

const ORIGIN = 'http://localhost:5173';
const URL = 'http://localhost:5174/x';

function preflight(browser: BrowserName, status: number, headers: HeaderList, method = 'PUT') {
  const outcome = corsPreflightFetch(
    {
      url: URL,
      method,
      headers: [
        ['X-B', '1'],
        ['X-A', '1'],
      ],
      credentials: 'same-origin',
      serializedOrigin: ORIGIN,
      browser,
    },
    { status, headers },
  );
  return 'failure' in outcome
    ? { corsError: outcome.failure.corsError, firefox: firefoxReasonOf(outcome.failure) }
    : 'passes';
}

describe('the firefox profile', () => {
  it('safelists no client hint and lets User-Agent go, after a preflight', () => {
    expect(needsPreflight('GET', [['DPR', '2']], 'chromium')).toBeUndefined();
    expect(needsPreflight('GET', [['DPR', '2']], 'firefox')).toHaveLength(1);
    expect(forbiddenRequestHeaderReason('User-Agent', 'x', 'chromium')).toBe(
      'chromium-forbidden-name',
    );
    expect(forbiddenRequestHeaderReason('User-Agent', 'x', 'firefox')).toBeUndefined();
  });

  it('fails a repeated Access-Control-Allow-Origin line spelled alike, combines others', () => {
    const twice: HeaderList = [
      ['Access-Control-Allow-Origin', '*'],
      ['Access-Control-Allow-Origin', '*'],
    ];
    const request = { credentials: 'omit', serializedOrigin: ORIGIN, browser: 'firefox' } as const;
    expect(firefoxReasonOf(corsCheck(request, twice) ?? fail())).toEqual({
      code: 'CORSMultipleAllowOriginNotAllowed',
      param: '',
    });
    const mixedCase: HeaderList = [twice[0] ?? fail(), ['access-control-allow-origin', '*']];
    expect(firefoxReasonOf(corsCheck(request, mixedCase) ?? fail())).toEqual({
      code: 'CORSAllowOriginNotMatchingOrigin',
      param: '*, *',
    });
  });

  it('checks the preflight in its own order, naming what Firefox names', () => {
    const acao: [string, string] = ['Access-Control-Allow-Origin', ORIGIN];
    // The CORS check before the redirect.
    expect(preflight('firefox', 302, [['Location', '/y']])).toMatchObject({
      firefox: { code: 'CORSMissingAllowOrigin' },
    });
    expect(preflight('chromium', 302, [['Location', '/y']])).toMatchObject({
      corsError: 'PreflightDisallowedRedirect',
    });
    // The method before Allow-Headers parses; the bad token quoted.
    const badHeaders: HeaderList = [acao, ['Access-Control-Allow-Headers', 'X-A X-B']];
    expect(preflight('firefox', 200, badHeaders)).toMatchObject({
      firefox: { code: 'CORSMethodNotFound' },
    });
    expect(
      preflight('firefox', 200, [...badHeaders, ['Access-Control-Allow-Methods', 'PUT']]),
    ).toEqual({
      corsError: 'InvalidAllowHeadersPreflightResponse',
      firefox: { code: 'CORSInvalidAllowHeader', param: 'X-A X-B' },
    });
    // The first missing header in sorted order.
    expect(preflight('firefox', 200, [acao, ['Access-Control-Allow-Methods', 'PUT']])).toEqual({
      corsError: 'HeaderDisallowedByPreflightResponse',
      firefox: { code: 'CORSMissingAllowHeaderFromPreflight', param: 'x-a' },
    });
  });

  it('caches no unparsable max-age, caps at 24 hours, and keys entries by credentials', () => {
    expect(parseAccessControlMaxAge('soon', 'firefox')).toEqual({ seconds: 0, source: 'invalid' });
    expect(parseAccessControlMaxAge('soon', 'chromium').seconds).toBe(5);
    expect(parseAccessControlMaxAge('100000', 'firefox')).toEqual({
      seconds: 86_400,
      source: 'capped',
    });
    const entry: PreflightCacheEntry = {
      origin: ORIGIN,
      url: URL,
      credentials: true,
      methods: ['PUT'],
      headerNames: [],
      storedAt: 0,
      maxAge: 600,
    };
    const query = {
      origin: ORIGIN,
      url: URL,
      method: 'PUT',
      headers: [],
      credentials: 'omit',
    } as const;
    expect(preflightCacheLookup([entry], query, 1000, 'chromium').hit).toBe(true);
    expect(preflightCacheLookup([entry], query, 1000, 'firefox')).toMatchObject({
      hit: false,
      reason: 'credentials',
    });
    const anonymous = { ...entry, credentials: false, methods: ['*'] };
    expect(preflightCacheLookup([anonymous], query, 1000, 'chromium').hit).toBe(true);
    expect(preflightCacheLookup([anonymous], query, 1000, 'firefox')).toMatchObject({
      hit: false,
      reason: 'method',
    });
  });
});

function fail(): never {
  throw new Error('expected a value');
}
