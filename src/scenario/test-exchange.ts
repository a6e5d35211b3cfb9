// Exchanges made by hand, for tests of what is drawn or said from one (no test runner here).
import type { ExchangeLogEntry } from './control-api.ts';
import type { ExchangeRecord } from './exchange.ts';
import type { JsOutcome } from './js-outcome.ts';
import { targetDraftSchema, type TargetDraftInput } from './request-draft.ts';

export const TEST_PAGE = 'http://localhost:5173';

type Lines = [string, string][];

/** A log entry: a request as the target received it, and its answer. */
export function logEntry(
  method: string,
  target: string,
  requestHeaders: Lines,
  status: number,
  reason: string,
  responseHeaders: Lines,
  host = 'localhost:5174',
): ExchangeLogEntry {
  return {
    seq: 0,
    receivedAt: 0,
    durationMs: 0,
    listener: 'target',
    request: { method, target, host, httpVersion: '1.1', headers: requestHeaders, bodySize: 0 },
    response: { status, reason, headers: responseHeaders, bodySize: 0 },
  };
}

export const FAILED_TO_FETCH: JsOutcome = {
  kind: 'rejected',
  name: 'TypeError',
  message: 'Failed to fetch',
};

/** What JavaScript saw of a response it could read. */
export function resolvedJs(status: number, statusText: string, headers: Lines = []): JsOutcome {
  return {
    kind: 'resolved',
    status,
    statusText,
    type: 'cors',
    url: '',
    redirected: false,
    headers,
    body: '',
  };
}

/** An exchange in Chromium from TEST_PAGE to session `abc` on localhost:5174, nothing cached. */
export function testExchange(
  draft: TargetDraftInput,
  js: JsOutcome,
  wire: ExchangeLogEntry[],
): ExchangeRecord {
  return {
    id: 1,
    draft: targetDraftSchema.parse(draft),
    url: `http://localhost:5174/s/abc/${(draft.path ?? '/').slice(1)}`,
    pageOrigin: TEST_PAGE,
    sentAt: 0,
    durationMs: 0,
    js,
    wire,
    browser: 'chromium',
    cacheBefore: [],
    otherCacheBefore: [],
  };
}
