import type { BrowserName } from '../cors/browser.ts';
import { browserDifference, type BrowserDifference } from '../cors/browser-difference.ts';
import { evaluate, type Verdict } from '../cors/evaluate.ts';
import { explain, type BrowserContext, type Explanation } from '../cors/explain.ts';
import { explainBrowserDifference, otherBrowser } from '../cors/explain-browser.ts';
import type { ExchangeFacts } from '../cors/facts.ts';
import type { PreflightCache } from '../cors/preflight-cache.ts';
import { summarize, type ModelSummary } from './agreement.ts';
import type { ExchangeRecord } from './exchange.ts';
import type { RequestDraft } from './request-draft.ts';
import { exchangeFacts, factContradictions, type ObservedExchange } from './exchange-facts.ts';
import { wireHops } from './wire-hops.ts';

/** The model's verdict on an exchange, in words, and how it compares with the browser. */
export interface Judgement {
  /** What was observed: every sentence about what happened is rendered from these. */
  facts: ExchangeFacts;
  verdict: Verdict;
  model: ModelSummary;
  explanation: Explanation;
  /** Where the model contradicts the facts; empty when they agree. */
  disagreements: string[];
  /** The browser the exchange ran in, whose profile the verdict and its words follow. */
  browser: BrowserName;
  /** The same wire played with the other browser's profile, and where it would part. */
  other: {
    browser: BrowserName;
    verdict: Verdict;
    difference: BrowserDifference | undefined;
    /** The difference in words; undefined when both browsers would do the same. */
    note: string | undefined;
  };
}

/** The model's view of the fetch() a draft makes, from a page on `origin`. */
export function modelDraft(
  exchange: Pick<ExchangeRecord, 'url' | 'pageOrigin'> & { draft: RequestDraft },
) {
  const { draft } = exchange;
  return {
    url: exchange.url,
    origin: exchange.pageOrigin,
    method: draft.method,
    headers: draft.headers,
    mode: draft.mode,
    credentials: draft.credentials,
    redirect: draft.redirect,
    cache: draft.cache,
    body: draft.body,
  };
}

/** An exchange as a record holds it, its draft for a target or for any server's URL. */
export type JudgedExchange = Omit<ExchangeRecord, 'draft'> & ObservedExchange;

/** Runs the model on what crossed the wire and holds it against what JavaScript saw. */
export function judge(exchange: JudgedExchange): Judgement {
  const draft = modelDraft(exchange);
  const wire = wireHops(exchange.wire);
  const here: BrowserContext = { browser: exchange.browser, wire };
  const there: BrowserContext = { browser: otherBrowser(exchange.browser), wire };
  const run = (context: BrowserContext, cache: ExchangeRecord['cacheBefore']) =>
    evaluate({ draft, hops: wire, cache, now: exchange.sentAt, browser: context.browser });
  const verdict = run(here, exchange.cacheBefore);
  const otherVerdict = run(there, exchange.otherCacheBefore);
  const difference = browserDifference(verdict, otherVerdict);
  const facts = exchangeFacts(exchange, verdict);
  return {
    facts,
    verdict,
    model: summarize(verdict),
    explanation: explain(
      verdict,
      {
        preflightAnsweredByRoute: exchange.preflightHandler === 'fallthrough',
        privateData: exchange.privateData === true,
      },
      here,
    ),
    disagreements: factContradictions(facts, verdict),
    browser: exchange.browser,
    other: {
      browser: there.browser,
      verdict: otherVerdict,
      difference,
      note: difference && explainBrowserDifference(difference, here, there),
    },
  };
}

// A record never changes once made, so neither does its judgement: each is judged once.
const judged = new WeakMap<ExchangeRecord, Judgement>();

/** The judgement of one exchange, computed once per record. */
export function judgeOnce(exchange: ExchangeRecord): Judgement {
  let judgement = judged.get(exchange);
  if (judgement === undefined) {
    judgement = judge(exchange);
    judged.set(exchange, judgement);
  }
  return judgement;
}

/**
 * The preflight caches after these exchanges, as the model tracks them: the browser's own, and
 * the other browser's had the same exchanges crossed the same wire there.
 */
export function preflightCachesAfter(exchanges: readonly ExchangeRecord[]): {
  cache: PreflightCache;
  otherCache: PreflightCache;
} {
  const last = exchanges.at(-1);
  if (last === undefined) return { cache: [], otherCache: [] };
  const judgement = judgeOnce(last);
  return { cache: judgement.verdict.cache, otherCache: judgement.other.verdict.cache };
}
