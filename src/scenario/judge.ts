import { evaluate, type Verdict } from '../cors/evaluate.ts';
import { explain, type Explanation } from '../cors/explain.ts';
import type { ExchangeFacts } from '../cors/facts.ts';
import type { PreflightCache } from '../cors/preflight-cache.ts';
import { summarize, type ModelSummary } from './agreement.ts';
import type { ExchangeRecord } from './exchange.ts';
import type { RequestDraft } from './request-draft.ts';
import { exchangeFacts, factContradictions } from './exchange-facts.ts';
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

/** Runs the model on what crossed the wire and holds it against what JavaScript saw. */
export function judge(exchange: ExchangeRecord): Judgement {
  const verdict = evaluate({
    draft: modelDraft(exchange),
    hops: wireHops(exchange.wire),
    cache: exchange.cacheBefore,
    now: exchange.sentAt,
  });
  const facts = exchangeFacts(exchange, verdict);
  return {
    facts,
    verdict,
    model: summarize(verdict),
    explanation: explain(verdict, {
      preflightAnsweredByRoute: exchange.preflightHandler === 'fallthrough',
    }),
    disagreements: factContradictions(facts, verdict),
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

/** The browser's preflight cache after these exchanges, as the model tracks it. */
export function preflightCacheAfter(exchanges: readonly ExchangeRecord[]): PreflightCache {
  const last = exchanges.at(-1);
  return last === undefined ? [] : judgeOnce(last).verdict.cache;
}
