import { isFetchFailureMessage } from '../cors/browser.ts';
import { cookieReach } from '../cors/cookies.ts';
import type { Verdict } from '../cors/evaluate.ts';
import type {
  Arrival,
  CookieAbsence,
  ExchangeFacts,
  FetchFact,
  ReadFacts,
  RequestArrival,
} from '../cors/facts.ts';
import type { ExchangeLogEntry } from './control-api.ts';
import type { ExchangeRecord } from './exchange.ts';
import type { RequestDraft } from './request-draft.ts';
import { entryUrl, isPreflightEntry } from './wire-hops.ts';

/** What the facts are computed from: the request, what JavaScript saw, and the log. */
export type ObservedExchange = Pick<ExchangeRecord, 'url' | 'pageOrigin' | 'js' | 'wire'> & {
  draft: RequestDraft;
};

const hasLine = (entry: ExchangeLogEntry, name: string): boolean =>
  entry.request.headers.some(([line]) => line.toLowerCase() === name);

function arrival(entry: ExchangeLogEntry): Arrival {
  return {
    method: entry.request.method,
    url: entryUrl(entry),
    status: entry.response.status,
    reason: entry.response.reason,
  };
}

function fetchFact(js: ObservedExchange['js']): FetchFact {
  if (js.kind === 'resolved') return { settled: 'resolved', type: js.type, status: js.status };
  const error = `${js.name}: ${js.message}`;
  if (js.name === 'AbortError') return { settled: 'rejected', how: 'aborted', error };
  // Every CORS and network failure rejects with the browser's one message; anything else is
  // fetch() naming what is wrong with its arguments.
  const how = isFetchFailureMessage(js.message) ? 'failed' : 'invalid-arguments';
  return { settled: 'rejected', how, error };
}

function readFacts(js: ObservedExchange['js'], last: ExchangeLogEntry | undefined): ReadFacts {
  const lines = last?.response.headers ?? [];
  if (js.kind === 'rejected') {
    return {
      status: false,
      body: false,
      headers: lines.map(([name]) => ({ name, readable: false })),
    };
  }
  const readable = new Set(js.headers.map(([name]) => name.toLowerCase()));
  const filtered = js.type === 'opaque' || js.type === 'opaqueredirect';
  return {
    status: !filtered,
    body: !filtered,
    headers: lines.map(([name]) => ({ name, readable: readable.has(name.toLowerCase()) })),
  };
}

/** Why the first request carried no `Cookie` line. */
function cookieAbsence(exchange: ObservedExchange, arrived: boolean): CookieAbsence {
  if (!arrived) return 'nothing-arrived';
  const reach = cookieReach(exchange.draft.credentials, exchange.pageOrigin, exchange.url);
  return reach === 'same-site' ? 'none-stored' : reach;
}

/**
 * The facts of one exchange, computed once: what reached the target (from its log), what
 * JavaScript got, and, from the model, whether the preflight cache spared a preflight, which
 * nothing on the wire can show.
 */
export function exchangeFacts(exchange: ObservedExchange, verdict: Verdict): ExchangeFacts {
  const preflights = exchange.wire.filter(isPreflightEntry);
  const others = exchange.wire.filter((entry) => !isPreflightEntry(entry));
  const requests: RequestArrival[] = others.map((entry) => ({
    ...arrival(entry),
    cookie: hasLine(entry, 'cookie'),
  }));
  const preflightUrls = new Set(preflights.map((entry) => arrival(entry).url));
  return {
    preflights: preflights.map(arrival),
    requests,
    preflightCacheUsed: verdict.hops.some(
      (hop) => hop.preflight.servedFromCache && !preflightUrls.has(hop.url),
    ),
    fetch: fetchFact(exchange.js),
    read: readFacts(exchange.js, others.at(-1)),
    cookie: requests.some((request) => request.cookie)
      ? { arrived: true }
      : { arrived: false, why: cookieAbsence(exchange, requests.length > 0) },
  };
}

/** The preflights the model says reached the target: sent, and not left unanswered. */
function modelPreflights(verdict: Verdict): number {
  const sent = verdict.hops.filter(
    (hop) => hop.preflight.needed && !hop.preflight.servedFromCache,
  ).length;
  const unanswered =
    verdict.outcome === 'network-error' &&
    verdict.stage === 'preflight' &&
    verdict.networkError.reason === 'no-response';
  return unanswered ? sent - 1 : sent;
}

const names = (list: readonly string[]): string =>
  [...new Set(list.map((name) => name.toLowerCase()))].sort().join(', ');

/**
 * Every fact the model's verdict contradicts: where a sentence rendered from the facts and one
 * rendered from the verdict would disagree. Empty when they tell the same story. An aborted
 * fetch is the page's doing, so only what reached the target is held against the model then.
 */
export function factContradictions(facts: ExchangeFacts, verdict: Verdict): string[] {
  const found: string[] = [];
  const preflights = modelPreflights(verdict);
  if (preflights !== facts.preflights.length) {
    found.push(
      `preflight: the model says ${preflights} reached the target, the target received ${facts.preflights.length}`,
    );
  }
  const statuses = verdict.hops.flatMap((hop) => (hop.status === undefined ? [] : [hop.status]));
  const received = facts.requests.map((request) => request.status);
  if (statuses.join() !== received.join()) {
    found.push(
      `requests: the model says [${statuses.join(', ')}] were answered, the target answered [${received.join(', ')}]`,
    );
  }
  if (facts.cookie.arrived && !verdict.hops.some((hop) => hop.credentialsSent)) {
    found.push(
      "cookie: a Cookie line arrived, but the model says this request's credentials mode sends none",
    );
  }
  const { fetch } = facts;
  if (fetch.settled === 'rejected' && fetch.how === 'aborted') return found;
  const expected =
    verdict.outcome === 'allowed'
      ? 'resolved'
      : verdict.outcome === 'type-error'
        ? 'rejected (invalid-arguments)'
        : 'rejected (failed)';
  const actual = fetch.settled === 'resolved' ? 'resolved' : `rejected (${fetch.how})`;
  if (expected !== actual) found.push(`fetch(): the model says it ${expected}, it ${actual}`);
  if (fetch.settled === 'resolved' && verdict.js.settles === 'resolve') {
    if (verdict.js.type !== fetch.type) {
      found.push(
        `response.type: the model says ${verdict.js.type}, the browser gave ${fetch.type}`,
      );
    }
    if (verdict.js.status !== fetch.status) {
      found.push(
        `response.status: the model says ${verdict.js.status}, the browser gave ${fetch.status}`,
      );
    }
  }
  const readable = (list: readonly { name: string; readable: boolean }[]): string =>
    names(list.filter((header) => header.readable).map((header) => header.name));
  if (readable(verdict.headers) !== readable(facts.read.headers)) {
    found.push(
      `readable headers: the model says [${readable(verdict.headers)}], JavaScript read [${readable(facts.read.headers)}]`,
    );
  }
  return found;
}
