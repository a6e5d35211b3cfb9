import { describe, expect, it } from 'vitest';
import { CORS_ERRORS, type CorsError, type Stage } from './errors.ts';
import { evaluate, type EvaluateInput, type Verdict, type WireHop } from './evaluate.ts';
import type { Header } from './headers.ts';
import type { PreflightCache, PreflightCacheEntry } from './preflight-cache.ts';
import type { RequestDraft } from './request.ts';
import type { SingleValueResponseHeader, WireResponse } from './response.ts';
import {
  ACAO,
  TEST_PAGE as PAGE,
  TEST_TARGET as TARGET,
  testDraft as draft,
} from './test-drafts.ts';

const SECOND = 'http://localhost:5175/s/1/y';
const res = (status: number, ...headers: Header[]): WireResponse => ({ status, headers });
const allow = (...extra: Header[]): WireResponse => res(200, [ACAO, PAGE], ...extra);
const redirectTo = (location: string, ...extra: Header[]): WireResponse =>
  res(302, [ACAO, PAGE], ['Location', location], ...extra);

function run(
  overrides: Partial<RequestDraft>,
  hops: WireHop[],
  extra: Partial<EvaluateInput> = {},
): Verdict {
  return evaluate({ draft: draft(overrides), hops, now: 0, ...extra });
}

/** The parts of a verdict a row asserts: outcome, stage, code, failed parameter and step. */
function summary(verdict: Verdict) {
  switch (verdict.outcome) {
    case 'allowed':
      return { outcome: verdict.outcome, type: verdict.responseType };
    case 'blocked': {
      const { corsError, failedParameter, step } = verdict.failure;
      return {
        outcome: verdict.outcome,
        stage: verdict.stage,
        corsError,
        failedParameter,
        step: `${step.url.split('#')[1]} ${step.number}`,
      };
    }
    case 'type-error':
      return { outcome: verdict.outcome, stage: verdict.stage, kind: verdict.typeError.kind };
    case 'network-error':
      return {
        outcome: verdict.outcome,
        stage: verdict.stage,
        reason: verdict.networkError.reason,
        ...('header' in verdict.networkError ? { header: verdict.networkError.header } : {}),
        step: `${verdict.networkError.step.url.split('#')[1]} ${verdict.networkError.step.number}`,
      };
  }
}

type Row = [
  name: string,
  draft: Partial<RequestDraft>,
  hops: WireHop[],
  expected: ReturnType<typeof summary>,
];
const seen = new Set<CorsError>();
function table(rows: Row[]) {
  it.each(rows)('%s', (_, overrides, hops, expected) => {
    const verdict = run(overrides, hops);
    if (verdict.outcome === 'blocked') seen.add(verdict.failure.corsError);
    expect(summary(verdict)).toEqual(expected);
  });
}

const blocked = (stage: Stage, corsError: CorsError, failedParameter: string, step: string) =>
  ({ outcome: 'blocked', stage, corsError, failedParameter, step }) as const;
const CHECK = 'concept-cors-check';
const PREFLIGHT = 'cors-preflight-fetch-0';
const REDIRECT = 'concept-http-redirect-fetch';
const MAIN = 'concept-main-fetch';

describe('before anything is sent', () => {
  table([
    [
      'a forbidden method rejects with a TypeError',
      { method: 'CONNECT' },
      [],
      { outcome: 'type-error', stage: 'request', kind: 'forbidden-method' },
    ],
    [
      'Request step 21: only-if-cached in cors mode rejects with a TypeError',
      { cache: 'only-if-cached' },
      [],
      { outcome: 'type-error', stage: 'request', kind: 'only-if-cached-mode' },
    ],
    [
      'main fetch step 12: same-origin mode to another origin is DisallowedByMode',
      { mode: 'same-origin' },
      [],
      blocked('request', 'DisallowedByMode', '', `${MAIN} 12`),
    ],
    [
      'main fetch step 12: no-cors with redirect manual is NoCorsRedirectModeNotFollow',
      { mode: 'no-cors', redirect: 'manual' },
      [],
      blocked('request', 'NoCorsRedirectModeNotFollow', '', `${MAIN} 12`),
    ],
    [
      'main fetch step 12: no-cors with redirect error, too',
      { mode: 'no-cors', redirect: 'error' },
      [],
      blocked('request', 'NoCorsRedirectModeNotFollow', '', `${MAIN} 12`),
    ],
    [
      'main fetch step 12: a CORS request to ftp: is CorsDisabledScheme, naming the scheme',
      { url: 'ftp://localhost/x' },
      [],
      blocked('request', 'CorsDisabledScheme', 'ftp', `${MAIN} 12`),
    ],
    [
      'NOTE(chromium): a no-cors request to ftp: is refused the same way',
      { url: 'ftp://localhost/x', mode: 'no-cors' },
      [],
      blocked('request', 'CorsDisabledScheme', 'ftp', `${MAIN} 12`),
    ],
    [
      'NOTE(chromium): but the no-cors redirect mode is checked before the scheme',
      { url: 'ftp://localhost/x', mode: 'no-cors', redirect: 'manual' },
      [],
      blocked('request', 'NoCorsRedirectModeNotFollow', '', `${MAIN} 12`),
    ],
  ]);
});

describe('same-origin requests are not CORS requests', () => {
  table([
    [
      'a same-origin GET is basic, whatever the headers',
      { url: `${PAGE}/x` },
      [{ response: res(200) }],
      { outcome: 'allowed', type: 'basic' },
    ],
    [
      'a same-origin PUT with a custom header needs no preflight',
      { url: `${PAGE}/x`, method: 'PUT', headers: [['X-A', '1']] },
      [{ response: res(204) }],
      { outcome: 'allowed', type: 'basic' },
    ],
    [
      'same-origin mode to the same origin is basic',
      { url: '/x', mode: 'same-origin' },
      [{ response: res(200) }],
      { outcome: 'allowed', type: 'basic' },
    ],
    [
      'no-cors to the same origin is basic, even with redirect manual',
      { url: '/x', mode: 'no-cors', redirect: 'error' },
      [{ response: res(200) }],
      { outcome: 'allowed', type: 'basic' },
    ],
  ]);

  it('sends no Origin on GET, but does on POST, and credentials with same-origin', () => {
    const get = run({ url: '/x' }, [{ response: res(200) }]);
    const post = run({ url: '/x', method: 'POST', body: 'x' }, [{ response: res(200) }]);
    expect(get.hops[0]).toMatchObject({
      tainting: 'basic',
      originHeader: undefined,
      credentialsSent: true,
    });
    expect(post.hops[0]?.originHeader).toBe(PAGE);
  });
});

describe('the CORS check on the actual response', () => {
  table([
    [
      'step 2: fails when Access-Control-Allow-Origin is absent',
      {},
      [{ response: res(200) }],
      blocked('actual', 'MissingAllowOriginHeader', '', `${CHECK} 2`),
    ],
    [
      'step 2: a 500 without it fails the same way',
      {},
      [{ response: res(500) }],
      blocked('actual', 'MissingAllowOriginHeader', '', `${CHECK} 2`),
    ],
    [
      'step 3: * passes without credentials',
      {},
      [{ response: res(200, [ACAO, '*']) }],
      { outcome: 'allowed', type: 'cors' },
    ],
    [
      'step 3: * fails with credentials',
      { credentials: 'include' },
      [{ response: res(200, [ACAO, '*'], ['Access-Control-Allow-Credentials', 'true']) }],
      blocked('actual', 'WildcardOriginNotAllowed', '', `${CHECK} 3`),
    ],
    [
      'step 4: fails on a trailing slash',
      {},
      [{ response: res(200, [ACAO, `${PAGE}/`]) }],
      blocked('actual', 'AllowOriginMismatch', `${PAGE}/`, `${CHECK} 4`),
    ],
    [
      'step 4: fails on two lines',
      {},
      [{ response: res(200, [ACAO, PAGE], [ACAO, PAGE]) }],
      blocked('actual', 'MultipleAllowOriginValues', `${PAGE}, ${PAGE}`, `${CHECK} 4`),
    ],
    [
      'step 4: fails on a value that is not a URL',
      {},
      [{ response: res(200, [ACAO, 'foo']) }],
      blocked('actual', 'InvalidAllowOriginValue', 'foo', `${CHECK} 4`),
    ],
    [
      'step 4: the value is trimmed as the HTTP parser does',
      {},
      [{ response: res(200, [ACAO, `  ${PAGE}\t`]) }],
      { outcome: 'allowed', type: 'cors' },
    ],
    [
      'step 7: fails when credentials are included without Allow-Credentials: true',
      { credentials: 'include' },
      [{ response: allow(['Access-Control-Allow-Credentials', 'True']) }],
      blocked('actual', 'InvalidAllowCredentials', 'True', `${CHECK} 7`),
    ],
    [
      'step 7: passes with the origin and Allow-Credentials: true',
      { credentials: 'include' },
      [{ response: allow(['Access-Control-Allow-Credentials', 'true']) }],
      { outcome: 'allowed', type: 'cors' },
    ],
    [
      'a status outside 200-299 does not matter to the actual request',
      {},
      [{ response: res(404, [ACAO, PAGE]) }],
      { outcome: 'allowed', type: 'cors' },
    ],
  ]);
});

describe('a 1xx alone is no response: a network error before any CORS check', () => {
  const interim = (stage: Stage) =>
    ({
      outcome: 'network-error',
      stage,
      reason: 'interim-response',
      step: 'concept-http-network-fetch 7.5',
    }) as const;
  table([
    ['103 with Allow-Origin', {}, [{ response: res(103, [ACAO, '*']) }], interim('actual')],
    ['199 without Allow-Origin', {}, [{ response: res(199) }], interim('actual')],
    ['100 in no-cors mode', { mode: 'no-cors' }, [{ response: res(100) }], interim('actual')],
    // NOTE(chromium): 101 too, which the spec would return as the response.
    ['101 with Allow-Origin', {}, [{ response: res(101, [ACAO, '*']) }], interim('actual')],
    [
      'a preflight answered 100, however good its CORS headers',
      { method: 'PUT' },
      [{ preflight: res(100, [ACAO, '*'], ['Access-Control-Allow-Methods', 'PUT']) }],
      interim('preflight'),
    ],
    [
      '200 is final',
      {},
      [{ response: res(200, [ACAO, '*']) }],
      { outcome: 'allowed', type: 'cors' },
    ],
  ]);
});

describe('NOTE(chromium): a response the HTTP parser refuses is a network error', () => {
  const CL = 'Content-Length';
  const invalid = (stage: Stage, header: SingleValueResponseHeader) =>
    ({
      outcome: 'network-error',
      stage,
      reason: 'invalid-response',
      header,
      step: 'concept-http-network-fetch 7.5',
    }) as const;
  const putOk = res(204, [ACAO, PAGE], ['Access-Control-Allow-Methods', 'PUT']);
  table([
    [
      'two different Content-Lengths, even with Allow-Origin',
      {},
      [{ response: allow([CL, '2'], [CL, '3']) }],
      invalid('actual', CL),
    ],
    [
      'before the CORS check: without Allow-Origin it is still not a CORS error',
      {},
      [{ response: res(200, [CL, '2'], [CL, '3']) }],
      invalid('actual', CL),
    ],
    [
      'the same Content-Length twice is fine',
      {},
      [{ response: allow([CL, '2'], [CL, '2']) }],
      { outcome: 'allowed', type: 'cors' },
    ],
    [
      'in no-cors mode too',
      { mode: 'no-cors' },
      [{ response: res(200, [CL, '2'], [CL, '3']) }],
      invalid('actual', CL),
    ],
    [
      'on a same-origin response too',
      { url: `${PAGE}/x` },
      [{ response: res(200, [CL, '2'], [CL, '3']) }],
      invalid('actual', CL),
    ],
    [
      'two different Locations on a 200',
      {},
      [{ response: allow(['Location', '/a'], ['Location', '/b']) }],
      invalid('actual', 'Location'),
    ],
    [
      'two different Locations on a redirect, before it is followed',
      {},
      [{ response: redirectTo(SECOND, ['Location', TARGET]) }],
      invalid('redirect', 'Location'),
    ],
    [
      'with redirect manual too',
      { redirect: 'manual' },
      [{ response: redirectTo(SECOND, ['Location', TARGET]) }],
      invalid('redirect', 'Location'),
    ],
    [
      'a redirect with the same Location twice is followed',
      {},
      [{ response: redirectTo(SECOND, ['Location', SECOND]) }, { response: res(200, [ACAO, '*']) }],
      { outcome: 'allowed', type: 'cors' },
    ],
    [
      'two different Content-Dispositions',
      {},
      [{ response: allow(['Content-Disposition', 'inline'], ['Content-Disposition', 'x']) }],
      invalid('actual', 'Content-Disposition'),
    ],
    [
      'a preflight redirect with two Locations: no PreflightDisallowedRedirect',
      { method: 'PUT' },
      [{ preflight: redirectTo('http://a.test/', ['Location', 'http://b.test/']) }],
      invalid('preflight', 'Location'),
    ],
    [
      'a preflight redirect with one Location twice is still PreflightDisallowedRedirect',
      { method: 'PUT' },
      [{ preflight: redirectTo('http://a.test/', ['Location', 'http://a.test/']) }],
      blocked('preflight', 'PreflightDisallowedRedirect', '', `${PREFLIGHT} 6`),
    ],
    [
      'a preflight with two Content-Lengths, however good its CORS headers',
      { method: 'PUT' },
      [{ preflight: res(200, ...putOk.headers, [CL, '0'], [CL, '5']) }],
      invalid('preflight', CL),
    ],
  ]);

  it('the hop keeps its status, and the response its headers, none readable', () => {
    const verdict = run({}, [{ response: allow([CL, '2'], [CL, '3']) }]);
    expect(verdict.hops.map((hop) => hop.status)).toEqual([200]);
    expect(verdict.headers.map(({ name, readable, reason }) => [name, readable, reason])).toEqual([
      [ACAO, false, 'fetch-failed'],
      [CL, false, 'fetch-failed'],
      [CL, false, 'fetch-failed'],
    ]);
    expect(verdict.js).toEqual({ settles: 'reject' });
  });

  it('a refused preflight is not cached, and leaves the cache as it was', () => {
    const verdict = run({ method: 'PUT' }, [
      { preflight: res(200, ...putOk.headers, [CL, '0'], [CL, '5']) },
    ]);
    expect(verdict.cache).toEqual([]);
    expect(verdict.preflight).toMatchObject({ needed: true, servedFromCache: false });
  });
});

describe('preflight', () => {
  const ok = (...extra: Header[]): WireResponse => res(204, [ACAO, PAGE], ...extra);
  table([
    [
      'no preflight response at all is a network error, not a CORS error',
      { method: 'PUT' },
      [],
      {
        outcome: 'network-error',
        stage: 'preflight',
        reason: 'no-response',
        step: 'concept-http-network-fetch 7.1',
      },
    ],
    [
      'step 6 (chromium): a redirect answer fails first',
      { method: 'PUT' },
      [{ preflight: res(307, ['Location', SECOND]) }],
      blocked('preflight', 'PreflightDisallowedRedirect', '', `${PREFLIGHT} 6`),
    ],
    [
      'step 7 (chromium): a 404 without Allow-Origin is a missing header, not a status',
      { method: 'PUT' },
      [{ preflight: res(404) }],
      blocked('preflight', 'PreflightMissingAllowOriginHeader', '', `${CHECK} 2`),
    ],
    [
      'step 7: * with credentials',
      { method: 'PUT', credentials: 'include' },
      [{ preflight: res(204, [ACAO, '*']) }],
      blocked('preflight', 'PreflightWildcardOriginNotAllowed', '', `${CHECK} 3`),
    ],
    [
      'step 7: two Allow-Origin lines',
      { method: 'PUT' },
      [{ preflight: res(204, [ACAO, PAGE], [ACAO, PAGE]) }],
      blocked('preflight', 'PreflightMultipleAllowOriginValues', `${PAGE}, ${PAGE}`, `${CHECK} 4`),
    ],
    [
      'step 7: an Allow-Origin that is not a URL',
      { method: 'PUT' },
      [{ preflight: res(204, [ACAO, 'foo']) }],
      blocked('preflight', 'PreflightInvalidAllowOriginValue', 'foo', `${CHECK} 4`),
    ],
    [
      'step 7: another origin',
      { method: 'PUT' },
      [{ preflight: res(204, [ACAO, 'http://example.com']) }],
      blocked('preflight', 'PreflightAllowOriginMismatch', 'http://example.com', `${CHECK} 4`),
    ],
    [
      'step 7: credentials without Allow-Credentials, checked before the status',
      { method: 'PUT', credentials: 'include' },
      [{ preflight: res(500, [ACAO, PAGE]) }],
      blocked('preflight', 'PreflightInvalidAllowCredentials', '', `${CHECK} 7`),
    ],
    [
      'step 7: then a status outside 200-299',
      { method: 'PUT' },
      [{ preflight: res(404, [ACAO, PAGE]) }],
      blocked('preflight', 'PreflightInvalidStatus', '', `${PREFLIGHT} 7`),
    ],
    [
      'step 7.3: Allow-Methods that does not parse',
      { method: 'PUT' },
      [{ preflight: ok(['Access-Control-Allow-Methods', 'PUT;']) }],
      blocked('preflight', 'InvalidAllowMethodsPreflightResponse', '', `${PREFLIGHT} 7.3`),
    ],
    [
      'step 7.3: Allow-Headers that does not parse',
      { headers: [['X-A', '1']] },
      [{ preflight: ok(['Access-Control-Allow-Headers', 'x-a x-b']) }],
      blocked('preflight', 'InvalidAllowHeadersPreflightResponse', '', `${PREFLIGHT} 7.3`),
    ],
    [
      'step 7.5: fails when the method is not allowed (case-sensitive)',
      { method: 'patch' },
      [{ preflight: ok(['Access-Control-Allow-Methods', 'PATCH']) }],
      blocked('preflight', 'MethodDisallowedByPreflightResponse', 'patch', `${PREFLIGHT} 7.5`),
    ],
    [
      'step 7.7: fails when a header is not allowed',
      { headers: [['X-Custom', '1']] },
      [{ preflight: ok(['Access-Control-Allow-Headers', 'x-other']) }],
      blocked('preflight', 'HeaderDisallowedByPreflightResponse', 'x-custom', `${PREFLIGHT} 7.7`),
    ],
    [
      'step 7.6: Authorization under * with credentials',
      { headers: [['Authorization', 'x']], credentials: 'include' },
      [
        {
          preflight: ok(
            ['Access-Control-Allow-Headers', '*'],
            ['Access-Control-Allow-Credentials', 'true'],
          ),
        },
      ],
      blocked(
        'preflight',
        'HeaderDisallowedByPreflightResponse',
        'authorization',
        `${PREFLIGHT} 7.6`,
      ),
    ],
    [
      'the actual response still needs its own Allow-Origin',
      { method: 'PUT' },
      [{ preflight: ok(['Access-Control-Allow-Methods', 'PUT']), response: res(200) }],
      blocked('actual', 'MissingAllowOriginHeader', '', `${CHECK} 2`),
    ],
    [
      'a passed preflight with no actual response is a network error',
      { method: 'PUT' },
      [{ preflight: ok(['Access-Control-Allow-Methods', 'PUT']) }],
      {
        outcome: 'network-error',
        stage: 'actual',
        reason: 'no-response',
        step: 'concept-http-network-fetch 7.1',
      },
    ],
    [
      'passes when everything is allowed',
      { method: 'PUT', headers: [['X-A', '1']] },
      [
        {
          preflight: ok(
            ['Access-Control-Allow-Methods', 'PUT'],
            ['Access-Control-Allow-Headers', 'X-A'],
          ),
          response: allow(),
        },
      ],
      { outcome: 'allowed', type: 'cors' },
    ],
  ]);

  it('says why a preflight is needed and gives the exact OPTIONS request', () => {
    const verdict = run(
      {
        method: 'put',
        headers: [
          ['X-B', '1'],
          ['Content-Type', 'application/json'],
        ],
      },
      [],
    );
    expect(verdict.preflight.needed).toBe(true);
    expect(
      verdict.preflight.reasons.map((reason) =>
        reason.kind === 'method' ? reason.method : reason.header.name,
      ),
    ).toEqual(['PUT', 'content-type', 'x-b']);
    expect(verdict.preflight.request?.headers).toEqual([
      ['Accept', '*/*'],
      ['Access-Control-Request-Method', 'PUT'],
      ['Access-Control-Request-Headers', 'content-type,x-b'],
      ['Origin', PAGE],
    ]);
  });

  it('no preflight for a simple request', () => {
    const verdict = run({ method: 'POST', body: 'x' }, [{ response: allow() }]);
    expect(verdict.preflight).toEqual({ needed: false, reasons: [], servedFromCache: false });
  });

  it('NOTE(chromium): two Accept lines of 100 bytes make one 202-byte value that needs a preflight', () => {
    const a = 'a'.repeat(100);
    expect(
      run(
        {
          headers: [
            ['Accept', a],
            ['Accept', a],
          ],
        },
        [],
      ).preflight.needed,
    ).toBe(true);
  });

  it('warns when only the Chromium leniency let Authorization through *', () => {
    const verdict = run({ headers: [['Authorization', 'x']] }, [
      { preflight: ok(['Access-Control-Allow-Headers', '*']), response: allow() },
    ]);
    expect(verdict.outcome).toBe('allowed');
    expect(verdict.warnings).toEqual(['authorization-covered-by-wildcard']);
  });

  it('names the missing header Chromium names, in its header-map order', () => {
    const verdict = run(
      {
        headers: [
          ['X-D', '1'],
          ['X-A', '1'],
        ],
      },
      [{ preflight: ok() }],
    );
    expect(verdict.outcome === 'blocked' && verdict.failure.failedParameter).toBe('x-d');
  });
});

describe('preflight cache', () => {
  const entry = (overrides: Partial<PreflightCacheEntry> = {}): PreflightCacheEntry => ({
    origin: PAGE,
    url: TARGET,
    credentials: false,
    methods: ['PUT'],
    headerNames: [],
    storedAt: 0,
    maxAge: 5,
    ...overrides,
  });
  const put = draft({ method: 'PUT' });
  const preflightOk = (...extra: Header[]) =>
    res(204, [ACAO, PAGE], ['Access-Control-Allow-Methods', 'PUT'], ...extra);

  it('stores a passed preflight, with its max-age, for the origin and URL', () => {
    const verdict = evaluate({
      draft: put,
      hops: [{ preflight: preflightOk(['Access-Control-Max-Age', '600']), response: allow() }],
      now: 1_000,
    });
    expect(verdict.cache).toEqual([entry({ storedAt: 1_000, maxAge: 600 })]);
    expect(verdict.preflight).toMatchObject({
      servedFromCache: false,
      cache: { hit: false, reason: 'no-entry' },
      maxAge: { seconds: 600, source: 'header' },
    });
  });

  it('a later request is explained as "preflight served from cache"', () => {
    const verdict = evaluate({
      draft: put,
      hops: [{ response: allow() }],
      cache: [entry()],
      now: 4_999,
    });
    expect(verdict.outcome).toBe('allowed');
    expect(verdict.preflight).toMatchObject({
      needed: true,
      servedFromCache: true,
      cache: { hit: true },
    });
    expect(verdict.cache).toEqual([entry()]);
  });

  it('an expired entry is dropped and the preflight sent again', () => {
    const verdict = evaluate({
      draft: put,
      hops: [{ preflight: preflightOk() }],
      cache: [entry()],
      now: 5_000,
    });
    expect(verdict.preflight).toMatchObject({
      servedFromCache: false,
      cache: { hit: false, reason: 'expired' },
    });
    expect(verdict).toMatchObject({ outcome: 'network-error', stage: 'actual' });
    expect(verdict.cache).toEqual([entry({ storedAt: 5_000 })]);
  });

  it('NOTE(chromium): an entry that does not cover the request is dropped even when the new preflight fails', () => {
    const cache: PreflightCache = [entry({ headerNames: ['x-a'] })];
    const verdict = evaluate({
      draft: draft({ headers: [['X-B', '1']] }),
      hops: [{ preflight: res(204, [ACAO, PAGE]) }],
      cache,
      now: 0,
    });
    expect(verdict.outcome).toBe('blocked');
    expect(verdict.cache).toEqual([]);
  });

  it('NOTE(chromium): a failed actual response leaves the entry in place', () => {
    const verdict = evaluate({
      draft: put,
      hops: [{ preflight: preflightOk(), response: res(200) }],
      now: 0,
    });
    expect(verdict.outcome).toBe('blocked');
    expect(verdict.cache).toHaveLength(1);
  });

  it('NOTE(chromium): cache no-store sends a preflight despite a fresh entry, and stores nothing', () => {
    const verdict = evaluate({
      draft: { ...put, cache: 'no-store' },
      hops: [{ preflight: preflightOk(['Access-Control-Max-Age', '0']), response: allow() }],
      cache: [entry()],
      now: 1_000,
    });
    expect(verdict.outcome).toBe('allowed');
    expect(verdict.preflight).toMatchObject({
      servedFromCache: false,
      cache: { hit: false, reason: 'cache-mode' },
    });
    expect(verdict.cache).toEqual([entry()]);
  });

  it.each(['reload', 'no-cache'] as const)(
    'NOTE(chromium): cache %s sends a preflight despite a fresh entry, and replaces it',
    (mode) => {
      const verdict = evaluate({
        draft: { ...put, cache: mode },
        hops: [{ preflight: preflightOk(['Access-Control-Max-Age', '0']), response: allow() }],
        cache: [entry()],
        now: 1_000,
      });
      expect(verdict.preflight.cache).toEqual({ hit: false, reason: 'cache-mode' });
      expect(verdict.cache).toEqual([entry({ storedAt: 1_000, maxAge: 0 })]);
    },
  );

  it('cache force-cache uses the preflight cache as default does', () => {
    const verdict = evaluate({
      draft: { ...put, cache: 'force-cache' },
      hops: [{ response: allow() }],
      cache: [entry()],
      now: 1_000,
    });
    expect(verdict.preflight.servedFromCache).toBe(true);
  });

  it('a negative max-age stores an entry that never serves', () => {
    const first = evaluate({
      draft: put,
      hops: [{ preflight: preflightOk(['Access-Control-Max-Age', '-5']), response: allow() }],
      now: 0,
    });
    const second = evaluate({ draft: put, hops: [], cache: first.cache, now: 0 });
    expect(second.preflight.cache).toMatchObject({ hit: false, reason: 'expired' });
  });
});

describe('redirects', () => {
  table([
    [
      'HTTP fetch step 4.4: a redirect without Allow-Origin fails at the redirect',
      {},
      [{ response: res(302, ['Location', SECOND]) }],
      blocked('redirect', 'MissingAllowOriginHeader', '', `${CHECK} 2`),
    ],
    [
      'a redirect to a second origin needs the next response to allow `null`',
      {},
      [{ response: redirectTo(SECOND) }, { response: allow() }],
      blocked('actual', 'AllowOriginMismatch', PAGE, `${CHECK} 4`),
    ],
    [
      'the tainted origin `null` is allowed by `null`',
      {},
      [{ response: redirectTo(SECOND) }, { response: res(200, [ACAO, 'null']) }],
      { outcome: 'allowed', type: 'cors' },
    ],
    [
      'a redirect back to the page origin stays a CORS request, from `null`',
      {},
      [{ response: redirectTo(`${PAGE}/back`) }, { response: res(200) }],
      blocked('actual', 'MissingAllowOriginHeader', '', `${CHECK} 2`),
    ],
    [
      'from the page origin to a target: a CORS request from the page origin',
      { url: `${PAGE}/start` },
      [{ response: res(302, ['Location', TARGET]) }, { response: allow() }],
      { outcome: 'allowed', type: 'cors' },
    ],
    [
      'a relative Location resolves against the redirecting URL',
      {},
      [{ response: redirectTo('../y') }, { response: allow() }],
      { outcome: 'allowed', type: 'cors' },
    ],
    [
      'HTTP fetch step 6.2: redirect mode error turns a redirect into a network error',
      { redirect: 'error' },
      [{ response: redirectTo(SECOND) }],
      {
        outcome: 'network-error',
        stage: 'redirect',
        reason: 'redirect-mode-error',
        step: 'concept-http-fetch 6.2',
      },
    ],
    [
      'HTTP fetch step 6.2: redirect mode manual gives an opaque-redirect response',
      { redirect: 'manual' },
      [{ response: redirectTo(SECOND) }],
      { outcome: 'allowed', type: 'opaqueredirect' },
    ],
    [
      'redirect mode manual still runs the CORS check on the redirect',
      { redirect: 'manual' },
      [{ response: res(302, ['Location', SECOND]) }],
      blocked('redirect', 'MissingAllowOriginHeader', '', `${CHECK} 2`),
    ],
    [
      'step 5: a Location that does not parse',
      {},
      [{ response: redirectTo('http://[') }],
      {
        outcome: 'network-error',
        stage: 'redirect',
        reason: 'invalid-location',
        step: `${REDIRECT} 5`,
      },
    ],
    [
      'step 6: a Location that is not HTTP(S)',
      {},
      [{ response: redirectTo('ftp://x/') }],
      blocked('redirect', 'CorsDisabledScheme', '', `${REDIRECT} 6`),
    ],
    [
      'step 9: a Location with a username and password',
      {},
      [{ response: redirectTo('http://u:p@localhost:5175/') }],
      blocked('redirect', 'RedirectContainsCredentials', '', `${REDIRECT} 9`),
    ],
    [
      'a 302 without Location is the final response',
      {},
      [{ response: res(302, [ACAO, PAGE]) }],
      { outcome: 'allowed', type: 'cors' },
    ],
    [
      'a redirect with nothing after it: no response',
      {},
      [{ response: redirectTo(SECOND) }],
      {
        outcome: 'network-error',
        stage: 'actual',
        reason: 'no-response',
        step: 'concept-http-network-fetch 7.1',
      },
    ],
    [
      'NOTE(chromium): same-origin mode redirected away is a network error, not a CORS error',
      { url: '/start', mode: 'same-origin' },
      [{ response: res(302, ['Location', TARGET]) }],
      {
        outcome: 'network-error',
        stage: 'redirect',
        reason: 'same-origin-mode-redirect',
        step: `${MAIN} 12`,
      },
    ],
    [
      'no-cors follows a redirect to another origin and stays opaque',
      { url: '/start', mode: 'no-cors' },
      [{ response: res(302, ['Location', TARGET]) }, { response: res(200) }],
      { outcome: 'allowed', type: 'opaque' },
    ],
    [
      'a preflighted request preflights again after a redirect, from `null`',
      { method: 'PUT', body: 'x' },
      [
        {
          preflight: res(204, [ACAO, PAGE], ['Access-Control-Allow-Methods', 'PUT']),
          response: res(307, [ACAO, PAGE], ['Location', SECOND]),
        },
        { preflight: res(204, [ACAO, PAGE], ['Access-Control-Allow-Methods', 'PUT']) },
      ],
      blocked('preflight', 'PreflightAllowOriginMismatch', PAGE, `${CHECK} 4`),
    ],
  ]);

  it('step 7: gives up at the 21st redirect', () => {
    const hops = Array.from({ length: 21 }, (_, index): WireHop => ({
      response: redirectTo(`/r${index + 1}`),
    }));
    expect(summary(run({}, hops))).toEqual({
      outcome: 'network-error',
      stage: 'redirect',
      reason: 'too-many-redirects',
      step: `${REDIRECT} 7`,
    });
    expect(summary(run({}, [...hops.slice(0, 20), { response: allow() }]))).toEqual({
      outcome: 'allowed',
      type: 'cors',
    });
  });

  it('tells each hop: URL, method, Origin header, and where it led', () => {
    const verdict = run({ method: 'POST', body: 'x' }, [
      { response: redirectTo(SECOND) },
      { response: res(200, [ACAO, 'null']) },
    ]);
    expect(
      verdict.hops.map(({ url, method, originHeader, status, redirectedTo }) => ({
        url,
        method,
        originHeader,
        status,
        redirectedTo,
      })),
    ).toEqual([
      { url: TARGET, method: 'POST', originHeader: PAGE, status: 302, redirectedTo: SECOND },
      { url: SECOND, method: 'GET', originHeader: 'null', status: 200, redirectedTo: undefined },
    ]);
    expect(verdict.js).toEqual({
      settles: 'resolve',
      type: 'cors',
      status: 200,
      url: SECOND,
      redirected: true,
    });
  });

  it('NOTE(chromium): a preflight after a cross-origin redirect is neither looked up nor stored', () => {
    const allowPut: Header = ['Access-Control-Allow-Methods', 'PUT'];
    const cached: PreflightCacheEntry = {
      origin: PAGE,
      url: SECOND,
      credentials: false,
      methods: ['PUT'],
      headerNames: [],
      storedAt: 0,
      maxAge: 600,
    };
    const verdict = run(
      { method: 'PUT' },
      [
        {
          preflight: res(204, [ACAO, PAGE], allowPut),
          response: res(307, [ACAO, PAGE], ['Location', SECOND]),
        },
        { preflight: res(204, [ACAO, 'null'], allowPut), response: res(200, [ACAO, 'null']) },
      ],
      { cache: [cached] },
    );
    expect(verdict.outcome).toBe('allowed');
    expect(verdict.hops[1]?.preflight).toMatchObject({
      servedFromCache: false,
      cache: { hit: false, reason: 'redirect-tainted' },
    });
    expect(verdict.cache.map(({ url }) => url)).toEqual([SECOND, TARGET]);
  });
});

describe('what JavaScript gets', () => {
  it('a CORS response: its status and only the headers it may read', () => {
    const verdict = run({}, [
      { response: allow(['Content-Type', 'text/plain'], ['X-Secret', '1']) },
    ]);
    expect(verdict.js).toEqual({
      settles: 'resolve',
      type: 'cors',
      status: 200,
      url: TARGET,
      redirected: false,
    });
    expect(verdict.headers.map(({ name, readable, reason }) => [name, readable, reason])).toEqual([
      [ACAO, false, 'not-exposed'],
      ['Content-Type', true, 'safelisted'],
      ['X-Secret', false, 'not-exposed'],
    ]);
  });

  it('an opaque response: status 0, empty URL, nothing readable', () => {
    const verdict = run({ mode: 'no-cors' }, [
      { response: res(200, ['Content-Type', 'text/plain']) },
    ]);
    expect(verdict.js).toEqual({
      settles: 'resolve',
      type: 'opaque',
      status: 0,
      url: '',
      redirected: false,
    });
    expect(verdict.headers.every(({ readable }) => !readable)).toBe(true);
  });

  it('an opaque-redirect response: status 0, the redirecting URL', () => {
    expect(run({ redirect: 'manual' }, [{ response: redirectTo(SECOND) }]).js).toEqual({
      settles: 'resolve',
      type: 'opaqueredirect',
      status: 0,
      url: TARGET,
      redirected: false,
    });
  });

  it('a blocked response: a rejection, and none of its headers readable', () => {
    const verdict = run({}, [{ response: res(200, ['Content-Type', 'text/plain']) }]);
    expect(verdict.js).toEqual({ settles: 'reject' });
    expect(verdict.headers).toEqual([
      { name: 'Content-Type', value: 'text/plain', readable: false, reason: 'fetch-failed' },
    ]);
  });

  it('NOTE(chromium): a page-set User-Agent is dropped, so it needs no preflight', () => {
    const verdict = run({ headers: [['User-Agent', 'my-app/1.0']] }, [{ response: allow() }]);
    expect(summary(verdict)).toEqual({ outcome: 'allowed', type: 'cors' });
    expect(verdict.preflight.needed).toBe(false);
    expect(verdict.outcome !== 'type-error' && verdict.request.dropped).toEqual([
      { name: 'User-Agent', value: 'my-app/1.0', reason: 'chromium-forbidden-name' },
    ]);
  });

  it('the request as sent: dropped headers listed', () => {
    const verdict = run({ headers: [['Cookie', 'a=b']] }, [{ response: allow() }]);
    expect(verdict.outcome !== 'type-error' && verdict.request.dropped).toEqual([
      { name: 'Cookie', value: 'a=b', reason: 'forbidden-name' },
    ]);
  });
});

describe('coverage of Chromium codes', () => {
  // Not produced by fetch() in this model: DevTools-only, retired, or Local Network Access
  // (which loopback-to-loopback requests never trigger).
  const notModelled: CorsError[] = [
    'InvalidResponse',
    'PreflightMissingAllowExternal',
    'PreflightInvalidAllowExternal',
    'InsecureLocalNetwork',
    'InvalidLocalNetworkAccess',
    'LocalNetworkAccessPermissionDenied',
  ];
  it('every reachable CorsError appears in the tables above', () => {
    expect([...seen].sort()).toEqual(
      CORS_ERRORS.filter((code) => !notModelled.includes(code)).sort(),
    );
  });
});
