/**
 * What one `fetch()` came to, as observed: by the page's JavaScript, in the target's log and
 * in the browser's preflight cache. Every sentence about what happened (the banner, the wire
 * notes, the history line, what JavaScript learned) is rendered from these facts, so none can
 * say more than was seen; the model's verdict adds only why and what to change.
 * `src/scenario/exchange-facts.ts` computes them, and the runner holds them against Chromium.
 *
 * @module
 */

/** One request that reached a target, and the status line written back to it. */
export interface Arrival {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  /** The reason phrase, e.g. `No Content`; may be empty. */
  readonly reason: string;
}

/** A request that was not a preflight, and whether it carried a `Cookie` line. */
export interface RequestArrival extends Arrival {
  readonly cookie: boolean;
}

/** How `fetch()` settled. */
export type FetchFact =
  | {
      readonly settled: 'resolved';
      /** `response.type`. */
      readonly type: string;
      /** `response.status` as JavaScript saw it (0 for opaque responses). */
      readonly status: number;
    }
  | {
      readonly settled: 'rejected';
      /**
       * - `invalid-arguments`: fetch() refused its arguments with a `TypeError` whose message
       *   says what is wrong; nothing was sent
       * - `failed`: `TypeError: Failed to fetch` (Firefox: `TypeError: NetworkError when
       *   attempting to fetch resource.`), the same for every CORS and network failure:
       *   JavaScript learns no reason
       * - `aborted`: the page cancelled it (`AbortError`)
       */
      readonly how: 'invalid-arguments' | 'failed' | 'aborted';
      /** `name: message`, exactly as JavaScript got it. */
      readonly error: string;
    };

/** One response header line, and whether `response.headers` let JavaScript read it. */
export interface HeaderReadFact {
  readonly name: string;
  readonly readable: boolean;
}

/** What JavaScript could read of the last response that is not a preflight's. */
export interface ReadFacts {
  /** A real status (not the 0 of an opaque response, nor a rejection). */
  readonly status: boolean;
  /** The body (an opaque response's is always empty). */
  readonly body: boolean;
  /** Every header line the target wrote, in order. */
  readonly headers: readonly HeaderReadFact[];
}

/** Why no `Cookie` line reached the target. */
export type CookieAbsence =
  /** No request (other than a preflight, which never carries cookies) reached the target. */
  | 'nothing-arrived'
  /** `credentials: 'omit'` sends no cookies anywhere. */
  | 'credentials-omit'
  /** `credentials: 'same-origin'` (the default) sends cookies only to the page's own origin. */
  | 'credentials-same-origin'
  /** The target is another site: only `SameSite=None; Secure` cookies go, where allowed. */
  | 'cross-site'
  /** Cookies could go, but the browser held none for this URL. */
  | 'none-stored';

/** Whether a `Cookie` line arrived with the request, and why not. */
export type CookieFact =
  { readonly arrived: true } | { readonly arrived: false; readonly why: CookieAbsence };

/** The facts of one exchange. */
export interface ExchangeFacts {
  /** Each preflight (`OPTIONS` with `Access-Control-Request-Method`) that reached a target. */
  readonly preflights: readonly Arrival[];
  /** Each other request that reached a target: the first, then one per redirect followed. */
  readonly requests: readonly RequestArrival[];
  /** A preflight was needed and the browser's preflight cache answered it: no OPTIONS sent. */
  readonly preflightCacheUsed: boolean;
  readonly fetch: FetchFact;
  readonly read: ReadFacts;
  readonly cookie: CookieFact;
}
