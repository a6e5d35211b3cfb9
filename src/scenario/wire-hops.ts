import type { WireHop } from '../cors/evaluate.ts';
import type { ExchangeLogEntry } from './control-api.ts';
import type { JsOutcome } from './js-outcome.ts';

/** Whether the target logged a CORS preflight: an OPTIONS with Access-Control-Request-Method. */
export function isPreflightEntry(entry: ExchangeLogEntry): boolean {
  return (
    entry.request.method === 'OPTIONS' &&
    entry.request.headers.some(([name]) => name.toLowerCase() === 'access-control-request-method')
  );
}

/** The URL a logged request was made for, as the browser wrote it (`response.url`). */
export const entryUrl = (entry: Pick<ExchangeLogEntry, 'request'>): string =>
  `${entry.request.scheme ?? 'http'}://${entry.request.host}${entry.request.target}`;

/**
 * Which logged entry holds the response a fetch() gave JavaScript: the last of its exchange,
 * since the browser sends nothing after the response it hands over (redirects are followed
 * before it). Undefined when the outcome names no response: a rejection (whether a preflight,
 * a response or nothing at all was refused, JavaScript cannot tell) or an opaque response
 * (no status and, for `opaque`, no URL).
 */
export function answerGivenToJs(js: JsOutcome): ((entry: ExchangeLogEntry) => boolean) | undefined {
  if (js.kind === 'rejected' || js.type === 'opaque' || js.type === 'opaqueredirect') {
    return undefined;
  }
  return (entry) =>
    !isPreflightEntry(entry) && entry.response.status === js.status && entryUrl(entry) === js.url;
}

/**
 * Groups what the target logged during one fetch into the model's hops: one per URL in
 * order, each with its preflight's answer and its own answer where they arrived.
 */
export function wireHops(entries: readonly ExchangeLogEntry[]): WireHop[] {
  const hops: { url: string; hop: WireHop }[] = [];
  for (const entry of entries) {
    const url = entryUrl(entry);
    const response = { status: entry.response.status, headers: entry.response.headers };
    const last = hops.at(-1);
    if (isPreflightEntry(entry)) {
      hops.push({ url, hop: { preflight: response } });
    } else if (last !== undefined && last.url === url && last.hop.response === undefined) {
      last.hop = { ...last.hop, response };
    } else {
      hops.push({ url, hop: { response } });
    }
  }
  return hops.map(({ hop }) => hop);
}

/** Whether any preflight crossed the wire (a redirect can call for one at a later hop). */
export function preflightArrived(entries: readonly ExchangeLogEntry[]): boolean {
  return entries.some(isPreflightEntry);
}
