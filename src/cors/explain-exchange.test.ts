import { describe, expect, it } from 'vitest';
import { evaluate, type Verdict, type WireHop } from './evaluate.ts';
import {
  explainBanner,
  explainCookie,
  explainCookiePrediction,
  explainFacts,
  explainHistoryLine,
  explainRejection,
  explainWireNotes,
} from './explain-exchange.ts';
import type { Arrival, ExchangeFacts, FetchFact, RequestArrival } from './facts.ts';
import type { RequestDraft } from './request.ts';
import { ALLOW_PAGE, TEST_PAGE as PAGE, testDraft } from './test-drafts.ts';

const URL_A = 'http://localhost:5174/s/1/a';
const URL_B = 'http://localhost:5175/s/1/b';

function verdict(draft: Partial<RequestDraft>, hops: WireHop[], now = 0): Verdict {
  return evaluate({
    draft: testDraft({ url: URL_A, ...draft }),
    hops,
    now,
  });
}

const preflight = (status: number, reason: string, url = URL_A): Arrival => ({
  method: 'OPTIONS',
  url,
  status,
  reason,
});
const request = (status: number, reason: string, url = URL_A): RequestArrival => ({
  method: 'GET',
  url,
  status,
  reason,
  cookie: false,
});
const FAILED: FetchFact = {
  settled: 'rejected',
  how: 'failed',
  error: 'TypeError: Failed to fetch',
};
const INVALID: FetchFact = {
  settled: 'rejected',
  how: 'invalid-arguments',
  error: "TypeError: Failed to execute 'fetch' on 'Window': Invalid name",
};
const ABORTED: FetchFact = { settled: 'rejected', how: 'aborted', error: 'AbortError: aborted' };
const NOTHING_READ = { status: false, body: false, headers: [] };

function facts(overrides: Partial<ExchangeFacts>): ExchangeFacts {
  return {
    preflights: [],
    requests: [],
    preflightCacheUsed: false,
    fetch: FAILED,
    read: NOTHING_READ,
    cookie: { arrived: false, why: 'nothing-arrived' },
    ...overrides,
  };
}

// Verdicts the sentences may read: they only add which check failed and why.
const blockedAtPreflight = verdict({ method: 'PUT' }, [
  { preflight: { status: 204, headers: [] } },
]);
const blockedAtActual = verdict({}, [{ response: { status: 200, headers: [] } }]);
const refusedBeforeSending = verdict({ mode: 'same-origin' }, []);
const noResponse = verdict({}, []);
const onlyIfCached = verdict(
  { url: `${PAGE}/x`, mode: 'same-origin', cache: 'only-if-cached' },
  [],
);
const typeError = verdict({ method: 'CONNECT' }, []);
const allowed = verdict({}, [{ response: { status: 200, headers: [ALLOW_PAGE] } }]);
const firstPut = verdict({ method: 'PUT' }, [
  {
    preflight: { status: 204, headers: [ALLOW_PAGE, ['Access-Control-Allow-Methods', 'PUT']] },
    response: { status: 200, headers: [ALLOW_PAGE] },
  },
]);
const cachedPut = evaluate({
  draft: {
    url: URL_A,
    origin: PAGE,
    method: 'PUT',
    headers: [],
    mode: 'cors',
    credentials: 'same-origin',
    redirect: 'follow',
  },
  hops: [{ response: { status: 200, headers: [ALLOW_PAGE] } }],
  cache: firstPut.cache,
  now: 1,
});

describe('explainBanner', () => {
  it.each<[string, ExchangeFacts, Verdict, string]>([
    [
      'a failed preflight: it reached the server, the request itself never did',
      facts({ preflights: [preflight(204, 'No Content')] }),
      blockedAtPreflight,
      `The preflight (OPTIONS) for ${URL_A} reached the server, which answered 204 No Content. The browser never sent the actual request, and fetch() rejected.`,
    ],
    [
      'a preflight after a redirect: the first request reached the server',
      facts({
        requests: [request(302, 'Found')],
        preflights: [preflight(204, 'No Content', URL_B)],
      }),
      blockedAtPreflight,
      `The request reached the server, which answered 302 Found. The preflight (OPTIONS) for ${URL_B} reached the server, which answered 204 No Content. The browser never sent the actual request, and fetch() rejected.`,
    ],
    [
      'a CORS block of the answer',
      facts({ requests: [request(200, 'OK')] }),
      blockedAtActual,
      'The request reached the server, which answered 200 OK. The browser then blocked JavaScript from reading the response. CORS protects the response from the page, not the server from the request.',
    ],
    [
      'a network error after redirects',
      facts({ requests: [request(302, 'Found'), request(302, 'Found', URL_B)] }),
      noResponse,
      'The request reached the server and was redirected 1 time; the last answer was 302 Found. The browser then refused the response, so fetch() rejected: JavaScript gets no status, headers or body.',
    ],
    [
      'fetch() refusing its arguments',
      facts({ fetch: INVALID }),
      typeError,
      'fetch() refused its arguments with a TypeError before sending anything: nothing reached the server.',
    ],
    [
      'a request the browser refused before sending',
      facts({}),
      refusedBeforeSending,
      'The browser refused the request before sending it: nothing reached the server, and fetch() rejected.',
    ],
    [
      'nothing reached the target',
      facts({}),
      noResponse,
      'fetch() failed and nothing reached the server.',
    ],
    [
      'a cancel before any answer',
      facts({ fetch: ABORTED }),
      noResponse,
      'The page cancelled the request (AbortError) before any answer reached it.',
    ],
    [
      'a cancel after the request arrived',
      facts({ fetch: ABORTED, requests: [request(200, 'OK')] }),
      allowed,
      'The request reached the server, which answered 200 OK. The page cancelled the request (AbortError), so JavaScript got no response.',
    ],
    [
      'a cancel after only the preflight arrived',
      facts({ fetch: ABORTED, preflights: [preflight(204, 'No Content')] }),
      noResponse,
      'The preflight reached the server. The page cancelled the request (AbortError), so JavaScript got no response.',
    ],
    [
      'an answer from the HTTP cache',
      facts({ fetch: { settled: 'resolved', type: 'cors', status: 200 } }),
      allowed,
      'fetch() resolved, though nothing reached the server: the browser answered from its HTTP cache.',
    ],
    [
      'an opaque-redirect response',
      facts({
        fetch: { settled: 'resolved', type: 'opaqueredirect', status: 0 },
        requests: [request(302, 'Found')],
      }),
      allowed,
      "The server answered 302 Found, a redirect; with redirect: 'manual' JavaScript got an opaque-redirect response: status 0, no headers, no body.",
    ],
    [
      'an opaque response',
      facts({
        fetch: { settled: 'resolved', type: 'opaque', status: 0 },
        requests: [request(200, 'OK')],
      }),
      allowed,
      'The request reached the server, which answered 200 OK. JavaScript got an opaque response: status 0, no headers, no body.',
    ],
    [
      'a readable response',
      facts({
        fetch: { settled: 'resolved', type: 'cors', status: 200 },
        requests: [request(200, 'OK')],
        read: {
          status: true,
          body: true,
          headers: [
            { name: 'Content-Type', readable: true },
            { name: 'X-Secret', readable: false },
          ],
        },
      }),
      allowed,
      'The browser let JavaScript read the response: status 200, the body, and 1 of 2 headers.',
    ],
  ])('%s', (_name, observed, judged, expected) => {
    expect(explainBanner(observed, judged)).toBe(expected);
  });
});

describe('explainFacts', () => {
  it('lists every fact, naming the URLs a request never reached', () => {
    const observed = facts({
      requests: [request(302, 'Found'), request(302, 'Found', URL_B)],
      preflights: [preflight(204, 'No Content', 'http://localhost:5174/s/1/c')],
      read: { status: false, body: false, headers: [{ name: 'Location', readable: false }] },
    });
    expect(explainFacts(observed)).toEqual([
      ['Preflight', 'reached the server: 204 No Content'],
      [
        'Request',
        'reached the server 2 times (1 redirect): 302 Found, then 302 Found; never sent to http://localhost:5174/s/1/c',
      ],
      ['fetch()', 'rejected: TypeError: Failed to fetch'],
      ['JavaScript can read', 'nothing: no status, no headers, no body'],
      [
        'Cookie',
        'No Cookie line arrived: no request reached the server (a preflight never carries cookies).',
      ],
    ]);
  });

  it('tells a cached preflight, a refusal, a cancel and an opaque response apart', () => {
    expect(explainFacts(facts({ preflightCacheUsed: true }))[0]).toEqual([
      'Preflight',
      'served from the preflight cache: no OPTIONS was sent',
    ]);
    expect(explainFacts(facts({ fetch: INVALID }))).toContainEqual(['Request', 'never sent']);
    expect(explainFacts(facts({ fetch: INVALID }))).toContainEqual([
      'fetch()',
      `rejected before sending: ${INVALID.error}`,
    ]);
    expect(explainFacts(facts({ fetch: ABORTED }))).toContainEqual([
      'fetch()',
      'cancelled: AbortError: aborted',
    ]);
    const opaque = facts({ fetch: { settled: 'resolved', type: 'opaque', status: 0 } });
    expect(explainFacts(opaque)).toContainEqual([
      'JavaScript can read',
      'nothing: status 0, no headers, no body',
    ]);
    const read = facts({
      fetch: { settled: 'resolved', type: 'cors', status: 200 },
      read: { status: true, body: true, headers: [{ name: 'Content-Type', readable: true }] },
    });
    expect(explainFacts(read)).toContainEqual([
      'JavaScript can read',
      'the status, the body and 1 of 1 header',
    ]);
  });
});

describe('explainWireNotes', () => {
  it('says the preflight cache answered, only when the facts say no OPTIONS went out', () => {
    expect(cachedPut.hops[0]?.preflight.servedFromCache).toBe(true);
    const used = facts({ preflightCacheUsed: true, requests: [request(200, 'OK')] });
    expect(explainWireNotes(used, cachedPut)[0]).toMatch(
      /^The browser used its preflight cache: no OPTIONS was sent\. Preflight served from cache/,
    );
    expect(explainWireNotes({ ...used, preflightCacheUsed: false }, cachedPut)).toEqual([]);
  });

  it('says why the request itself was never sent after its preflight', () => {
    const stopped = facts({ preflights: [preflight(204, 'No Content')] });
    expect(explainWireNotes(stopped, blockedAtPreflight)).toEqual([
      "The actual request was never sent: the preflight's answer failed the PreflightMissingAllowOriginHeader check, so the browser stopped there.",
    ]);
    expect(explainWireNotes(stopped, noResponse)).toEqual([
      'The actual request was never sent: the browser stopped after the preflight.',
    ]);
  });

  it.each<[string, ExchangeFacts, Verdict, string]>([
    [
      'an HTTP cache answer',
      facts({ fetch: { settled: 'resolved', type: 'cors', status: 200 } }),
      allowed,
      'Nothing reached the server: the browser answered from its HTTP cache.',
    ],
    [
      'a TypeError',
      facts({ fetch: INVALID }),
      typeError,
      'Nothing reached the server: the browser refused the request before sending it.',
    ],
    [
      'a refusal before sending',
      facts({}),
      refusedBeforeSending,
      'Nothing reached the server: the browser refused the request before sending it.',
    ],
    [
      'a cancel',
      facts({ fetch: ABORTED }),
      noResponse,
      'The target logged no answer before the page cancelled the request (a request it was still answering, e.g. after a delay, is logged when the answer is written).',
    ],
    [
      "cache: 'only-if-cached'",
      facts({}),
      onlyIfCached,
      "Nothing reached the server: with cache: 'only-if-cached' the browser answers from its HTTP cache alone, and it had no answer.",
    ],
    [
      'a target that is down',
      facts({}),
      noResponse,
      'Nothing reached the server: it could not be reached (is the target down?), so this is not a CORS failure.',
    ],
  ])('says why nothing reached the server: %s', (_name, observed, judged, expected) => {
    expect(explainWireNotes(observed, judged)).toEqual([expected]);
  });
});

describe('explainHistoryLine', () => {
  const read = { status: true, body: true, headers: [] };
  it.each<[string, ExchangeFacts, Verdict]>([
    [
      'read by JavaScript (cors, 200)',
      facts({ fetch: { settled: 'resolved', type: 'cors', status: 200 }, read }),
      allowed,
    ],
    [
      'opaque: JavaScript reads nothing',
      facts({ fetch: { settled: 'resolved', type: 'opaque', status: 0 } }),
      allowed,
    ],
    [
      'opaque redirect: JavaScript reads nothing',
      facts({ fetch: { settled: 'resolved', type: 'opaqueredirect', status: 0 } }),
      allowed,
    ],
    [
      'read by JavaScript (cors, 200), against the spec',
      facts({ fetch: { settled: 'resolved', type: 'cors', status: 200 }, read }),
      { ...allowed, warnings: ['authorization-covered-by-wildcard'] },
    ],
    ['TypeError: nothing sent', facts({ fetch: INVALID }), typeError],
    ['cancelled', facts({ fetch: ABORTED }), noResponse],
    ['blocked at the preflight: PreflightMissingAllowOriginHeader', facts({}), blockedAtPreflight],
    ['network error at the response', facts({}), noResponse],
    ['rejected: TypeError: Failed to fetch', facts({}), allowed],
  ])('%s', (expected, observed, judged) => {
    expect(explainHistoryLine(observed, judged)).toBe(expected);
  });
});

describe('explainRejection', () => {
  it('fits the words to how fetch() rejected', () => {
    expect(explainRejection(INVALID as FetchFact & { settled: 'rejected' })).toMatch(
      /its message says why/,
    );
    expect(explainRejection(FAILED as FetchFact & { settled: 'rejected' })).toMatch(/no reason/);
    expect(explainRejection(ABORTED as FetchFact & { settled: 'rejected' })).toMatch(/cancelled/);
  });
});

describe('cookies', () => {
  it('says a Cookie line arrived, or why not', () => {
    expect(explainCookie(facts({ cookie: { arrived: true } }))).toBe(
      'A Cookie line arrived with the request.',
    );
    expect(explainCookie(facts({ cookie: { arrived: false, why: 'credentials-omit' } }))).toBe(
      "No Cookie line arrived: credentials: 'omit' sends no cookies.",
    );
    expect(explainCookie(facts({ cookie: { arrived: false, why: 'cross-site' } }))).toMatch(
      /^No Cookie line arrived: the server is another site than the page, so only cookies set with SameSite=None; Secure can go/,
    );
  });

  it('predicts which cookies go before Send', () => {
    expect(explainCookiePrediction('include', PAGE, URL_A)).toBe(
      "Cookies: the ones the browser holds for this URL go, with credentials: 'include' (a preflight never carries any).",
    );
    expect(explainCookiePrediction('include', PAGE, 'http://127.0.0.1:5174/')).toMatch(
      /^Cookies: the server is another site than the page, so only cookies set with SameSite=None; Secure can go/,
    );
    expect(explainCookiePrediction('same-origin', PAGE, URL_A)).toBe(
      "Cookies: none will be sent: credentials: 'same-origin' (the default) sends cookies only to the page's own origin; use 'include'.",
    );
  });
});
