import { describe, expect, it } from 'vitest';
import type { PreflightCache } from '../cors/preflight-cache.ts';
import type { ExchangeLogEntry } from './control-api.ts';
import type { JsOutcome } from './js-outcome.ts';
import { judge } from './judge.ts';
import { targetDraftSchema, type TargetDraftInput } from './request-draft.ts';
import { expectationsOf, expectationsRefusal, readScenario, sameValue } from './scenario-file.ts';

const PAGE = 'http://localhost:5173';
type Lines = [string, string][];

function entry(method: string, request: Lines, status: number, response: Lines): ExchangeLogEntry {
  return {
    seq: 0,
    receivedAt: 0,
    durationMs: 0,
    listener: 'target',
    request: {
      method,
      target: '/s/x/a',
      host: 'localhost:5174',
      httpVersion: '1.1',
      headers: request,
      bodySize: 0,
    },
    response: { status, reason: '', headers: response, bodySize: 0 },
  };
}

function judged(
  draft: TargetDraftInput,
  js: JsOutcome,
  wire: ExchangeLogEntry[],
  cacheBefore: PreflightCache = [],
) {
  return judge({
    id: 1,
    draft: targetDraftSchema.parse(draft),
    url: 'http://localhost:5174/s/x/a',
    pageOrigin: PAGE,
    sentAt: 0,
    durationMs: 0,
    js,
    wire,
    browser: 'chromium',
    cacheBefore,
    otherCacheBefore: cacheBefore,
  });
}

const FAILED: JsOutcome = { kind: 'rejected', name: 'TypeError', message: 'Failed to fetch' };
const ORIGIN: Lines = [['Origin', PAGE]];
const ALLOW: Lines = [['Access-Control-Allow-Origin', PAGE]];

describe('readScenario', () => {
  it('tells a newer format apart from a wrong one', () => {
    expect(readScenario('{"version": 3}')).toMatchObject({ ok: false, newer: 3 });
    const wrong = readScenario('{"version": 0}');
    expect(wrong.newer).toBeUndefined();
    expect(!wrong.ok && wrong.issues[0]?.path).toBe('version');
  });

  it('refuses text that is not JSON, at the root', () => {
    expect(readScenario('{')).toMatchObject({ ok: false, issues: [{ path: '(root)' }] });
  });

  it("refuses what only the runner plays: a step's own URL and a page origin", () => {
    const scenario = {
      version: 1,
      title: 't',
      page: { origin: 'https://app.example.com' },
      steps: [{ request: {} }, { request: { url: 'http://localhost:3000/' } }],
    };
    const read = readScenario(JSON.stringify(scenario));
    expect(!read.ok && read.issues.map((issue) => issue.path)).toEqual([
      'steps.1.request.url',
      'page.origin',
    ]);
  });
});

describe('sameValue', () => {
  it('ignores the order of keys, not of arrays', () => {
    expect(sameValue({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(sameValue({ b: [2, 1] }, { b: [1, 2] })).toBe(false);
  });
});

describe('expectationsOf', () => {
  it('a blocked preflight: the check, the preflight sent, the request never sent', () => {
    const judgement = judged({ method: 'PUT', credentials: 'omit' }, FAILED, [
      entry('OPTIONS', [...ORIGIN, ['Access-Control-Request-Method', 'PUT']], 204, []),
    ]);
    expect(expectationsRefusal(judgement)).toBeUndefined();
    expect(expectationsOf(judgement)).toEqual({
      outcome: 'blocked',
      corsError: 'PreflightMissingAllowOriginHeader',
      preflight: 'sent',
      request: 'never-sent',
      cookie: 'nothing-arrived',
    });
  });

  it('an allowed GET: what JavaScript could read and what it could not', () => {
    const judgement = judged(
      { method: 'GET' },
      {
        kind: 'resolved',
        status: 200,
        statusText: 'OK',
        type: 'cors',
        url: '',
        redirected: false,
        headers: [['content-type', 'text/plain']],
        body: '',
      },
      [entry('GET', ORIGIN, 200, [...ALLOW, ['Content-Type', 'text/plain'], ['ETag', '"1"']])],
    );
    expect(expectationsOf(judgement)).toEqual({
      outcome: 'allowed',
      preflight: 'none',
      readable: ['content-type'],
      hidden: ['access-control-allow-origin', 'etag'],
      request: 'sent',
      // Cookies go only to the page's own origin by default: true in any browser.
      cookie: 'credentials-same-origin',
    });
  });

  it("is refused where the browser's preflight cache answered, which a new browser lacks", () => {
    const cached: PreflightCache = [
      {
        origin: PAGE,
        url: 'http://localhost:5174/s/x/a',
        credentials: false,
        methods: ['PUT'],
        headerNames: [],
        storedAt: 0,
        maxAge: 600,
      },
    ];
    const judgement = judged({ method: 'PUT' }, FAILED, [entry('PUT', ORIGIN, 200, [])], cached);
    expect(judgement.facts.preflightCacheUsed).toBe(true);
    expect(expectationsRefusal(judgement)).toMatch(/preflight cache/);
  });

  it('is refused where the model and the browser disagree', () => {
    const judgement = judged({ method: 'GET' }, FAILED, [entry('GET', ORIGIN, 200, ALLOW)]);
    expect(expectationsRefusal(judgement)).toMatch(/disagrees/);
  });
});
