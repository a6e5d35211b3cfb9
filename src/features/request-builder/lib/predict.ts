import { evaluate, type Verdict, type WireHop } from '../../../cors/evaluate.ts';
import { getHeader } from '../../../cors/headers.ts';
import type { PreflightCache } from '../../../cors/preflight-cache.ts';
import {
  requestConstructor,
  type DroppedHeader,
  type RequestMode,
  type RequestTypeError,
} from '../../../cors/request.ts';
import { modelDraft } from '../../../scenario/judge.ts';
import { requestDraftSchema, type RequestDraft } from '../../../scenario/request-draft.ts';
import { parseTargetRoute } from '../../../scenario/request-url.ts';
import type { ServerConfig } from '../../../scenario/server-config.ts';
import type { HeaderRow } from '../../../stores/request-draft-slice.ts';
import { targetAnswer, type TargetOrigins } from '../../../scenario/target-answer.ts';

/** Why a path cannot be sent, from the scenario schema; `undefined` when it is fine. */
export function pathProblem(path: string): string | undefined {
  const result = requestDraftSchema.shape.path.safeParse(path);
  return result.success ? undefined : (result.error.issues[0]?.message ?? 'is not valid');
}

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
}): Verdict {
  const run = (hops: readonly WireHop[]) =>
    evaluate({
      draft: modelDraft({ draft: input.request, url: input.url, pageOrigin: input.pageOrigin }),
      hops,
      cache: input.cache,
      now: input.now,
    });
  let hops: WireHop[] = [];
  let verdict = run(hops);
  const { server } = input;
  // Each round answers one request, and a fetch makes at most a preflight and a request per
  // URL, for at most 21 URLs (20 redirects).
  for (let round = 0; server !== undefined && round < 42; round += 1) {
    const answered = answerAwaited(verdict, hops, server);
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
): WireHop[] | undefined {
  if (verdict.outcome !== 'network-error' || verdict.networkError.reason !== 'no-response') {
    return undefined;
  }
  const index = verdict.hops.length - 1;
  const hop = verdict.hops[index];
  if (hop === undefined) return undefined;
  // The model has parsed every hop's URL already.
  const url = new URL(hop.url);
  const route = parseTargetRoute(`${url.pathname}${url.search}`);
  if (route === undefined) return undefined;
  const preflight = verdict.stage === 'preflight';
  const preflightHeaders = hop.preflight.request?.headers ?? [];
  const answer = targetAnswer(
    server.config,
    {
      preflight,
      route,
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

/** What fetch() does with one header row, when it does not just send it. */
export type RowFlag =
  { kind: 'dropped'; header: DroppedHeader } | { kind: 'type-error'; error: RequestTypeError };

/**
 * Which rows fetch() drops or throws on, told by the model's Request constructor. Each row is
 * checked with the sent rows before it (a `no-cors` request judges the combined value of one
 * name), on a plain GET without a body, so a problem with the method or the body elsewhere in
 * the draft does not hide what happens to the headers.
 */
export function headerRowFlags(
  rows: readonly HeaderRow[],
  context: { url: string; pageOrigin: string; mode: RequestMode },
): ReadonlyMap<string, RowFlag> {
  const flags = new Map<string, RowFlag>();
  const headers: [string, string][] = [];
  let dropped = 0;
  for (const row of rows) {
    if (!row.enabled || row.name === '') continue;
    headers.push([row.name, row.value]);
    const built = requestConstructor({
      url: context.url,
      origin: context.pageOrigin,
      method: 'GET',
      headers,
      mode: context.mode,
      credentials: 'same-origin',
      redirect: 'follow',
    });
    if ('typeError' in built) {
      // fetch() throws at this row; the rows after it never get looked at.
      flags.set(row.id, { kind: 'type-error', error: built.typeError });
      break;
    }
    const newest = built.request.dropped[dropped];
    if (newest !== undefined) {
      flags.set(row.id, { kind: 'dropped', header: newest });
      dropped += 1;
    }
  }
  return flags;
}
