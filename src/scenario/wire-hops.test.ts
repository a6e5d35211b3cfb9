import { describe, expect, it } from 'vitest';
import type { ExchangeLogEntry } from './control-api.ts';
import type { JsOutcome } from './js-outcome.ts';
import { answerGivenToJs, preflightArrived, wireHops } from './wire-hops.ts';

let seq = 0;
function entry(
  method: string,
  target: string,
  status: number,
  headers: [string, string][] = [],
): ExchangeLogEntry {
  seq += 1;
  return {
    seq,
    receivedAt: 0,
    durationMs: 0,
    listener: 'target',
    request: { method, target, host: 'localhost:1', httpVersion: '1.1', headers, bodySize: 0 },
    response: { status, reason: '', headers: [['X-Seq', String(seq)]], bodySize: 0 },
  };
}
const ACRM: [string, string][] = [['Access-Control-Request-Method', 'PUT']];

describe('wireHops', () => {
  it('pairs a preflight with the request that followed it to the same URL', () => {
    const hops = wireHops([entry('OPTIONS', '/a', 204, ACRM), entry('PUT', '/a', 200)]);
    expect(hops).toHaveLength(1);
    expect(hops[0]?.preflight?.status).toBe(204);
    expect(hops[0]?.response?.status).toBe(200);
  });

  it('keeps a failed preflight as a hop without a response', () => {
    expect(wireHops([entry('OPTIONS', '/a', 404, ACRM)])).toEqual([
      { preflight: { status: 404, headers: [['X-Seq', expect.any(String) as string]] } },
    ]);
  });

  it('makes one hop per URL of a redirect chain', () => {
    const hops = wireHops([
      entry('GET', '/a', 302),
      entry('OPTIONS', '/b', 204, ACRM),
      entry('GET', '/b', 200),
    ]);
    expect(hops.map((hop) => [hop.preflight?.status, hop.response?.status])).toEqual([
      [undefined, 302],
      [204, 200],
    ]);
  });

  it('treats an OPTIONS without Access-Control-Request-Method as a request of its own', () => {
    const hops = wireHops([entry('OPTIONS', '/a', 200)]);
    expect(hops).toEqual([{ response: expect.objectContaining({ status: 200 }) as unknown }]);
    expect(preflightArrived([entry('OPTIONS', '/a', 200)])).toBe(false);
  });

  it('tells whether the first request on the wire was a preflight', () => {
    expect(preflightArrived([entry('OPTIONS', '/a', 204, ACRM), entry('PUT', '/a', 200)])).toBe(
      true,
    );
    expect(preflightArrived([entry('PUT', '/a', 200)])).toBe(false);
    expect(preflightArrived([])).toBe(false);
  });
});

describe('answerGivenToJs', () => {
  const resolved = (status: number, url: string, type = 'cors'): JsOutcome => ({
    kind: 'resolved',
    status,
    statusText: '',
    type,
    url,
    redirected: false,
    headers: [],
    body: '',
  });

  it('names the response by its URL and status, never a preflight', () => {
    const isAnswer = answerGivenToJs(resolved(200, 'http://localhost:1/a'));
    expect(isAnswer?.(entry('PUT', '/a', 200))).toBe(true);
    expect(isAnswer?.(entry('OPTIONS', '/a', 200, ACRM))).toBe(false);
    expect(isAnswer?.(entry('PUT', '/a', 204))).toBe(false);
    expect(isAnswer?.(entry('PUT', '/b', 200))).toBe(false);
  });

  it('an https server repeated from Node: its scheme is part of the URL', () => {
    const https = entry('GET', '/a', 200);
    const repeated = { ...https, request: { ...https.request, scheme: 'https' as const } };
    expect(answerGivenToJs(resolved(200, 'https://localhost:1/a'))?.(repeated)).toBe(true);
    expect(answerGivenToJs(resolved(200, 'http://localhost:1/a'))?.(repeated)).toBe(false);
  });

  it('names only the last hop of a followed redirect', () => {
    const isAnswer = answerGivenToJs(resolved(200, 'http://localhost:1/b'));
    const chain = [entry('GET', '/a', 302), entry('GET', '/b', 200)];
    expect(chain.map((hop) => isAnswer?.(hop))).toEqual([false, true]);
  });

  it('names nothing when JavaScript got no response, or an opaque one', () => {
    expect(answerGivenToJs({ kind: 'rejected', name: 'TypeError', message: '' })).toBeUndefined();
    expect(answerGivenToJs(resolved(0, '', 'opaque'))).toBeUndefined();
    expect(answerGivenToJs(resolved(0, 'http://localhost:1/a', 'opaqueredirect'))).toBeUndefined();
  });
});
