import type { BrowserName } from '../../../cors/browser.ts';
import { evaluate, type Verdict } from '../../../cors/evaluate.ts';
import { normalizeMethod } from '../../../cors/method.ts';
import type { RepeatRequest, RepeatResult } from '../../../scenario/control-api.ts';
import type { JsOutcome } from '../../../scenario/js-outcome.ts';
import { judge, modelDraft, type Judgement } from '../../../scenario/judge.ts';
import { browserRequests, type OutgoingRequest } from '../../../scenario/outgoing-request.ts';
import type { UrlDraft } from '../../../scenario/request-draft.ts';
import { wireHops } from '../../../scenario/wire-hops.ts';

/** What the page did: its request to the user's server, and what JavaScript got. */
export interface BrowserSide {
  draft: UrlDraft;
  pageOrigin: string;
  /** The browser the page runs in, whose profile the model follows. */
  browser: BrowserName;
  sentAt: number;
  durationMs: number;
  js: JsOutcome;
}

/** The same exchange repeated from Node: each answer, and the request left for a click. */
export interface NodeSide {
  results: RepeatResult[];
  /**
   * The request itself, where the model says the browser sent it after the preflight but its
   * method is not safe: repeating it would change the server's data again, so only on request.
   */
  pending?: OutgoingRequest;
}

/** Safe methods (RFC 9110, section 9.2.1): repeating them changes nothing on the server. */
const isSafe = (method: string): boolean => ['GET', 'HEAD'].includes(normalizeMethod(method));

const asRepeat = (request: OutgoingRequest): RepeatRequest => ({
  url: request.url,
  method: request.method,
  headers: request.headers.map(([name, value]) => [name, value]),
  ...(request.body === undefined ? {} : { body: request.body }),
});

type Page = Pick<BrowserSide, 'draft' | 'pageOrigin' | 'browser' | 'sentAt'>;

/** The model on what Node got so far: where it stops is where the browser stopped, or waits. */
function modelOn(side: Page, results: readonly RepeatResult[]): Verdict {
  return evaluate({
    draft: modelDraft({ draft: side.draft, url: side.draft.url, pageOrigin: side.pageOrigin }),
    hops: wireHops(results.map((result) => result.entry)),
    cache: [],
    now: side.sentAt,
    browser: side.browser,
  });
}

/**
 * The `Origin` line the page's request carries, by the model: none for a same-origin GET or
 * HEAD. https://fetch.spec.whatwg.org/#append-a-request-origin-header
 */
export function originSent(page: Omit<Page, 'sentAt'>): string | undefined {
  // The preflight cache is empty here, so the time does not matter.
  const verdict = modelOn({ ...page, sentAt: 0 }, []);
  return verdict.outcome === 'type-error' ? undefined : verdict.hops[0]?.originHeader;
}

/** Whether the model, on these answers, would send the request itself next. */
const awaitsRequest = (verdict: Verdict): boolean =>
  verdict.outcome === 'network-error' &&
  verdict.networkError.reason === 'no-response' &&
  verdict.stage === 'actual';

/**
 * Repeats from Node what the browser sent: the preflight first, as the model says the browser
 * made it, then the request itself only where the preflight's answer (as Node got it) lets it
 * through, as in the browser. A cached preflight is repeated too: Node has no cache.
 */
export async function repeatExchange(
  side: BrowserSide,
  repeat: (request: RepeatRequest) => Promise<RepeatResult>,
  unsafeToo: boolean,
): Promise<NodeSide> {
  const { preflight, actual } = browserRequests({ wire: [], draft: side.draft }, modelOn(side, []));
  const results: RepeatResult[] = [];
  if (preflight !== undefined) results.push(await repeat(asRepeat(preflight.request)));
  if (actual === undefined || !awaitsRequest(modelOn(side, results))) return { results };
  if (!isSafe(actual.request.method) && !unsafeToo) return { results, pending: actual.request };
  results.push(await repeat(asRepeat(actual.request)));
  return { results };
}

/** The model's verdict from Node's answers, held against what the browser did. */
export function judgeRepeat(side: BrowserSide, node: NodeSide): Judgement {
  return judge({
    id: 0,
    durationMs: side.durationMs,
    draft: side.draft,
    url: side.draft.url,
    pageOrigin: side.pageOrigin,
    js: side.js,
    wire: node.results.map((result) => result.entry),
    browser: side.browser,
    // Node keeps no preflight cache, and the page's own is not known for another server.
    cacheBefore: [],
    otherCacheBefore: [],
    sentAt: side.sentAt,
  });
}
