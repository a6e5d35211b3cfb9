/**
 * The whole verdict on one `fetch()`: the draft the page wrote, the responses that crossed the
 * wire, and the preflight cache, in; what happened, where, why, and what JavaScript sees, out.
 *
 * @module
 */
import type { BrowserName } from './browser.ts';
import { corsCheck } from './cors-check.ts';
import {
  fetchStep,
  type CorsError,
  type CorsFailure,
  type SpecStep,
  type Stage,
} from './errors.ts';
import { responseHeaderExposure, type HeaderExposure } from './exposure.ts';
import type { HeaderList } from './headers.ts';
import {
  corsPreflightFetch,
  corsPreflightRequest,
  hasAuthorizationCoveredByWildcard,
  needsPreflight,
  type MaxAge,
  type PreflightReason,
  type PreflightRequest,
} from './preflight.ts';
import {
  preflightCacheLookup,
  preflightCacheRemove,
  preflightCacheStore,
  preflightCacheUse,
  type CacheLookup,
  type PreflightCache,
} from './preflight-cache.ts';
import {
  hasRedirectTaintedOrigin,
  httpRedirectFetch,
  serializeRequestOrigin,
  type RedirectingRequest,
  type RedirectNetworkError,
  type ResponseTainting,
} from './redirect.ts';
import {
  requestConstructor,
  type FetchRequest,
  type RequestDraft,
  type RequestTypeError,
} from './request.ts';
import {
  conflictingResponseHeader,
  parsedHeaderLines,
  redirectLocation,
  type ResponseType,
  type SingleValueResponseHeader,
  type WireResponse,
} from './response.ts';
import { isHttpScheme, isSameOrigin, serializeOrigin } from './url.ts';

/** The responses the browser received for one request URL (the first, or a redirect's). */
export interface WireHop {
  /** The answer to the preflight `OPTIONS`, when one was sent and answered. */
  readonly preflight?: WireResponse | undefined;
  /** The answer to the request itself, when it was sent and answered. */
  readonly response?: WireResponse | undefined;
}

/** Everything `evaluate` looks at. */
export interface EvaluateInput {
  readonly draft: RequestDraft;
  /** What crossed the wire, one hop per URL in order; missing hops mean nothing arrived. */
  readonly hops: readonly WireHop[];
  /** The browser's preflight cache before this fetch (default: empty). */
  readonly cache?: PreflightCache | undefined;
  /** The time of the fetch, in milliseconds, for the cache's max-ages. */
  readonly now: number;
  /** The browser whose departures from the spec apply (default: `chromium`). */
  readonly browser?: BrowserName | undefined;
}

/** How the fetch ended. */
export type Outcome =
  /** `fetch()` resolved with a response. */
  | 'allowed'
  /** A CORS check failed: `fetch()` rejects, and Chromium names a `CorsError`. */
  | 'blocked'
  /** `fetch()` rejected its arguments before sending anything. */
  | 'type-error'
  /** The fetch failed for a reason CORS does not name (nothing arrived, a redirect rule). */
  | 'network-error';

/** Why a fetch failed without a CORS error code. */
export type NetworkErrorReason =
  /** No response arrived where one was needed (target down, connection refused). */
  | 'no-response'
  /** A redirect arrived and the request's redirect mode is `error`. */
  | 'redirect-mode-error'
  /** A `same-origin` mode request was redirected to another origin. */
  | 'same-origin-mode-redirect'
  /** The browser's HTTP parser refused the response: a header came with two different values. */
  | 'invalid-response'
  /** The response was a 1xx: interim, and no final response followed it. */
  | 'interim-response'
  | RedirectNetworkError;

/** A failure without a CORS error code, and the spec step behind it. */
export type NetworkError =
  | {
      readonly reason: Exclude<NetworkErrorReason, 'invalid-response'>;
      readonly step: SpecStep;
    }
  | {
      readonly reason: 'invalid-response';
      /** The header whose values differ. */
      readonly header: SingleValueResponseHeader;
      readonly step: SpecStep;
    };

/** Whether a hop needed a preflight, why, and what became of it. */
export interface PreflightDecision {
  /** Whether the method or headers call for a preflight (whatever the cache says). */
  readonly needed: boolean;
  /** Why, when needed: the method, then each unsafe header. */
  readonly reasons: readonly PreflightReason[];
  /** The `OPTIONS` request the browser sends (or would have, when the cache spared it). */
  readonly request?: PreflightRequest;
  /** The preflight cache's answer, when a preflight was needed. */
  readonly cache?: CacheLookup;
  /** Whether the cache spared this hop its preflight. */
  readonly servedFromCache: boolean;
  /** How long the browser caches the answer, when a preflight was sent and passed. */
  readonly maxAge?: MaxAge;
}

/** One request the browser made (or was about to make), and how it went. */
export interface HopVerdict {
  readonly url: string;
  readonly method: string;
  /** How main fetch filters this hop: same-origin, CORS, or opaque. */
  readonly tainting: ResponseTainting;
  /** The `Origin` header this request carries, if any. */
  readonly originHeader: string | undefined;
  /** Whether cookies and other credentials go with it (third-party blocking aside). */
  readonly credentialsSent: boolean;
  readonly preflight: PreflightDecision;
  /** The response's status, when one arrived. */
  readonly status?: number;
  /** Where its redirect led, when followed. */
  readonly redirectedTo?: string;
}

/** What the page's JavaScript gets: a response, or a rejection (its text is in explain.ts). */
export type JsResult =
  | {
      readonly settles: 'resolve';
      readonly type: ResponseType;
      /** 0 for opaque and opaque-redirect responses. */
      readonly status: number;
      /** `response.url`: empty for an opaque response. */
      readonly url: string;
      readonly redirected: boolean;
    }
  | { readonly settles: 'reject' };

/** Something that worked in Chromium but that the spec or other browsers refuse. */
export type Warning =
  /** `Access-Control-Allow-Headers: *` let `Authorization` through (Chromium 156, Firefox 153), against the spec. */
  'authorization-covered-by-wildcard';

/** What every verdict holds. */
interface VerdictCommon {
  /** The preflight decision for the first CORS hop (or the first hop when none is CORS). */
  readonly preflight: PreflightDecision;
  readonly hops: readonly HopVerdict[];
  /** Every header line of the last response that arrived (not a preflight's), readable or not. */
  readonly headers: readonly HeaderExposure[];
  readonly warnings: readonly Warning[];
  /** The preflight cache after this fetch. */
  readonly cache: PreflightCache;
  readonly js: JsResult;
}

/** The verdict on one `fetch()`. */
export type Verdict = VerdictCommon &
  (
    | {
        readonly outcome: 'type-error';
        readonly stage: 'request';
        readonly typeError: RequestTypeError;
      }
    | (Ending & {
        /** The request `fetch()` built. */
        readonly request: FetchRequest;
      })
  );

/** How one fetch ends, before the parts every verdict shares are added. */
type Ending =
  | { readonly outcome: 'allowed'; readonly responseType: ResponseType }
  | {
      readonly outcome: 'blocked';
      readonly stage: Stage;
      readonly url: string;
      readonly failure: CorsFailure;
    }
  | {
      readonly outcome: 'network-error';
      readonly stage: Stage;
      readonly url: string;
      readonly networkError: NetworkError;
    };

const NO_PREFLIGHT: PreflightDecision = { needed: false, reasons: [], servedFromCache: false };
const REJECTED: JsResult = { settles: 'reject' };

/** What stays the same across the hops of one fetch. */
interface Context {
  readonly request: FetchRequest;
  readonly wire: readonly WireHop[];
  readonly now: number;
  readonly browser: BrowserName;
}

/** What the hops so far have produced. */
interface Progress {
  readonly hops: readonly HopVerdict[];
  readonly warnings: readonly Warning[];
  readonly cache: PreflightCache;
}

// https://fetch.spec.whatwg.org/#fetch-method
/** Plays one `fetch()` through the model against what crossed the wire. */
export function evaluate(input: EvaluateInput): Verdict {
  const cache = input.cache ?? [];
  const browser = input.browser ?? 'chromium';
  const constructed = requestConstructor(input.draft, browser);
  if ('typeError' in constructed) {
    return {
      outcome: 'type-error',
      stage: 'request',
      typeError: constructed.typeError,
      preflight: NO_PREFLIGHT,
      hops: [],
      headers: [],
      warnings: [],
      cache,
      js: REJECTED,
    };
  }
  const { request } = constructed;
  const state: RedirectingRequest = {
    origin: request.origin,
    mode: request.mode,
    method: request.method,
    headers: request.headers,
    hasBody: request.hasBody,
    url: request.url,
    urlList: [request.url],
    redirectCount: 0,
    tainting: 'basic',
  };
  return mainFetch({ request, wire: input.hops, now: input.now, browser }, state, {
    hops: [],
    warnings: [],
    cache,
  });
}

function finish(
  context: Context,
  progress: Progress,
  ending: Ending,
  headers: readonly HeaderExposure[] = [],
  js: JsResult = REJECTED,
): Verdict {
  return {
    ...ending,
    request: context.request,
    preflight: progress.hops.find((hop) => hop.tainting === 'cors')?.preflight ?? NO_PREFLIGHT,
    hops: progress.hops,
    headers,
    warnings: progress.warnings,
    cache: progress.cache,
    js,
  };
}

function blocked(stage: Stage, url: string, failure: CorsFailure): Ending {
  return { outcome: 'blocked', stage, url, failure };
}

function networkError(
  stage: Stage,
  url: string,
  reason: Exclude<NetworkErrorReason, 'invalid-response'>,
  step: SpecStep,
): Ending {
  return { outcome: 'network-error', stage, url, networkError: { reason, step } };
}

// https://fetch.spec.whatwg.org/#concept-http-network-fetch (step 7.1)
function noResponse(stage: Stage, url: string): Ending {
  return networkError(stage, url, 'no-response', fetchStep('concept-http-network-fetch', '7.1'));
}

// https://fetch.spec.whatwg.org/#concept-http-network-fetch (step 7.5: "follow the relevant
// requirements from HTTP")
/**
 * A response the browser's HTTP parser refuses before anything else looks at it (see
 * `conflictingResponseHeader`): a network error, with no CORS error code and no CORS message.
 */
function invalidResponse(stage: Stage, url: string, headers: HeaderList): Ending | undefined {
  const header = conflictingResponseHeader(headers);
  if (!header) return undefined;
  const step = fetchStep('concept-http-network-fetch', '7.5');
  return {
    outcome: 'network-error',
    stage,
    url,
    networkError: { reason: 'invalid-response', header, step },
  };
}

// https://fetch.spec.whatwg.org/#concept-http-network-fetch (step 7.5: a 1xx other than 101
// is ignored, while the browser waits for the final response)
/**
 * A 1xx as the only response: the browser waits for a final one, and the target, with nothing
 * more to write, closes the connection: a network error before any CORS check (Chromium:
 * net::ERR_EMPTY_RESPONSE). (Not modelled: a raw body whose bytes are themselves a final
 * response.)
 * NOTE(chromium): 101 too, where the spec returns it as the response (WPT
 * fetch/security/1xx-response.any.js); seen in Chromium 156, net::ERR_EMPTY_RESPONSE.
 * NOTE(firefox): Firefox returns a 101 as the response, as the spec does, and fails any other
 * lone 1xx as a CORS error, naming repeated Access-Control-Allow-Origin lines whatever the
 * response holds (seen in Firefox 153 with 100, 103 and 199, with and without CORS lines).
 */
function interimResponse(
  stage: Stage,
  url: string,
  status: number,
  browser: BrowserName,
): Ending | undefined {
  if (status < 100 || status > 199) return undefined;
  if (browser === 'firefox') {
    if (status === 101) return undefined;
    return blocked(stage, url, {
      corsError:
        stage === 'preflight' ? 'PreflightMultipleAllowOriginValues' : 'MultipleAllowOriginValues',
      failedParameter: '',
      step: fetchStep('concept-http-network-fetch', '7.5'),
      firefox: { code: 'CORSMultipleAllowOriginNotAllowed', param: '' },
    });
  }
  return networkError(
    stage,
    url,
    'interim-response',
    fetchStep('concept-http-network-fetch', '7.5'),
  );
}

// https://fetch.spec.whatwg.org/#concept-main-fetch
/** One URL of the fetch: the first, then each redirect's, until something ends it. */
function mainFetch(context: Context, state: RedirectingRequest, progress: Progress): Verdict {
  const { request } = context;
  const wire = context.wire[progress.hops.length];
  const url = state.url.href;
  // 12. How this URL is fetched (or why it is not).
  const decided = responseTainting(request, state, progress.hops.length === 0);
  if ('ending' in decided) return finish(context, progress, decided.ending);
  const { tainting } = decided;
  const serializedOrigin = serializeRequestOrigin(request.origin, state.urlList);
  const preflight =
    tainting === 'cors'
      ? corsPreflight(context, state, serializedOrigin, wire?.preflight, progress.cache)
      : { decision: NO_PREFLIGHT, cache: progress.cache, warnings: [] };
  const hop: HopVerdict = {
    url,
    method: state.method,
    tainting,
    // https://fetch.spec.whatwg.org/#append-a-request-origin-header
    originHeader:
      tainting === 'cors' || (state.method !== 'GET' && state.method !== 'HEAD')
        ? serializedOrigin
        : undefined,
    // https://fetch.spec.whatwg.org/#concept-http-network-or-cache-fetch (step 8.3)
    credentialsSent:
      request.credentials === 'include' ||
      (request.credentials === 'same-origin' && tainting === 'basic'),
    preflight: preflight.decision,
  };
  const sent: Progress = {
    hops: [...progress.hops, hop],
    warnings: [...progress.warnings, ...preflight.warnings],
    cache: preflight.cache,
  };
  if (preflight.ending) return finish(context, sent, preflight.ending);

  // https://fetch.spec.whatwg.org/#concept-http-fetch (step 4.3): the request itself.
  const response = wire?.response;
  if (!response) return finish(context, sent, noResponse('actual', url));
  const { status } = response;
  const headers = parsedHeaderLines(response);
  const location = redirectLocation(headers, status);
  const answered: Progress = { ...sent, hops: [...progress.hops, { ...hop, status }] };
  const failed = responseHeaderExposure(undefined, headers, request.credentials);
  // HTTP-network fetch step 7.5: the HTTP parser sees the response first, whatever the mode.
  const unparsable = invalidResponse(location === undefined ? 'actual' : 'redirect', url, headers);
  if (unparsable) return finish(context, answered, unparsable, failed);
  const interim = interimResponse('actual', url, status, context.browser);
  if (interim) return finish(context, answered, interim, failed);
  // 4.4. The CORS check, on redirects too.
  // NOTE(chromium): when it fails, a preflight cached for this request stays cached; the spec
  // clears the origin and URL's entries (main fetch step 12). Seen in Chromium 156: the next
  // identical fetch goes without a preflight and fails the same way.
  const failure =
    tainting === 'cors'
      ? corsCheck(
          { credentials: request.credentials, serializedOrigin, browser: context.browser },
          headers,
        )
      : undefined;
  if (failure) {
    return finish(
      context,
      answered,
      blocked(location === undefined ? 'actual' : 'redirect', url, failure),
      failed,
    );
  }
  // Not a redirect: the response JavaScript gets, filtered by the tainting.
  if (location === undefined) {
    const js: JsResult =
      tainting === 'opaque'
        ? { settles: 'resolve', type: tainting, status: 0, url: '', redirected: false }
        : { settles: 'resolve', type: tainting, status, url, redirected: state.urlList.length > 1 };
    const exposures = responseHeaderExposure(tainting, headers, request.credentials);
    return finish(context, answered, { outcome: 'allowed', responseType: tainting }, exposures, js);
  }
  // 6.2. A redirect: the redirect mode decides.
  switch (request.redirect) {
    case 'error': {
      const step = fetchStep('concept-http-fetch', '6.2');
      return finish(
        context,
        answered,
        networkError('redirect', url, 'redirect-mode-error', step),
        failed,
      );
    }
    case 'manual': {
      const exposures = responseHeaderExposure('opaqueredirect', headers, request.credentials);
      const js: JsResult = {
        settles: 'resolve',
        type: 'opaqueredirect',
        status: 0,
        url,
        redirected: false,
      };
      return finish(
        context,
        answered,
        { outcome: 'allowed', responseType: 'opaqueredirect' },
        exposures,
        js,
      );
    }
    case 'follow': {
      const next = httpRedirectFetch({ ...state, tainting }, status, location);
      if (next.kind === 'blocked') {
        return finish(context, answered, blocked('redirect', next.url, next.failure), failed);
      }
      if (next.kind === 'network-error') {
        return finish(
          context,
          answered,
          networkError('redirect', url, next.reason, next.step),
          failed,
        );
      }
      const redirected = { ...hop, status, redirectedTo: next.request.url.href };
      return mainFetch(context, next.request, {
        ...answered,
        hops: [...progress.hops, redirected],
      });
    }
  }
}

// https://fetch.spec.whatwg.org/#concept-main-fetch (step 12)
/** Whether this URL is fetched same-origin, with CORS or opaquely, or why not at all. */
function responseTainting(
  request: FetchRequest,
  state: RedirectingRequest,
  first: boolean,
): { readonly tainting: ResponseTainting } | { readonly ending: Ending } {
  const url = state.url.href;
  const step = fetchStep('concept-main-fetch', '12');
  // Chromium refuses these before sending anything.
  const refuse = (corsError: CorsError, failedParameter = ''): { readonly ending: Ending } => ({
    ending: blocked('request', url, { corsError, failedParameter, step }),
  });
  // Same origin as the page, and no redirect has made it a CORS request yet.
  if (isSameOrigin(serializeOrigin(state.url), request.origin) && state.tainting === 'basic') {
    return { tainting: 'basic' };
  }
  // `same-origin` mode goes nowhere else.
  if (request.mode === 'same-origin') {
    // NOTE(chromium): after a redirect this is not a CORS error: CDP reports no corsError and
    // the console says "Unsafe attempt to load URL ..." (seen in Chromium 156).
    return first
      ? refuse('DisallowedByMode')
      : { ending: networkError('redirect', url, 'same-origin-mode-redirect', step) };
  }
  // A `no-cors` request must follow redirects.
  if (request.mode === 'no-cors' && request.redirect !== 'follow') {
    return refuse('NoCorsRedirectModeNotFollow');
  }
  // Only HTTP(S) from here on.
  // NOTE(chromium): refused before sending in `no-cors` mode too (seen in Chromium 156 with an
  // ftp: URL, after the redirect-mode check), where the spec would let the scheme fetch fail.
  if (!isHttpScheme(state.url)) return refuse('CorsDisabledScheme', state.url.scheme);
  // A `no-cors` response is opaque; everything else is a CORS request.
  return { tainting: request.mode === 'no-cors' ? 'opaque' : 'cors' };
}

/** A hop's preflight: what was decided, the cache after it, and how it ended if it did. */
interface PreflightOutcome {
  readonly decision: PreflightDecision;
  readonly cache: PreflightCache;
  readonly warnings: readonly Warning[];
  readonly ending?: Ending;
}

// https://fetch.spec.whatwg.org/#concept-http-fetch (step 4.1)
/** Whether a CORS hop needs a preflight, whether the cache spares it, and how it went. */
function corsPreflight(
  context: Context,
  state: RedirectingRequest,
  requestOrigin: string,
  answer: WireResponse | undefined,
  cache: PreflightCache,
): PreflightOutcome {
  const { request, now, browser } = context;
  // NOTE(firefox): after a cross-origin redirect the preflight goes, and is checked, with the
  // page's origin; only the request itself then says `Origin: null` (seen in Firefox 153: a
  // hop answering the preflight with the page's origin lets a PUT through).
  const serializedOrigin = browser === 'firefox' ? request.origin : requestOrigin;
  const reasons = needsPreflight(state.method, state.headers, browser);
  if (!reasons) return { decision: NO_PREFLIGHT, cache, warnings: [] };
  const url = state.url.href;
  const key = { origin: request.origin, url };
  const tainted = hasRedirectTaintedOrigin(request.origin, state.urlList);
  const query = {
    ...key,
    credentials: request.credentials,
    method: state.method,
    headers: state.headers,
  };
  // NOTE(chromium): after a cross-origin redirect (`Origin: null`) the preflight is neither
  // looked up nor stored: two such fetches in a row both send it (seen in Chromium 156).
  // NOTE(chromium): nor is it looked up for a request whose cache mode says not to read a cache
  // (see preflightCacheUse); `no-store` does not store it either.
  const use = preflightCacheUse(request.cache);
  const lookup: CacheLookup = tainted
    ? { hit: false, reason: 'redirect-tainted' }
    : use.lookup
      ? preflightCacheLookup(cache, query, now, browser)
      : { hit: false, reason: 'cache-mode' };
  // NOTE(chromium): an entry that is stale or does not cover the request is dropped at once
  // (PreflightCache::CheckIfRequestCanSkipPreflight), whatever the new preflight brings.
  const kept = !lookup.hit && lookup.entry ? preflightCacheRemove(cache, key) : cache;
  const decision: PreflightDecision = {
    needed: true,
    reasons,
    request: corsPreflightRequest(url, state.method, state.headers, serializedOrigin, browser),
    cache: lookup,
    servedFromCache: lookup.hit,
  };
  if (lookup.hit) return { decision, cache: kept, warnings: [] };
  if (!answer) return { decision, cache: kept, warnings: [], ending: noResponse('preflight', url) };
  // NOTE(chromium): a preflight response the HTTP parser refuses is a network error, with no
  // CORS error code: even a redirect, which would otherwise be PreflightDisallowedRedirect.
  const unparsable = invalidResponse('preflight', url, parsedHeaderLines(answer));
  if (unparsable) return { decision, cache: kept, warnings: [], ending: unparsable };
  const interim = interimResponse('preflight', url, answer.status, browser);
  if (interim) return { decision, cache: kept, warnings: [], ending: interim };
  const checkRequest = { ...query, serializedOrigin, browser };
  const checked = corsPreflightFetch(checkRequest, answer);
  if ('failure' in checked) {
    return {
      decision,
      cache: kept,
      warnings: [],
      ending: blocked('preflight', url, checked.failure),
    };
  }
  const { methods, headerNames, maxAge } = checked.result;
  const warnings: Warning[] = hasAuthorizationCoveredByWildcard(checkRequest, headerNames)
    ? ['authorization-covered-by-wildcard']
    : [];
  const passed = { ...decision, maxAge };
  if (tainted || !use.store) return { decision: passed, cache: kept, warnings };
  const entry = {
    ...key,
    credentials: request.credentials === 'include',
    methods,
    headerNames,
    storedAt: now,
    maxAge: maxAge.seconds,
  };
  return { decision: passed, cache: preflightCacheStore(kept, entry), warnings };
}
