import type { BrowserName } from '../cors/browser.ts';
import { STAGE_WORDS, type Stage } from '../cors/errors.ts';
import { evaluate, type Verdict, type WireHop } from '../cors/evaluate.ts';
import { getHeader } from '../cors/headers.ts';
import type { PreflightCache } from '../cors/preflight-cache.ts';
import { parseUrl, serializeOrigin } from '../cors/url.ts';
import type { ModelSummary } from './agreement.ts';
import { modelDraft } from './judge.ts';
import type { RequestDraft } from './request-draft.ts';
import { parseTargetRoute } from './request-url.ts';
import type { ServerConfig } from './server-config.ts';
import { targetAnswer, type TargetOrigins } from './target-answer.ts';

/** What the prediction needs to know about the server, when it knows it. */
export interface PredictedServer {
  config: ServerConfig;
  origins: TargetOrigins;
}

/**
 * The model's prediction for a draft before it is sent. Without the server's config it tells
 * what fetch() refuses, whether a preflight goes first, whether the cache spares it, and the
 * requests the browser will make. With it, the whole exchange is played: each time the model
 * waits for a response (the preflight, the request, each redirect's), the target's answer to
 * exactly that request under the config goes on the wire, until the model reaches its verdict.
 */
export function predict(input: {
  request: RequestDraft;
  url: string;
  pageOrigin: string;
  cache: PreflightCache;
  now: number;
  server?: PredictedServer | undefined;
  /** The browser whose profile the model plays (default: Chromium's). */
  browser?: BrowserName | undefined;
}): Verdict {
  const draft = modelDraft({ draft: input.request, url: input.url, pageOrigin: input.pageOrigin });
  const run = (hops: readonly WireHop[]) =>
    evaluate({
      draft,
      hops,
      cache: input.cache,
      now: input.now,
      browser: input.browser,
    });
  let hops: WireHop[] = [];
  let verdict = run(hops);
  // `only-if-cached` answers from the HTTP cache alone and never asks the server, whose config
  // then plays no part; the target's answers carry nothing that lets the cache keep them.
  const server = input.request.cache === 'only-if-cached' ? undefined : input.server;
  // Each round answers one request, and a fetch makes at most a preflight and a request per
  // URL, for at most 21 URLs (20 redirects).
  for (let round = 0; server !== undefined && round < 42; round += 1) {
    const answered = answerAwaited(verdict, hops, server, input.pageOrigin);
    if (answered === undefined) break;
    hops = answered;
    verdict = run(hops);
  }
  return verdict;
}

/** The wire with the target's answer to the request the verdict waited for, if it waited. */
function answerAwaited(
  verdict: Verdict,
  hops: readonly WireHop[],
  server: PredictedServer,
  pageOrigin: string,
): WireHop[] | undefined {
  if (verdict.outcome !== 'network-error' || verdict.networkError.reason !== 'no-response') {
    return undefined;
  }
  const index = verdict.hops.length - 1;
  const hop = verdict.hops[index];
  if (hop === undefined) return undefined;
  const url = parseUrl(hop.url);
  if (url === undefined) return undefined;
  const route = parseTargetRoute(`${url.path}${url.query}`);
  if (route === undefined) return undefined;
  const preflight = verdict.stage === 'preflight';
  const preflightHeaders = hop.preflight.request?.headers ?? [];
  const answer = targetAnswer(
    server.config,
    {
      preflight,
      route,
      pageOrigin,
      targetOrigin: serializeOrigin(url),
      origin: preflight ? (getHeader(preflightHeaders, 'Origin') ?? undefined) : hop.originHeader,
      requestHeaders: preflight
        ? (getHeader(preflightHeaders, 'Access-Control-Request-Headers') ?? undefined)
        : undefined,
    },
    server.origins,
  );
  const next = [...hops];
  next[index] = { ...next[index], ...(preflight ? { preflight: answer } : { response: answer }) };
  return next;
}

/** Where an outcome ended, in words. */
function where(summary: ModelSummary): string {
  return STAGE_WORDS[(summary.stage ?? 'request') as Stage];
}

/**
 * An opaque or opaque-redirect response, in words: fetch() resolves with it, but JavaScript reads
 * nothing (status 0, no headers, no body), so it never "passes".
 */
function opaqueResponse(summary: ModelSummary): string | undefined {
  if (summary.responseType === 'opaque') return 'an opaque response';
  if (summary.responseType === 'opaqueredirect') return 'an opaque-redirect response';
  return undefined;
}

/** A predicted outcome in a few words: "it would …". */
export function wouldWords(summary: ModelSummary): string {
  switch (summary.outcome) {
    case 'allowed': {
      const opaque = opaqueResponse(summary);
      return opaque === undefined ? 'pass' : `resolve with ${opaque} JavaScript cannot read`;
    }
    case 'blocked':
      return `be blocked ${where(summary)} (${summary.corsError ?? 'CORS'})`;
    case 'network-error':
      return `fail ${where(summary)} with a network error`;
    case 'type-error':
      return 'throw a TypeError before sending';
  }
}

/** The same, as what happened: "… and it …". */
export function didWords(summary: ModelSummary): string {
  switch (summary.outcome) {
    case 'allowed': {
      const opaque = opaqueResponse(summary);
      return opaque === undefined ? 'passed' : `resolved with ${opaque}`;
    }
    case 'blocked':
      return `was blocked ${where(summary)} (${summary.corsError ?? 'CORS'})`;
    case 'network-error':
      return `failed ${where(summary)} with a network error`;
    case 'type-error':
      return 'threw a TypeError before sending';
  }
}

/**
 * The prediction confirmed by `happened`. It says "before this request was sent", not "before
 * Send": an automatic re-send after a server change is predicted too, with no one pressing Send.
 */
export function predictionHeld(prediction: ModelSummary, happened: string): string {
  return `As predicted before this request was sent: it would ${wouldWords(prediction)}, and ${happened}.`;
}

/**
 * The prediction where only its first half can be held against the browser: fetch() settled as
 * predicted, but the model's reading of the wire disagrees with what happened, so where and why
 * are not confirmed.
 */
export function predictionSettledOnly(
  prediction: ModelSummary,
  settled: 'resolved' | 'rejected',
): string {
  return `Before this request was sent, the model said it would ${wouldWords(prediction)}. fetch() ${settled}, as that implies; where and why are not confirmed, because the model's reading of the wire disagrees with what happened (see below).`;
}
