import { describe, expect, it } from 'vitest';
import type { RepeatResult } from '../../../scenario/control-api.ts';
import type { HeaderLines } from '../../../scenario/cors-headers.ts';
import type { UrlDraft } from '../../../scenario/request-draft.ts';
import { pendingWords, redirectWords } from './answer-words.ts';
import { judgeRepeat, originSent, type BrowserSide } from './repeat-exchange.ts';

const PAGE = 'http://localhost:5173';
const API = 'http://127.0.0.1:3000';

const draft = (patch: Partial<UrlDraft> = {}): UrlDraft => ({
  url: `${API}/api/items`,
  method: 'GET',
  headers: [],
  mode: 'cors',
  credentials: 'same-origin',
  redirect: 'follow',
  cache: 'default',
  ...patch,
});

const answer = (
  method: string,
  requestHeaders: HeaderLines,
  status: number,
  headers: HeaderLines,
): RepeatResult => ({
  entry: {
    seq: 0,
    receivedAt: 0,
    durationMs: 1,
    listener: 'node',
    request: {
      method,
      target: '/api/items',
      host: '127.0.0.1:3000',
      httpVersion: '1.1',
      headers: [['Host', '127.0.0.1:3000'], ...requestHeaders],
      bodySize: 0,
    },
    response: { status, reason: '', headers, bodySize: 0 },
  },
  body: '',
  cut: false,
});

const side = (request: UrlDraft): BrowserSide => ({
  draft: request,
  pageOrigin: PAGE,
  browser: 'chromium',
  sentAt: 0,
  durationMs: 1,
  js: { kind: 'rejected', name: 'TypeError', message: 'Failed to fetch' },
});

/** The model's verdict on a GET whose one answer from Node is `status` with `headers`. */
function verdictOn(status: number, headers: HeaderLines) {
  const result = answer('GET', [['Origin', PAGE]], status, headers);
  return { result, verdict: judgeRepeat(side(draft()), { results: [result] }).verdict };
}

describe('redirectWords', () => {
  it('says nothing of a Location on an answer that is no redirect (201)', () => {
    const { result, verdict } = verdictOn(201, [
      ['Access-Control-Allow-Origin', PAGE],
      ['Location', '/api/items/7'],
    ]);
    expect(redirectWords(result, draft().url, PAGE, verdict)).toBeUndefined();
  });

  it('a redirect that passes the CORS check: the browser requests the Location, resolved against the URL, with Origin: null', () => {
    const { result, verdict } = verdictOn(302, [
      ['Access-Control-Allow-Origin', PAGE],
      ['Location', '//elsewhere.example/x?y'],
    ]);
    const words = redirectWords(result, draft().url, PAGE, verdict);
    expect(words).toContain(
      'leads to http://elsewhere.example/x?y, which the browser requests next',
    );
    expect(words).toContain('Origin: null');
  });

  it('a redirect to the same origin: no Origin: null', () => {
    const { result, verdict } = verdictOn(307, [
      ['Access-Control-Allow-Origin', PAGE],
      ['Location', 'other'],
    ]);
    const words = redirectWords(result, draft().url, PAGE, verdict);
    expect(words).toContain(`leads to ${API}/api/other,`);
    expect(words).not.toContain('null');
  });

  it('a redirect that fails the CORS check is not followed by the browser either', () => {
    const { result, verdict } = verdictOn(301, [['Location', 'http://elsewhere.example/']]);
    expect(verdict.outcome).toBe('blocked');
    expect(redirectWords(result, draft().url, PAGE, verdict)).toBe(
      'Node does not follow redirects, and the browser did not follow this one either: it fails the CORS check (MissingAllowOriginHeader), which the browser runs before it follows a redirect.',
    );
  });
});

describe('pendingWords', () => {
  it('a simple POST: no preflight, the browser sends it itself', () => {
    expect(pendingWords([], 'POST')).toMatch(/^No preflight: this POST is a simple request/);
  });

  it("a preflighted PUT: Node's answer to the preflight lets it through", () => {
    const preflight = answer('OPTIONS', [['Access-Control-Request-Method', 'PUT']], 204, []);
    expect(pendingWords([preflight], 'PUT')).toMatch(
      /^Node's answer to the preflight lets the PUT through: a browser that got the same answer sends the PUT next/,
    );
  });
});

describe('originSent', () => {
  it.each([
    ['a cross-origin GET', draft(), PAGE],
    ['a same-origin GET', draft({ url: `${PAGE}/x` }), undefined],
    ['a same-origin head', draft({ url: `${PAGE}/x`, method: 'head' }), undefined],
    ['a same-origin POST', draft({ url: `${PAGE}/x`, method: 'POST' }), PAGE],
  ])('%s', (_name, request, origin) => {
    expect(originSent({ draft: request, pageOrigin: PAGE, browser: 'chromium' })).toBe(origin);
  });
});
