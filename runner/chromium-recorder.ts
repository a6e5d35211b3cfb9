import type { CDPSession, Page } from '@playwright/test';
import type { ChromiumReason } from '../src/scenario/agreement.ts';

/** How many responses the browser received for a step's preflights and its other requests. */
export interface ReceivedResponses {
  preflights: number;
  requests: number;
  /** Whether a request that was not a preflight went out with a Cookie line. */
  cookie: boolean;
}

/** A request Chromium made, as the DevTools Protocol saw it. */
export interface ChromiumRequest {
  url: string;
  method: string;
  /** A CORS preflight, which DevTools shows as a request of its own. */
  preflight: boolean;
  /** `net::ERR_FAILED` and the like, when the request failed. */
  errorText?: string;
  reason?: ChromiumReason;
}

interface CorsErrorStatus {
  corsError: string;
  failedParameter: string;
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
  #marker = '';
  #waiters: (() => void)[] = [];

  private constructor(readonly cdp: CDPSession) {}

  static async attach(page: Page): Promise<ChromiumRecorder> {
    const cdp = await page.context().newCDPSession(page);
    const recorder = new ChromiumRecorder(cdp);
    cdp.on('Network.requestWillBeSent', (event) => {
      if (!event.request.url.includes(recorder.#marker) || recorder.#marker === '') return;
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
      for (const wake of recorder.#responseWaiters.splice(0)) wake();
    });
    cdp.on('Network.requestWillBeSentExtraInfo', (event) => {
      const names = Object.keys(event.headers).map((name) => name.toLowerCase());
      if (names.includes('cookie')) recorder.#withCookie.add(event.requestId);
    });
    cdp.on('Network.loadingFinished', (event) => recorder.#close(event.requestId));
    cdp.on('Network.loadingFailed', (event) => {
      const request = recorder.#requests.get(event.requestId);
      if (request === undefined) return;
      request.errorText = event.errorText;
      const status = event.corsErrorStatus as CorsErrorStatus | undefined;
      if (status !== undefined)
        request.reason = { corsError: status.corsError, failedParameter: status.failedParameter };
      recorder.#close(event.requestId);
    });
    cdp.on('Audits.issueAdded', (event) => {
      const details = event.issue.details.corsIssueDetails;
      if (event.issue.code !== 'CorsIssue' || details === undefined) return;
      if (!details.request.url.includes(recorder.#marker) || recorder.#marker === '') return;
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

  /** Starts a new step: only requests whose URL contains `marker` are recorded. */
  begin(marker: string): void {
    for (const id of this.#requests.keys()) this.#earlier.add(id);
    this.#requests.clear();
    this.#open.clear();
    this.#responses.clear();
    this.#withCookie.clear();
    this.#issueReasons = [];
    this.#marker = marker;
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
