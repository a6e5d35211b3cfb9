import type { Verdict } from '../cors/evaluate.ts';
import type { HeaderList } from '../cors/headers.ts';
import type { ExchangeLogEntry } from './control-api.ts';
import type { ExchangeRecord } from './exchange.ts';
import type { RequestDraft } from './request-draft.ts';
import { entryUrl, isPreflightEntry } from './wire-hops.ts';

/** One HTTP request, to repeat without a browser (curl, Node). */
export interface OutgoingRequest {
  method: string;
  url: string;
  headers: HeaderList;
  body?: string;
}

/** A request of an exchange, and whether the browser sent it or only would have. */
export interface BrowserRequest {
  request: OutgoingRequest;
  /**
   * `sent`: exactly as the target received it. `not-sent`: as the browser would have sent it
   * (the model's CORS header lines; the browser adds its usual ones, e.g. `User-Agent`).
   */
  source: 'sent' | 'not-sent';
}

/** The preflight and the request of an exchange's first URL, where there are any. */
export interface BrowserRequests {
  preflight?: BrowserRequest;
  actual?: BrowserRequest;
}

/**
 * Header lines a repeat sets itself, from its URL and its body: the value the browser sent
 * is the same, and a copy could only disagree with the body it goes with.
 */
const SET_BY_CLIENT = new Set(['host', 'content-length']);

function fromLog(entry: ExchangeLogEntry, body: string | undefined): OutgoingRequest {
  const { request } = entry;
  return {
    method: request.method,
    url: entryUrl(entry),
    headers: request.headers.filter(([name]) => !SET_BY_CLIENT.has(name.toLowerCase())),
    ...(body === undefined ? {} : { body }),
  };
}

/**
 * What the browser sent for an exchange's first URL, from the target's log (method case,
 * `Origin`, `Access-Control-Request-*` and every other line kept), and for what it never
 * sent (a preflight that failed stops the request; a cached one stops the preflight), what
 * it would have sent, from the model. Nothing for a fetch() that refused its arguments.
 */
export function browserRequests(
  exchange: Pick<ExchangeRecord, 'wire'> & { draft: Pick<RequestDraft, 'body'> },
  verdict: Verdict,
): BrowserRequests {
  if (verdict.outcome === 'type-error') return {};
  const { body } = exchange.draft;
  const first = verdict.hops[0];
  const preflightLogged = exchange.wire.find(isPreflightEntry);
  const actualLogged = exchange.wire.find((entry) => !isPreflightEntry(entry));
  const requests: BrowserRequests = {};
  if (preflightLogged !== undefined) {
    requests.preflight = { request: fromLog(preflightLogged, undefined), source: 'sent' };
  } else if (first?.preflight.request !== undefined) {
    const { method, url, headers } = first.preflight.request;
    requests.preflight = { request: { method, url, headers }, source: 'not-sent' };
  }
  if (actualLogged !== undefined) {
    requests.actual = { request: fromLog(actualLogged, body), source: 'sent' };
  } else if (first !== undefined) {
    const { originHeader } = first;
    const headers: HeaderList =
      originHeader === undefined
        ? verdict.request.headers
        : [...verdict.request.headers, ['Origin', originHeader]];
    requests.actual = {
      request: {
        method: verdict.request.method,
        url: first.url,
        headers,
        ...(body === undefined ? {} : { body }),
      },
      source: 'not-sent',
    };
  }
  return requests;
}
