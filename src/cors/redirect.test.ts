import { describe, expect, it } from 'vitest';
import type { HeaderList } from './headers.ts';
import {
  hasRedirectTaintedOrigin,
  httpRedirectFetch,
  serializeRequestOrigin,
  type RedirectingRequest,
  type RedirectOutcome,
} from './redirect.ts';
import { parseUrl, type ParsedUrl } from './url.ts';

const PAGE = 'http://localhost:5173';
const url = (href: string): ParsedUrl => parseUrl(href) as ParsedUrl;

describe('redirect-tainted origin', () => {
  it.each<[string, string[], boolean]>([
    ['one URL is never tainted', ['http://b/'], false],
    ['page -> other origin is not tainted', [`${PAGE}/x`, 'http://b/'], false],
    ['other -> same other origin is not tainted', ['http://b/1', 'http://b/2'], false],
    ['step 3.2: other -> yet another origin taints', ['http://b/', 'http://c/'], true],
    ['step 3.2: other -> back to the page origin taints too', ['http://b/', `${PAGE}/x`], true],
    ['once tainted, always', ['http://b/', 'http://c/', 'http://c/2'], true],
  ])('%s', (_, urls, expected) => {
    const list = urls.map(url);
    expect(hasRedirectTaintedOrigin(PAGE, list)).toBe(expected);
    expect(serializeRequestOrigin(PAGE, list)).toBe(expected ? 'null' : PAGE);
  });
});

const request = (overrides: Partial<RedirectingRequest> = {}): RedirectingRequest => ({
  origin: PAGE,
  mode: 'cors',
  method: 'POST',
  headers: [
    ['Content-Type', 'text/plain'],
    ['Authorization', 'x'],
    ['X-A', '1'],
  ],
  hasBody: true,
  url: url('http://b/start'),
  urlList: [url('http://b/start')],
  redirectCount: 0,
  tainting: 'cors',
  ...overrides,
});

function summary(outcome: RedirectOutcome) {
  switch (outcome.kind) {
    case 'follow':
      return {
        url: outcome.request.url.href,
        method: outcome.request.method,
        headers: outcome.request.headers,
        hasBody: outcome.request.hasBody,
        count: outcome.request.redirectCount,
      };
    case 'blocked':
      return {
        corsError: outcome.failure.corsError,
        step: outcome.failure.step.number,
        at: outcome.url,
      };
    case 'network-error':
      return { reason: outcome.reason, step: outcome.step.number };
  }
}

describe('HTTP-redirect fetch', () => {
  const allHeaders: HeaderList = [
    ['Content-Type', 'text/plain'],
    ['Authorization', 'x'],
    ['X-A', '1'],
  ];
  it.each<[string, Partial<RedirectingRequest>, number, string, ReturnType<typeof summary>]>([
    [
      'step 5: a Location that does not parse is a network error',
      {},
      302,
      'http://[',
      { reason: 'invalid-location', step: '5' },
    ],
    [
      'step 6 (chromium): a non-HTTP(S) Location is CorsDisabledScheme',
      {},
      302,
      'ftp://x/',
      { corsError: 'CorsDisabledScheme', step: '6', at: 'ftp://x/' },
    ],
    [
      'step 7: the 21st redirect is a network error',
      { redirectCount: 20 },
      302,
      '/next',
      { reason: 'too-many-redirects', step: '7' },
    ],
    [
      'step 9: a CORS request may not follow user:pass@ to another origin',
      { tainting: 'basic', url: url(`${PAGE}/a`) },
      302,
      'http://u:p@b/',
      { corsError: 'RedirectContainsCredentials', step: '9', at: `${PAGE}/a` },
    ],
    [
      'step 10: nor, once CORS-tainted, back to the page origin',
      {},
      302,
      'http://u:p@localhost:5173/',
      { corsError: 'RedirectContainsCredentials', step: '10', at: 'http://b/start' },
    ],
    [
      'step 9: same origin with credentials is fine before any CORS hop',
      { tainting: 'basic', url: url(`${PAGE}/a`) },
      307,
      'http://u:p@localhost:5173/b',
      {
        url: 'http://u:p@localhost:5173/b',
        method: 'POST',
        headers: allHeaders,
        hasBody: true,
        count: 1,
      },
    ],
    [
      'step 12: 302 turns POST into GET and drops the body headers; step 13: Authorization stays on the same origin',
      {},
      302,
      '/next',
      {
        url: 'http://b/next',
        method: 'GET',
        headers: [
          ['Authorization', 'x'],
          ['X-A', '1'],
        ],
        hasBody: false,
        count: 1,
      },
    ],
    [
      'step 12: 301 turns POST into GET',
      {},
      301,
      'http://b/next',
      {
        url: 'http://b/next',
        method: 'GET',
        headers: [
          ['Authorization', 'x'],
          ['X-A', '1'],
        ],
        hasBody: false,
        count: 1,
      },
    ],
    [
      'step 12: 303 turns PUT into GET',
      { method: 'PUT' },
      303,
      'http://b/next',
      {
        url: 'http://b/next',
        method: 'GET',
        headers: [
          ['Authorization', 'x'],
          ['X-A', '1'],
        ],
        hasBody: false,
        count: 1,
      },
    ],
    [
      'step 12: 303 keeps HEAD',
      { method: 'HEAD', hasBody: false },
      303,
      'http://b/next',
      { url: 'http://b/next', method: 'HEAD', headers: allHeaders, hasBody: false, count: 1 },
    ],
    [
      'step 12: 307 keeps POST and its body',
      {},
      307,
      'http://b/next',
      { url: 'http://b/next', method: 'POST', headers: allHeaders, hasBody: true, count: 1 },
    ],
    [
      'step 12: 302 keeps PUT',
      { method: 'PUT' },
      302,
      'http://b/next',
      { url: 'http://b/next', method: 'PUT', headers: allHeaders, hasBody: true, count: 1 },
    ],
    [
      'step 13: another origin never sees Authorization',
      {},
      307,
      'http://c/next',
      {
        url: 'http://c/next',
        method: 'POST',
        headers: [
          ['Content-Type', 'text/plain'],
          ['X-A', '1'],
        ],
        hasBody: true,
        count: 1,
      },
    ],
  ])('%s', (_, overrides, status, location, expected) => {
    expect(summary(httpRedirectFetch(request(overrides), status, location))).toEqual(expected);
  });

  it('step 18: appends the new URL to the list', () => {
    const outcome = httpRedirectFetch(request(), 307, 'http://c/next');
    expect(outcome.kind === 'follow' && outcome.request.urlList.map(({ href }) => href)).toEqual([
      'http://b/start',
      'http://c/next',
    ]);
  });
});
