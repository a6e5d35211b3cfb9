import type { CDPSession, Page } from '@playwright/test';
import type { ChromiumReason } from '../src/scenario/agreement.ts';
import type { ExchangeLogEntry } from '../src/scenario/control-api.ts';
import type { HeaderLines } from '../src/scenario/cors-headers.ts';
import {
  recordsUrl,
  type ChromiumRequest,
  type ReceivedResponses,
  type RequestMarker,
} from './driver.ts';

interface CorsErrorStatus {
  corsError: string;
  failedParameter: string;
}

/** One request as Chromium's network service sent it, and the response it received, if any. */
interface WireExchange {
  url: string;
  method: string;
  /** Request headers as sent (DevTools gives them as an object: no order, no duplicates). */
  headers: HeaderLines;
  sentAt: number;
  /**
   * When the network service started the request (DevTools' `connectTiming.requestTime`, a
   * monotonic clock): the order requests went out, which the order events arrive in is not.
   */
  startedAt: number;
  response?: {
    status: number;
    /** The status line's version and reason, where the raw head is known (HTTP/1.x). */
    httpVersion: string;
    reason: string;
    headers: HeaderLines;
    receivedAt: number;
  };
}

/** How long the wire must stay without ExtraInfo events to count as told. */
const WIRE_QUIET_MS = 50;

/** The network error Chromium gives a request blocked by CORS; any other names a failure to reach the server. */
const CORS_NET_ERROR = 'net::ERR_FAILED';

/** A DevTools headers object as lines; a repeated response header comes joined with "\n". */
function headerLinesOf(headers: Record<string, string>): HeaderLines {
  return Object.entries(headers).flatMap(([name, value]) =>
    value.split('\n').map((line): [string, string] => [name, line]),
  );
}

/** The status line and header lines of a raw HTTP/1.x response head, exactly as received. */
function parseResponseHead(
  text: string,
): { httpVersion: string; reason: string; headers: HeaderLines } | undefined {
  const [statusLine = '', ...lines] = text.split('\r\n');
  const status = /^HTTP\/(\d\.\d) \d{3} ?(.*)$/.exec(statusLine);
  if (status === null) return undefined;
  const headers = lines.flatMap((line): [string, string][] => {
    const colon = line.indexOf(':');
    return colon <= 0 ? [] : [[line.slice(0, colon), line.slice(colon + 1).trim()]];
  });
  return { httpVersion: status[1] ?? '1.1', reason: status[2] ?? '', headers };
}

/**
 * Listens to one page's Network and Audits domains and tells, for the requests to one
 * session's targets, what Chromium did and which CORS check it says failed. A fetch the
 * renderer refuses before sending (`DisallowedByMode`) has no Network events: its reason
 * comes only as a CORS issue in Audits.
 */
export class ChromiumRecorder {
  readonly #requests = new Map<string, ChromiumRequest>();
  readonly #open = new Set<string>();
  /**
   * Responses the network service received, per request id (a redirect reuses the id). Kept
   * apart from #requests: an ExtraInfo event may come before its requestWillBeSent.
   */
  readonly #responses = new Map<string, number>();
  #responseWaiters: (() => void)[] = [];
  /** Requests whose headers, as the network service sent them, carried a Cookie line. */
  readonly #withCookie = new Set<string>();
  /** Requests of earlier steps: a late report about one must not count for this step. */
  readonly #earlier = new Set<string>();
  #issueReasons: ChromiumReason[] = [];
  #records: (url: string) => boolean = () => false;
  #waiters: (() => void)[] = [];
  /**
   * Per request id (a redirect reuses it), each request as sent and what came back, in order:
   * the wire of a step to a server that keeps no log for the runner.
   */
  readonly #wire = new Map<
    string,
    { sent: { url: string; method: string }[]; hops: WireExchange[] }
  >();
  #wireWaiters: (() => void)[] = [];
  /** Request ids answered from Chromium's HTTP cache: nothing crossed the wire for them. */
  readonly #fromCache = new Set<string>();
  /** Request ids that finished loading (not failed). */
  readonly #finished = new Set<string>();
  /** How many ExtraInfo events have come: the wire is quiet while it stays the same. */
  #wireEvents = 0;

  private constructor(readonly cdp: CDPSession) {}

  static async attach(page: Page): Promise<ChromiumRecorder> {
    const cdp = await page.context().newCDPSession(page);
    const recorder = new ChromiumRecorder(cdp);
    cdp.on('Network.requestWillBeSent', (event) => {
      if (!recorder.#records(event.request.url)) return;
      recorder.#wireOf(event.requestId).sent.push({
        url: event.request.url,
        method: event.request.method,
      });
      const known = recorder.#requests.get(event.requestId);
      // A redirect reuses the request id; the last URL is the one that failed or finished.
      recorder.#requests.set(event.requestId, {
        ...known,
        url: event.request.url,
        method: event.request.method,
        preflight: event.initiator.type === 'preflight',
      });
      recorder.#open.add(event.requestId);
    });
    cdp.on('Network.responseReceivedExtraInfo', (event) => {
      recorder.#responses.set(event.requestId, (recorder.#responses.get(event.requestId) ?? 0) + 1);
      const head =
        event.headersText === undefined ? undefined : parseResponseHead(event.headersText);
      const hop = recorder
        .#wireOf(event.requestId)
        .hops.find((sent) => sent.response === undefined);
      if (hop !== undefined) {
        hop.response = {
          status: event.statusCode,
          httpVersion: head?.httpVersion ?? '',
          reason: head?.reason ?? '',
          headers: head?.headers ?? headerLinesOf(event.headers),
          receivedAt: Date.now(),
        };
      }
      recorder.#wireEvents += 1;
      for (const wake of recorder.#responseWaiters.splice(0)) wake();
      for (const wake of recorder.#wireWaiters.splice(0)) wake();
    });
    cdp.on('Network.requestWillBeSentExtraInfo', (event) => {
      const names = Object.keys(event.headers).map((name) => name.toLowerCase());
      if (names.includes('cookie')) recorder.#withCookie.add(event.requestId);
      recorder.#wireEvents += 1;
      recorder.#wireOf(event.requestId).hops.push({
        url: '',
        method: '',
        headers: headerLinesOf(event.headers),
        sentAt: Date.now(),
        startedAt: event.connectTiming.requestTime,
      });
    });
    cdp.on('Network.requestServedFromCache', (event) => recorder.#fromCache.add(event.requestId));
    cdp.on('Network.loadingFinished', (event) => {
      recorder.#finished.add(event.requestId);
      recorder.#close(event.requestId);
      for (const wake of recorder.#wireWaiters.splice(0)) wake();
    });
    cdp.on('Network.loadingFailed', (event) => {
      const request = recorder.#requests.get(event.requestId);
      if (request === undefined) return;
      request.errorText = event.errorText;
      const status = event.corsErrorStatus as CorsErrorStatus | undefined;
      if (status !== undefined)
        request.reason = { corsError: status.corsError, failedParameter: status.failedParameter };
      recorder.#close(event.requestId);
      for (const wake of recorder.#wireWaiters.splice(0)) wake();
    });
    cdp.on('Audits.issueAdded', (event) => {
      const details = event.issue.details.corsIssueDetails;
      if (event.issue.code !== 'CorsIssue' || details === undefined) return;
      if (!recorder.#records(details.request.url)) return;
      if (recorder.#earlier.has(details.request.requestId ?? '')) return;
      const status = details.corsErrorStatus as CorsErrorStatus;
      recorder.#issueReasons.push({
        corsError: status.corsError,
        failedParameter: status.failedParameter,
      });
    });
    await Promise.all([cdp.send('Network.enable'), cdp.send('Audits.enable')]);
    return recorder;
  }

  /**
   * Starts a new step: only requests whose URL contains `marker` (or that `marker` accepts)
   * are recorded.
   */
  begin(marker: RequestMarker): void {
    for (const id of this.#requests.keys()) this.#earlier.add(id);
    this.#requests.clear();
    this.#open.clear();
    this.#responses.clear();
    this.#withCookie.clear();
    this.#wire.clear();
    this.#fromCache.clear();
    this.#finished.clear();
    this.#issueReasons = [];
    this.#records = recordsUrl(marker);
  }

  #wireOf(requestId: string) {
    let wire = this.#wire.get(requestId);
    if (wire === undefined) {
      wire = { sent: [], hops: [] };
      this.#wire.set(requestId, wire);
    }
    return wire;
  }

  /** Request ids of the step (their ExtraInfo events carry no URL, so they are told by id). */
  #stepWire() {
    return [...this.#wire].filter(([id]) => this.#requests.has(id));
  }

  /**
   * Whether every request the network service sent has its response, or failed without one
   * (a connection refused, a reset, a TLS failure: any net error but the CORS one).
   */
  #wireComplete(): boolean {
    return [...this.#requests].every(([id, request]) => {
      if (this.#fromCache.has(id)) return true;
      if (request.errorText !== undefined && request.errorText !== CORS_NET_ERROR) return true;
      const wire = this.#wire.get(id) ?? { sent: [], hops: [] };
      if (!wire.hops.every((hop) => hop.response !== undefined)) return false;
      // A request that finished was sent and answered at each of its URLs; a preflight DevTools
      // shows was sent (a cached one is not shown) and, unless unreachable, answered.
      const answered = this.#finished.has(id) || request.preflight;
      return !answered || wire.hops.length >= wire.sent.length;
    });
  }

  /**
   * Waits until each request Chromium sent has its response event, or `timeoutMs` has passed:
   * ExtraInfo events come from the network service on a pipe of their own, and may come after
   * fetch() has settled.
   */
  async wireSettled(timeoutMs = 2_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    await this.#wireCompleteBy(timeoutMs);
    // A request blocked by CORS may have been answered (a blocked response) or not (a failed
    // preflight stops it); which, only its ExtraInfo events tell, so they get a quiet moment.
    if (!this.requests.some((request) => request.errorText === CORS_NET_ERROR)) return;
    for (let seen = -1; seen !== this.#wireEvents && Date.now() < deadline;) {
      seen = this.#wireEvents;
      await new Promise((resolve) => setTimeout(resolve, WIRE_QUIET_MS));
      await this.#wireCompleteBy(deadline - Date.now());
    }
  }

  async #wireCompleteBy(timeoutMs: number): Promise<void> {
    if (this.#wireComplete() || timeoutMs <= 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.#wireWaiters = this.#wireWaiters.filter((waiter) => waiter !== check);
        resolve();
      }, timeoutMs);
      const check = (): void => {
        if (!this.#wireComplete()) {
          this.#wireWaiters.push(check);
          return;
        }
        clearTimeout(timer);
        resolve();
      };
      this.#wireWaiters.push(check);
    });
  }

  /**
   * The step's wire as the browser saw it, in the target log's shape: each request Chromium's
   * network service sent that got a response, with its headers as sent and the response head
   * as received (blocked responses included), in the order they went out. What never
   * crossed the wire is not here: a preflight answered from the preflight cache, a response
   * from the HTTP cache, a request refused before sending.
   */
  wire(): ExchangeLogEntry[] {
    const exchanges = this.#stepWire().flatMap(([, wire]) =>
      wire.hops.map((hop, index) => ({ ...hop, ...wire.sent[index] })),
    );
    return exchanges
      .filter((exchange) => exchange.response !== undefined && exchange.url !== '')
      .sort((a, b) => a.startedAt - b.startedAt)
      .map((exchange, index): ExchangeLogEntry => {
        const url = new URL(exchange.url);
        const response = exchange.response as NonNullable<WireExchange['response']>;
        const contentLength = response.headers.find(([name]) => /^content-length$/i.test(name));
        return {
          seq: index + 1,
          receivedAt: exchange.sentAt,
          durationMs: response.receivedAt - exchange.sentAt,
          listener: 'browser',
          request: {
            method: exchange.method,
            target: `${url.pathname}${url.search}`,
            host: url.host,
            ...(url.protocol === 'https:' ? { scheme: 'https' as const } : {}),
            httpVersion: response.httpVersion,
            headers: exchange.headers,
            // The browser does not tell a request body's size; the wire view does not need it.
            bodySize: 0,
          },
          response: {
            status: response.status,
            reason: response.reason,
            headers: response.headers,
            // Only what the server declared: a blocked response's body never reaches the page.
            bodySize: Number(contentLength?.[1] ?? 0) || 0,
          },
        };
      });
  }

  /** Whether a request of the step was answered from Chromium's HTTP cache. */
  get usedHttpCache(): boolean {
    return this.#stepWire().some(([id]) => this.#fromCache.has(id));
  }

  /**
   * The network error that kept the step from reaching a server at all (`net::ERR_CONNECTION_REFUSED`,
   * `net::ERR_NAME_NOT_RESOLVED`, a TLS failure), or undefined: not a CORS error, which Chromium
   * reports as `net::ERR_FAILED` with a CORS reason.
   */
  get unreachable(): string | undefined {
    return this.requests.find(
      (request) =>
        request.errorText !== undefined &&
        request.errorText !== CORS_NET_ERROR &&
        request.reason === undefined &&
        request.errorText !== 'net::ERR_ABORTED',
    )?.errorText;
  }

  #close(requestId: string): void {
    this.#open.delete(requestId);
    if (this.#open.size > 0) return;
    for (const wake of this.#waiters.splice(0)) wake();
  }

  /**
   * Waits until every recorded request has finished or failed: the page's promise can
   * settle a moment before DevTools hears why.
   */
  async settle(failed: boolean, timeoutMs = 2_000): Promise<void> {
    // A fetch refused in the renderer sends nothing: give its CORS issue a moment to arrive.
    if (this.#requests.size === 0 && failed && this.#issueReasons.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      return;
    }
    if (this.#open.size === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.#waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /**
   * How many responses the browser received for the step's preflights and for its other
   * requests (each redirect followed counts once): what the network service saw, beside the
   * target's log.
   */
  get responses(): ReceivedResponses {
    let preflights = 0;
    let requests = 0;
    let cookie = false;
    for (const [id, request] of this.#requests) {
      const count = this.#responses.get(id) ?? 0;
      if (request.preflight) preflights += count;
      else requests += count;
      if (!request.preflight && this.#withCookie.has(id)) cookie = true;
    }
    return { preflights, requests, cookie };
  }

  /**
   * Waits until the browser has reported at least `expected` responses, or `timeoutMs` has
   * passed: a response's ExtraInfo event comes from the network service on a pipe of its own,
   * and may come after the request has finished.
   */
  async responsesReach(expected: ReceivedResponses, timeoutMs = 2_000): Promise<void> {
    const reached = (): boolean => {
      const { preflights, requests } = this.responses;
      return preflights >= expected.preflights && requests >= expected.requests;
    };
    if (reached()) return;
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (!reached()) {
          this.#responseWaiters.push(check);
          return;
        }
        clearTimeout(timer);
        resolve();
      };
      // Given up on, a waiter leaves the list, or it would wake on every later step's events.
      const timer = setTimeout(() => {
        this.#responseWaiters = this.#responseWaiters.filter((waiter) => waiter !== check);
        resolve();
      }, timeoutMs);
      this.#responseWaiters.push(check);
    });
  }

  get requests(): ChromiumRequest[] {
    return [...this.#requests.values()];
  }

  /**
   * Chromium's reason for the step's failure: from the failed request that is not a
   * preflight (it carries the preflight's reason too), else from the first CORS issue.
   */
  get reason(): ChromiumReason | undefined {
    const failed = this.requests.filter((request) => request.reason !== undefined);
    return (
      (failed.find((request) => !request.preflight) ?? failed[0])?.reason ?? this.#issueReasons[0]
    );
  }
}
