import { describe, expect, it } from 'vitest';
import type { ExchangeLogEntry } from './control-api.ts';
import { exchangeFacts, factContradictions, type ObservedExchange } from './exchange-facts.ts';
import type { JsOutcome } from './js-outcome.ts';
import { judge } from './judge.ts';
import { targetDraftSchema, type TargetDraftInput } from './request-draft.ts';

const PAGE = 'http://localhost:5173';
const API = 'http://localhost:5174';

type Lines = [string, string][];

function entry(
  method: string,
  url: string,
  status: number,
  requestHeaders: Lines,
  responseHeaders: Lines,
  reason = '',
): ExchangeLogEntry {
  const { host, pathname } = new URL(url);
  return {
    seq: 0,
    receivedAt: 0,
    durationMs: 0,
    listener: 'target',
    request: {
      method,
      target: pathname,
      host,
      httpVersion: '1.1',
      headers: requestHeaders,
      bodySize: 0,
    },
    response: { status, reason, headers: responseHeaders, bodySize: 0 },
  };
}

const FAILED: JsOutcome = { kind: 'rejected', name: 'TypeError', message: 'Failed to fetch' };

function resolved(type: string, status: number, headers: Lines = [], body = ''): JsOutcome {
  return {
    kind: 'resolved',
    status,
    statusText: '',
    type,
    url: '',
    redirected: false,
    headers,
    body,
  };
}

function observe(
  draft: TargetDraftInput,
  js: JsOutcome,
  wire: ExchangeLogEntry[],
  url = `${API}/s/x/`,
) {
  const exchange = {
    id: 1,
    draft: targetDraftSchema.parse(draft),
    url,
    pageOrigin: PAGE,
    sentAt: 0,
    durationMs: 0,
    js,
    wire,
    browser: 'chromium' as const,
    cacheBefore: [],
    otherCacheBefore: [],
  };
  return judge(exchange);
}

const ORIGIN: Lines = [['Origin', PAGE]];
const ACAO: Lines = [['Access-Control-Allow-Origin', PAGE]];
const PREFLIGHT: Lines = [...ORIGIN, ['Access-Control-Request-Method', 'PUT']];

describe('exchangeFacts', () => {
  it('a failed preflight: it reached the target, the request itself never did', () => {
    const { facts, disagreements } = observe({ method: 'PUT' }, FAILED, [
      entry('OPTIONS', `${API}/s/x/`, 204, PREFLIGHT, ACAO, 'No Content'),
    ]);
    expect(facts.preflights).toEqual([
      { method: 'OPTIONS', url: `${API}/s/x/`, status: 204, reason: 'No Content' },
    ]);
    expect(facts.requests).toEqual([]);
    expect(facts.fetch).toEqual({
      settled: 'rejected',
      how: 'failed',
      error: 'TypeError: Failed to fetch',
    });
    expect(facts.cookie).toEqual({ arrived: false, why: 'nothing-arrived' });
    expect(disagreements).toEqual([]);
  });

  it('an opaque response: JavaScript reads neither status, body nor any header', () => {
    const { facts, disagreements } = observe({ mode: 'no-cors' }, resolved('opaque', 0), [
      entry('GET', `${API}/s/x/`, 200, [], [['Content-Type', 'text/plain']]),
    ]);
    expect(facts.read).toEqual({
      status: false,
      body: false,
      headers: [{ name: 'Content-Type', readable: false }],
    });
    expect(disagreements).toEqual([]);
  });

  it('reads each header as JavaScript did, in the order the target wrote them', () => {
    const { facts } = observe({}, resolved('cors', 200, [['content-type', 'text/plain']]), [
      entry('GET', `${API}/s/x/`, 200, ORIGIN, [...ACAO, ['Content-Type', 'text/plain']]),
    ]);
    expect(facts.read.headers).toEqual([
      { name: 'Access-Control-Allow-Origin', readable: false },
      { name: 'Content-Type', readable: true },
    ]);
  });

  it.each([
    ['a network failure or CORS block', FAILED, 'failed'],
    [
      "Firefox's network failure or CORS block",
      {
        kind: 'rejected',
        name: 'TypeError',
        message: 'NetworkError when attempting to fetch resource.',
      },
      'failed',
    ],
    [
      'fetch() refusing its arguments',
      {
        kind: 'rejected',
        name: 'TypeError',
        message: "Failed to execute 'fetch' on 'Window': Invalid name",
      },
      'invalid-arguments',
    ],
    [
      'the page cancelling',
      { kind: 'rejected', name: 'AbortError', message: 'aborted' },
      'aborted',
    ],
  ] as const)('tells %s by the rejection', (_name, js, how) => {
    expect(observe({}, js, []).facts.fetch).toMatchObject({ settled: 'rejected', how });
  });

  it.each([
    ["credentials 'omit'", { credentials: 'omit' }, `${API}/s/x/`, 'credentials-omit'],
    ["credentials 'same-origin' to another origin", {}, `${API}/s/x/`, 'credentials-same-origin'],
    ['a cross-site target', { credentials: 'include' }, 'http://127.0.0.1:5174/s/x/', 'cross-site'],
    [
      'a same-site target without a cookie',
      { credentials: 'include' },
      `${API}/s/x/`,
      'none-stored',
    ],
  ] as const)('says why no Cookie line arrived: %s', (_name, draft, url, why) => {
    const js = resolved('cors', 200);
    const { facts } = observe(draft, js, [entry('GET', url, 200, ORIGIN, ACAO)], url);
    expect(facts.cookie).toEqual({ arrived: false, why });
  });

  it('counts the preflight cache as used only when no OPTIONS reached the target', () => {
    const put = { method: 'PUT' };
    const allowPut: Lines = [...ACAO, ['Access-Control-Allow-Methods', 'PUT']];
    const first = observe(put, resolved('cors', 200), [
      entry('OPTIONS', `${API}/s/x/`, 204, PREFLIGHT, allowPut),
      entry('PUT', `${API}/s/x/`, 200, ORIGIN, ACAO),
    ]);
    expect(first.facts.preflightCacheUsed).toBe(false);
    const again = (wire: ExchangeLogEntry[]) =>
      judge({
        id: 2,
        draft: targetDraftSchema.parse(put),
        url: `${API}/s/x/`,
        pageOrigin: PAGE,
        sentAt: 1,
        durationMs: 0,
        js: resolved('cors', 200),
        wire,
        browser: 'chromium',
        cacheBefore: first.verdict.cache,
        otherCacheBefore: first.other.verdict.cache,
      });
    const cached = again([entry('PUT', `${API}/s/x/`, 200, ORIGIN, ACAO)]);
    expect(cached.facts.preflightCacheUsed).toBe(true);
    expect(cached.disagreements).toEqual([]);
    // The model expected the cache to answer, but a preflight went out: not the cache's doing.
    const sentAnyway = again([
      entry('OPTIONS', `${API}/s/x/`, 204, PREFLIGHT, allowPut),
      entry('PUT', `${API}/s/x/`, 200, ORIGIN, ACAO),
    ]);
    expect(sentAnyway.facts.preflightCacheUsed).toBe(false);
    expect(sentAnyway.disagreements).toEqual([
      'preflight: the model says 0 reached the target, the target received 1',
    ]);
  });

  it('sees a Cookie line that arrived', () => {
    const wire = [entry('GET', `${API}/s/x/`, 200, [...ORIGIN, ['Cookie', 'a=1']], ACAO)];
    const { facts } = observe({ credentials: 'include' }, resolved('cors', 200), wire);
    expect(facts.cookie).toEqual({ arrived: true });
  });
});

describe('factContradictions', () => {
  const exchange = (js: JsOutcome, wire: ExchangeLogEntry[]): ObservedExchange => ({
    draft: targetDraftSchema.parse({ method: 'PUT' }),
    url: `${API}/s/x/`,
    pageOrigin: PAGE,
    js,
    wire,
  });
  const preflight = entry('OPTIONS', `${API}/s/x/`, 204, PREFLIGHT, ACAO);

  it('names a request the model says was answered that never reached the target', () => {
    const { verdict } = observe({ method: 'PUT' }, FAILED, [preflight]);
    const facts = exchangeFacts(exchange(FAILED, []), verdict);
    expect(factContradictions(facts, verdict)).toEqual([
      'preflight: the model says 1 reached the target, the target received 0',
    ]);
  });

  it('names a fetch that resolved where the model says it rejected', () => {
    const { verdict } = observe({ method: 'PUT' }, FAILED, [preflight]);
    const facts = exchangeFacts(exchange(resolved('cors', 204), [preflight]), verdict);
    expect(factContradictions(facts, verdict)).toEqual([
      'fetch(): the model says it rejected (failed), it resolved',
    ]);
  });

  it('names a Cookie line the credentials mode cannot have sent', () => {
    const wire = [entry('GET', `${API}/s/x/`, 200, [...ORIGIN, ['Cookie', 'a=1']], ACAO)];
    const { disagreements } = observe({ credentials: 'omit' }, resolved('cors', 200), wire);
    expect(disagreements).toEqual([
      "cookie: a Cookie line arrived, but the model says this request's credentials mode sends none",
    ]);
  });

  it('names headers JavaScript read that the model says are hidden', () => {
    const wire = [entry('GET', `${API}/s/x/`, 200, ORIGIN, [...ACAO, ['X-Secret', '1']])];
    const { disagreements } = observe({}, resolved('cors', 200, [['x-secret', '1']]), wire);
    expect(disagreements).toEqual([
      'readable headers: the model says [], JavaScript read [x-secret]',
    ]);
  });
});
