import {
  compileCors,
  compileCorsHeaders,
  hopCors,
  type CorsHeaderPlan,
  type HeaderLines,
} from '../src/scenario/cors-headers.ts';
import {
  actualBodyText,
  hasNoContent,
  actualTailLines,
  isFramed,
  preflightAnswerLines,
  reasonPhrase,
  redirectLines,
} from '../src/scenario/response-parts.ts';
import {
  hopRawLines,
  placeholdersIn,
  resolvePlaceholders,
} from '../src/scenario/config-placeholders.ts';
import { placeholderKey, type PlaceholderValues } from '../src/scenario/placeholders.ts';
import { hopUrl, type TargetRoute } from '../src/scenario/request-url.ts';
import type { RawResponseConfig, ServerConfig, TargetRef } from '../src/scenario/server-config.ts';
import { serializeResponse, type RawResponse } from './http/raw-server.ts';
import type { PlanOrigins, TargetOrigins } from './origins.ts';
import type { RawRequest } from './http/request-reader.ts';

/** Where a request is within a session's routes. */
export type Route = TargetRoute;

/**
 * How to answer one request: the response, and how long to wait first. A plan may hand the
 * same answer to several requests: read it, never change it.
 */
export interface PlannedResponse {
  response: RawResponse;
  delayMs: number;
}

/** The request's header values that the target's answer and log depend on. */
export interface RequestFacts {
  /** The first `Host`, or '' without one. */
  host: string;
  /** The first `Origin`, if any. */
  origin: string | undefined;
  /** The first `Access-Control-Request-Method`, if any. */
  requestMethod: string | undefined;
  /** The first `Access-Control-Request-Headers`, if any. */
  requestHeaders: string | undefined;
}

/**
 * Answers one request. `facts` are read from the request's header lines when not given
 * (the target reads them once, for its log too).
 */
export type ResponsePlan = (
  request: RawRequest,
  route: Route,
  origins: PlanOrigins,
  facts?: RequestFacts,
) => PlannedResponse;

/** Reads the header values the target needs in one pass over the lines (first one wins). */
export function readRequestFacts(headers: HeaderLines): RequestFacts {
  let host: string | undefined;
  let origin: string | undefined;
  let requestMethod: string | undefined;
  let requestHeaders: string | undefined;
  for (const [name, value] of headers) {
    // Most lines are none of these: their length alone rules them out, with no lowercasing.
    switch (name.length) {
      case 4:
        if (host === undefined && name.toLowerCase() === 'host') host = value;
        break;
      case 6:
        if (origin === undefined && name.toLowerCase() === 'origin') origin = value;
        break;
      case 29:
        if (requestMethod === undefined && name.toLowerCase() === 'access-control-request-method') {
          requestMethod = value;
        }
        break;
      case 30:
        if (
          requestHeaders === undefined &&
          name.toLowerCase() === 'access-control-request-headers'
        ) {
          requestHeaders = value;
        }
        break;
    }
  }
  return { host: host ?? '', origin, requestMethod, requestHeaders };
}

function compileRaw(raw: RawResponseConfig): PlannedResponse {
  const body = Buffer.from(raw.body, 'latin1');
  return {
    // Exactly the lines given; without Content-Length the body ends at connection close. A
    // 1xx is interim (RFC 9110, section 15.2): the client waits for a final response this
    // target never writes, so the connection ends rather than wait for the idle timeout.
    response: {
      status: raw.status,
      reason: raw.reason,
      headers: raw.headers,
      body,
      closeAfter: raw.status < 200 || !isFramed(raw.headers),
    },
    delayMs: 0,
  };
}

// https://fetch.spec.whatwg.org/#cors-preflight-request: an OPTIONS that carries
// Access-Control-Request-Method. A page's own fetch(url, { method: 'OPTIONS' }) is an
// actual request, and gets the actual response.
export function isPreflight(
  request: RawRequest,
  facts: RequestFacts = readRequestFacts(request.headers),
): boolean {
  return request.method === 'OPTIONS' && facts.requestMethod !== undefined;
}

/** A config's answers, compiled once: what the plan runs per request. */
interface CompiledAnswers {
  answer: (
    preflight: boolean,
    facts: RequestFacts,
    route: Route,
    origins: PlanOrigins,
  ) => PlannedResponse;
  /** Whether the answer is a redirect, built for each request and not kept. */
  isRedirect: (preflight: boolean, hop: number) => boolean;
  /** What of the request each kind of answer reads, besides its kind. */
  reads: (preflight: boolean) => CorsHeaderPlan['reads'];
}

/** Compiles a config without placeholders (or with them already replaced). */
function compileAnswers(config: ServerConfig): CompiledAnswers {
  const rawPreflight =
    config.raw?.preflight === undefined ? undefined : compileRaw(config.raw.preflight);
  const rawActual = config.raw?.actual === undefined ? undefined : compileRaw(config.raw.actual);
  const preflightCors = compileCorsHeaders(config, 'preflight');
  const actualCors = compileCorsHeaders(config, 'actual');
  const { actual, preflight } = config;

  const body = hasNoContent(actual.status)
    ? Buffer.alloc(0)
    : Buffer.from(actualBodyText(actual), 'utf8');
  const actualTail = actualTailLines(actual, body.length);
  const actualStatus = { status: actual.status, reason: reasonPhrase(actual.status) };

  const corsFor = (plan: CorsHeaderPlan, facts: RequestFacts): HeaderLines =>
    plan({ origin: facts.origin, requestHeaders: facts.requestHeaders });

  const redirect = (
    status: number,
    to: TargetRef,
    hop: number,
    route: Route,
    origins: TargetOrigins,
    cors: HeaderLines,
    extra: HeaderLines = [],
  ): PlannedResponse => ({
    response: {
      status,
      reason: reasonPhrase(status),
      headers: redirectLines(cors, extra, hopUrl(origins[to], route, hop)),
      body: Buffer.alloc(0),
    },
    delayMs: 0,
  });

  // Each hop answers on its own; a raw response replaces only the response after the last.
  const hops = actual.redirects.map((hop) => ({
    ...hop,
    corsPlan: compileCors(hopCors(config, hop)),
  }));
  const answerActual = (
    facts: RequestFacts,
    route: Route,
    origins: PlanOrigins,
  ): PlannedResponse => {
    const hop = hops[route.hop];
    if (hop?.raw !== undefined) {
      const location = hopUrl(origins[hop.to], route, route.hop + 1);
      const headers = hopRawLines(hop.raw.headers, placeholderValues(facts, origins), location);
      return {
        response: {
          status: hop.status,
          reason: hop.raw.reason,
          headers,
          body: Buffer.alloc(0),
          closeAfter: !isFramed(headers),
        },
        delayMs: 0,
      };
    }
    if (hop !== undefined) {
      const cors = corsFor(hop.corsPlan, facts);
      return redirect(hop.status, hop.to, route.hop + 1, route, origins, cors, hop.headers);
    }
    if (rawActual !== undefined) return rawActual;
    return {
      response: {
        ...actualStatus,
        headers: [...corsFor(actualCors, facts), ...actualTail],
        body,
      },
      delayMs: actual.delayMs,
    };
  };

  const { handling } = preflight;
  const answerPreflight = (
    facts: RequestFacts,
    route: Route,
    origins: PlanOrigins,
  ): PlannedResponse => {
    if (rawPreflight !== undefined) return rawPreflight;
    switch (handling.kind) {
      case 'fallthrough':
        return answerActual(facts, route, origins);
      case 'redirect':
        return redirect(
          handling.status,
          handling.to,
          route.hop,
          route,
          origins,
          corsFor(preflightCors, facts),
          preflight.headers,
        );
      case 'answer': {
        return {
          response: {
            status: handling.status,
            reason: reasonPhrase(handling.status),
            headers: preflightAnswerLines(
              handling.status,
              corsFor(preflightCors, facts),
              preflight.headers,
            ),
            body: Buffer.alloc(0),
          },
          delayMs: 0,
        };
      }
    }
  };

  // Redirects are built for each request: their Location carries the request's own path,
  // and each exchange has its own URL, so keeping them would only push out answers that
  // do repeat.
  const actualRedirects = (hop: number): boolean => hops[hop] !== undefined;
  const isRedirect = (preflight: boolean, hop: number): boolean => {
    if (!preflight) return actualRedirects(hop);
    if (rawPreflight !== undefined) return false;
    if (handling.kind === 'fallthrough') return actualRedirects(hop);
    return handling.kind === 'redirect';
  };
  // Raw responses read nothing; a fallthrough preflight reads what the actual response does.
  const readsNothing = { origin: false, requestHeaders: false };
  const actualReads = rawActual === undefined ? actualCors.reads : readsNothing;
  const preflightReads =
    rawPreflight !== undefined
      ? readsNothing
      : handling.kind === 'fallthrough'
        ? actualReads
        : preflightCors.reads;

  return {
    answer: (isPreflightRequest, facts, route, origins) =>
      isPreflightRequest
        ? answerPreflight(facts, route, origins)
        : answerActual(facts, route, origins),
    isRedirect,
    reads: (isPreflightRequest) => (isPreflightRequest ? preflightReads : actualReads),
  };
}

/** What the placeholders stand for in the answer to one request. */
function placeholderValues(facts: RequestFacts, origins: PlanOrigins): PlaceholderValues {
  return {
    origin: origins.page,
    // The origin the client addressed: which target, and under which host name.
    target: `http://${facts.host}`,
    requestOrigin: facts.origin,
  };
}

/** How many resolved configs a plan keeps compiled (one per page and target, in practice). */
const MAX_COMPILED_CONTEXTS = 16;

/**
 * Compiles a session's config into the flat plan the target runs per request. Everything
 * that does not depend on the request is computed here, once per config change. A config
 * with placeholders is compiled once per set of values they stand for: the page's origin is
 * fixed for a session, so in practice once per target (or per Origin, for
 * `{{request-origin}}`), and its answers are kept under those values.
 */
export function compileResponsePlan(config: ServerConfig): ResponsePlan {
  const used = placeholdersIn(config);
  const plain = used.size === 0 ? compileAnswers(config) : undefined;
  const compiled = new Map<string, CompiledAnswers>();
  const compiledFor = (values: PlaceholderValues, context: string): CompiledAnswers => {
    const known = compiled.get(context);
    if (known !== undefined) return known;
    // The oldest goes first (a Map iterates in insertion order): a client rotating Host or
    // Origin values costs one compile per new value, not a recompile of every context.
    const oldest = compiled.keys().next();
    if (compiled.size >= MAX_COMPILED_CONTEXTS && oldest.done !== true) {
      compiled.delete(oldest.value);
    }
    const answers = compileAnswers(resolvePlaceholders(config, values));
    compiled.set(context, answers);
    return answers;
  };

  const kept = new AnswerCache();
  return (request, route, origins, facts = readRequestFacts(request.headers)) => {
    const preflight = isPreflight(request, facts);
    let answers = plain;
    let context = '';
    if (answers === undefined) {
      const values = placeholderValues(facts, origins);
      context = placeholderKey(used, values);
      answers = compiledFor(values, context);
    }
    if (answers.isRedirect(preflight, route.hop)) {
      return answers.answer(preflight, facts, route, origins);
    }
    const key = context + answerKey(request.method, preflight, answers.reads(preflight), facts);
    const known = kept.get(key);
    if (known !== undefined) return known;
    const { response, delayMs } = answers.answer(preflight, facts, route, origins);
    const answer = {
      response: { ...response, bytes: serializeResponse(request.method, response) },
      delayMs,
    };
    kept.set(key, answer);
    return answer;
  };
}

/**
 * The key of a kept answer: everything a non-redirect answer depends on. Its bytes differ
 * for HEAD (no body), and a length before each header value keeps the parts apart
 * whatever bytes the value holds.
 */
function answerKey(
  method: string,
  preflight: boolean,
  reads: CorsHeaderPlan['reads'],
  facts: RequestFacts,
): string {
  let key = preflight ? 'P' : method === 'HEAD' ? 'H' : 'A';
  if (reads.origin) key += lengthPrefixed(facts.origin);
  if (reads.requestHeaders) key += lengthPrefixed(facts.requestHeaders);
  return key;
}

function lengthPrefixed(value: string | undefined): string {
  return value === undefined ? '-' : `${value.length}:${value}`;
}

/** How many answers a compiled plan keeps at most. */
export const MAX_KEPT_ANSWERS = 64;
/**
 * About how many bytes a compiled plan's kept answers hold at most; an answer costing more
 * than an eighth of this (a large body, a long Origin) is built for each request instead.
 */
export const MAX_KEPT_BYTES = 256 * 1024;

/**
 * Answers already built and serialized, so that a request like an earlier one costs one
 * lookup and one write. Bounded in count and size, whatever the requests: when full, the
 * oldest answer goes.
 */
export class AnswerCache {
  readonly #answers = new Map<string, PlannedResponse>();
  #bytes = 0;

  get size(): number {
    return this.#answers.size;
  }

  get(key: string): PlannedResponse | undefined {
    return this.#answers.get(key);
  }

  set(key: string, answer: PlannedResponse): void {
    const cost = costOf(key, answer);
    if (cost > MAX_KEPT_BYTES / 8 || this.#answers.has(key)) return;
    // A Map iterates in insertion order: the oldest answers go first.
    for (const [oldKey, old] of this.#answers) {
      if (this.#answers.size < MAX_KEPT_ANSWERS && this.#bytes + cost <= MAX_KEPT_BYTES) break;
      this.#answers.delete(oldKey);
      this.#bytes -= costOf(oldKey, old);
    }
    this.#answers.set(key, answer);
    this.#bytes += cost;
  }
}

/** Roughly what keeping an answer holds: its key, its bytes, and its lines as strings. */
function costOf(key: string, answer: PlannedResponse): number {
  return key.length + 2 * (answer.response.bytes?.length ?? 0);
}
