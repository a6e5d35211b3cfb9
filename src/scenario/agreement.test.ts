import { describe, expect, it } from 'vitest';
import type { JsOutcome } from './js-outcome.ts';
import {
  browserOutcome,
  disagreements,
  pageDisagreements,
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
  failedParameter: 'x-a',
  failedParameters: ['x-a', 'x-b'],
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
  js: failed,
  chromium: undefined,
  preflightArrived: false,
  sentHeaders: [],
  ...overrides,
});

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

  it('accepts any of the values that fail the same check as failedParameter', () => {
    expect(
      disagreements(
        blocked,
        facts({ chromium: { ...chromium, failedParameter: 'x-c' }, preflightArrived: true }),
      ),
    ).toEqual(['failedParameter: model "x-a", Chromium "x-c"']);
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

  it('notices a preflight the model did not expect on the wire', () => {
    expect(
      disagreements(
        allowed,
        facts({ js: resolved([['content-type', 'a']]), preflightArrived: true }),
      ),
    ).toEqual(['preflight: model none, target received one']);
  });

  it('compares the header names JavaScript could read', () => {
    expect(disagreements(allowed, facts({ js: resolved([['x-secret', '1']]) }))).toEqual([
      'readable headers: model [content-type], browser [x-secret]',
    ]);
  });
});

describe('unmetExpectations', () => {
  it('checks each given field against what the browser did', () => {
    const browser = facts({
      js: resolved([['content-type', 'a']]),
      sentHeaders: ['Content-Type', 'X-Secret'],
    });
    expect(
      unmetExpectations(
        { outcome: 'allowed', readable: ['Content-Type'], hidden: ['x-secret'] },
        allowed,
        browser,
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
        },
        allowed,
        browser,
      ),
    ).toEqual([
      'expected outcome blocked, browser allowed',
      'expected corsError X, Chromium none',
      'expected failedParameter "p", Chromium ""',
      'expected preflight sent, got none',
      'expected etag readable by JavaScript, it was not',
      'expected content-type hidden from JavaScript, it was readable',
      'expected the target to send x-gone, it did not',
    ]);
  });

  it('has nothing to check without expectations', () => {
    expect(unmetExpectations(undefined, allowed, facts({}))).toEqual([]);
  });
});

describe('pageDisagreements', () => {
  const sent = { preflightArrived: true, sentHeaders: [] };

  it('takes any rejection as agreeing with a block, since a page cannot tell them apart', () => {
    expect(pageDisagreements(blocked, { js: failed, ...sent })).toEqual([]);
    expect(
      pageDisagreements({ ...blocked, outcome: 'network-error' }, { js: failed, ...sent }),
    ).toEqual([]);
  });

  it('names a fetch that resolved where the model said it would reject', () => {
    expect(pageDisagreements(blocked, { js: resolved(), ...sent })).toEqual([
      'fetch(): model says it rejected, it resolved',
    ]);
  });

  it('still compares the wire and what JavaScript could read', () => {
    expect(
      pageDisagreements(allowed, {
        js: resolved([['x-secret', '1']]),
        preflightArrived: true,
        sentHeaders: [],
      }),
    ).toEqual([
      'preflight: model none, target received one',
      'readable headers: model [content-type], browser [x-secret]',
    ]);
  });
});
