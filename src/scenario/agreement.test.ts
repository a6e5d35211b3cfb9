import { describe, expect, it } from 'vitest';
import type { ExchangeFacts } from '../cors/facts.ts';
import type { JsOutcome } from './js-outcome.ts';
import {
  browserOutcome,
  disagreements,
  expectationFor,
  unmetExpectations,
  type BrowserFacts,
  type ModelSummary,
} from './agreement.ts';

const failed: JsOutcome = { kind: 'rejected', name: 'TypeError', message: 'Failed to fetch' };
const resolved = (headers: [string, string][] = []): JsOutcome => ({
  kind: 'resolved',
  status: 200,
  statusText: 'OK',
  type: 'cors',
  url: 'http://x/',
  redirected: false,
  headers,
  body: '',
});
const blocked: ModelSummary = {
  outcome: 'blocked',
  stage: 'preflight',
  corsError: 'HeaderDisallowedByPreflightResponse',
  failedParameter: 'x-b',
  preflight: 'sent',
  readable: [],
  hidden: [],
};
const allowed: ModelSummary = {
  outcome: 'allowed',
  preflight: 'none',
  responseType: 'cors',
  status: 200,
  readable: ['content-type'],
  hidden: ['x-secret'],
};
const facts = (overrides: Partial<BrowserFacts>): BrowserFacts => ({
  browser: 'chromium',
  js: failed,
  chromium: undefined,
  firefox: undefined,
  preflightArrived: false,
  sentHeaders: [],
  receivedHeaders: [],
  ...overrides,
});
const ORIGINS = { page: 'http://localhost:5173', target: 'http://127.0.0.1:5174' };

describe('browserOutcome', () => {
  it.each([
    ['a resolved fetch is allowed', facts({ js: resolved() }), 'allowed'],
    [
      'a rejection with a Chromium reason is blocked',
      facts({ chromium: { corsError: 'X', failedParameter: '' } }),
      'blocked',
    ],
    ['a bare "Failed to fetch" is a network error', facts({}), 'network-error'],
    [
      'any other rejection is fetch() refusing its arguments',
      facts({ js: { kind: 'rejected', name: 'TypeError', message: "Failed to execute 'fetch'" } }),
      'type-error',
    ],
  ])('%s', (_name, input, expected) => {
    expect(browserOutcome(input)).toBe(expected);
  });
});

describe('disagreements', () => {
  const chromium = { corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: 'x-b' };

  it('agrees when outcome, check, parameter and preflight match', () => {
    expect(disagreements(blocked, facts({ chromium, preflightArrived: true }))).toEqual([]);
  });

  it('holds failedParameter exactly: another header that fails the same check differs', () => {
    expect(
      disagreements(
        blocked,
        facts({ chromium: { ...chromium, failedParameter: 'x-a' }, preflightArrived: true }),
      ),
    ).toEqual(['failedParameter: model "x-b", Chromium "x-a"']);
  });

  it('names a different check', () => {
    expect(
      disagreements(
        blocked,
        facts({
          chromium: { corsError: 'PreflightInvalidStatus', failedParameter: '' },
          preflightArrived: true,
        }),
      ),
    ).toEqual([
      'corsError: model HeaderDisallowedByPreflightResponse, Chromium PreflightInvalidStatus',
    ]);
  });

  it('names a different outcome and the missing reason', () => {
    expect(disagreements(blocked, facts({ js: resolved(), preflightArrived: true }))).toEqual([
      'outcome: model blocked, browser allowed',
      'corsError: model HeaderDisallowedByPreflightResponse, Chromium none',
    ]);
  });
});

describe('in Firefox', () => {
  const firefoxFacts = (overrides: Partial<BrowserFacts>): BrowserFacts =>
    facts({
      browser: 'firefox',
      js: {
        kind: 'rejected',
        name: 'TypeError',
        message: 'NetworkError when attempting to fetch resource.',
      },
      ...overrides,
    });
  const reason = { code: 'CORSMissingAllowHeaderFromPreflight', param: 'x-b' } as const;

  it('a CORS reason is blocked; "did not succeed" alone, or none, is a network error', () => {
    expect(browserOutcome(firefoxFacts({ firefox: reason }))).toBe('blocked');
    expect(
      browserOutcome(firefoxFacts({ firefox: { code: 'CORSDidNotSucceed', param: '' } })),
    ).toBe('network-error');
    expect(browserOutcome(firefoxFacts({}))).toBe('network-error');
  });

  it('reads expectFirefox over expect in Firefox only, its corsError as Firefox’s own code', () => {
    const step = {
      expect: { outcome: 'blocked', corsError: 'HeaderDisallowedByPreflightResponse' },
      expectFirefox: { corsError: 'CORSMissingAllowHeaderFromPreflight', failedParameter: 'x-b' },
    } as const;
    expect(expectationFor(step, 'chromium')).toBe(step.expect);
    const inFirefox = expectationFor(step, 'firefox');
    expect(inFirefox).toEqual({ outcome: 'blocked', ...step.expectFirefox });
    const observed = { cookie: { arrived: false }, requests: [] } as unknown as ExchangeFacts;
    expect(
      unmetExpectations(inFirefox, blocked, firefoxFacts({ firefox: reason }), observed, ORIGINS),
    ).toEqual([]);
    expect(
      unmetExpectations(
        step.expect,
        blocked,
        firefoxFacts({ firefox: { code: 'CORSMethodNotFound', param: '' } }),
        observed,
        ORIGINS,
      ),
    ).toEqual([
      'expected corsError HeaderDisallowedByPreflightResponse (Firefox CORSMissingAllowHeaderFromPreflight), Firefox CORSMethodNotFound',
    ]);
  });

  it('holds the model’s Firefox reason and its value against Firefox’s', () => {
    const model = { ...blocked, firefox: reason };
    expect(disagreements(model, firefoxFacts({ firefox: reason }))).toEqual([]);
    expect(disagreements(model, firefoxFacts({ firefox: { ...reason, param: 'x-a' } }))).toEqual([
      'reason\'s value: model "x-b", Firefox "x-a"',
    ]);
    expect(disagreements(model, firefoxFacts({}))).toEqual([
      'outcome: model blocked, browser network-error',
      'reason: model CORSMissingAllowHeaderFromPreflight, Firefox none',
    ]);
  });
});

describe('unmetExpectations', () => {
  const observed: ExchangeFacts = {
    preflights: [],
    requests: [{ method: 'GET', url: 'http://x/', status: 200, reason: 'OK', cookie: false }],
    preflightCacheUsed: false,
    fetch: { settled: 'resolved', type: 'cors', status: 200 },
    read: { status: true, body: true, headers: [] },
    cookie: { arrived: false, why: 'none-stored' },
  };

  it('checks each given field against what the browser did', () => {
    const browser = facts({
      js: resolved([['content-type', 'a']]),
      sentHeaders: ['Content-Type', 'X-Secret'],
    });
    expect(
      unmetExpectations(
        {
          outcome: 'allowed',
          readable: ['Content-Type'],
          hidden: ['x-secret'],
          request: 'sent',
          cookie: 'none-stored',
        },
        allowed,
        browser,
        observed,
        ORIGINS,
      ),
    ).toEqual([]);
    expect(
      unmetExpectations(
        {
          outcome: 'blocked',
          corsError: 'X',
          failedParameter: 'p',
          preflight: 'sent',
          readable: ['etag'],
          hidden: ['content-type', 'x-gone'],
          request: 'never-sent',
          cookie: 'arrived',
        },
        allowed,
        browser,
        observed,
        ORIGINS,
      ),
    ).toEqual([
      'expected outcome blocked, browser allowed',
      'expected corsError X, Chromium none',
      'expected failedParameter "p", Chromium ""',
      'expected preflight sent, got none',
      'expected etag readable by JavaScript, it was not',
      'expected content-type hidden from JavaScript, it was readable',
      'expected the target to send x-gone, it did not',
      'expected the request never-sent, it was sent',
      'expected cookie arrived, got none-stored',
    ]);
  });

  it('has nothing to check without expectations', () => {
    expect(unmetExpectations(undefined, allowed, facts({}), observed, ORIGINS)).toEqual([]);
  });

  it('checks the status, the type, exact header values and the request headers that arrived', () => {
    const browser = facts({
      js: resolved([
        ['x-origin', 'http://localhost:5173'],
        ['x-target', 'HTTP://127.0.0.1:5174'],
      ]),
      receivedHeaders: [
        ['Origin', 'null'],
        ['Cookie', 'a=1'],
      ],
    });
    const met = {
      corsError: null,
      status: 200,
      type: 'cors',
      headers: { 'X-Origin': '{{origin}}' },
      requestHeaders: { origin: 'null', cookie: true, authorization: false },
    } as const;
    expect(unmetExpectations(met, allowed, browser, observed, ORIGINS)).toEqual([]);
    expect(
      unmetExpectations(
        {
          corsError: null,
          status: 201,
          type: 'basic',
          headers: { 'x-origin': '{{origin}}/', 'x-target': '{{target}}', etag: '1' },
          requestHeaders: { origin: '{{origin}}', cookie: false, authorization: true },
        },
        allowed,
        facts({ ...browser, chromium: { corsError: 'X', failedParameter: '' } }),
        observed,
        ORIGINS,
      ),
    ).toEqual([
      'expected corsError none, Chromium X',
      'expected status 201, JavaScript saw 200',
      'expected type basic, JavaScript saw cors',
      'expected JavaScript to read x-origin: "http://localhost:5173/", it read "http://localhost:5173"',
      'expected JavaScript to read x-target: "http://127.0.0.1:5174", it read "HTTP://127.0.0.1:5174"',
      'expected JavaScript to read etag: "1", it read nothing',
      'expected origin: "http://localhost:5173" at the target, it arrived as "null"',
      'expected cookie not to arrive, it arrived as "a=1"',
      'expected authorization to arrive, it did not arrive',
    ]);
  });

  it('says the response expectations are unmet when fetch() rejected', () => {
    expect(
      unmetExpectations(
        { status: 200, type: 'cors', headers: { a: 'b' } },
        allowed,
        facts({}),
        observed,
        ORIGINS,
      ),
    ).toEqual([
      'expected status 200, fetch() rejected',
      'expected type cors, fetch() rejected',
      'expected response headers, fetch() rejected',
    ]);
  });
});
