import type { Playground } from '../mock-server/playground.ts';
import type { BrowserName } from '../src/cors/browser.ts';
import type { FirefoxReason } from '../src/cors/errors.ts';
import type { ChromiumReason } from '../src/scenario/agreement.ts';
import type { ExchangeLogEntry } from '../src/scenario/control-api.ts';
import type { JsOutcome } from '../src/scenario/js-outcome.ts';
import type { RequestDraft } from '../src/scenario/request-draft.ts';

/** Which requests a fetch's account covers: URLs holding a marker, or those a test accepts. */
export type RequestMarker = string | ((url: string) => boolean);

/** The test of a RequestMarker; an empty marker covers nothing. */
export function recordsUrl(marker: RequestMarker): (url: string) => boolean {
  return typeof marker === 'string' ? (url) => marker !== '' && url.includes(marker) : marker;
}

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

/**
 * The wire of a fetch to a server that keeps no log for the runner (a step's own `url`), as
 * the browser itself told it, in the target log's shape.
 */
export interface BrowserWire {
  log: ExchangeLogEntry[];
  /** A response came from the browser's HTTP cache: nothing crossed the wire for it. */
  usedHttpCache: boolean;
  /** The network error that kept the fetch from reaching any server: not a CORS error. */
  unreachable: string | undefined;
}

/** What the browser itself said of one fetch, beside what JavaScript saw. */
export interface BrowserAccount {
  /** Chromium's reason (DevTools' `corsErrorStatus`); always absent in Firefox. */
  chromium: ChromiumReason | undefined;
  /** Firefox's reason (its console message); always absent in Chromium. */
  firefox: FirefoxReason | undefined;
  /** The requests as Chromium's DevTools saw them; Firefox's driver reports none. */
  requests: ChromiumRequest[];
}

/**
 * One page of a browser, on the playground's app origin, that plays fetches and tells what
 * the browser said of each. The seam between the runner and a browser's driver.
 */
export interface DriverPage {
  /**
   * Runs `draft`'s fetch() at `url` and waits for the browser's account of it, recording only
   * requests whose URL holds `marker` (or that `marker` accepts).
   */
  fetch(url: string, draft: RequestDraft, marker: RequestMarker): Promise<JsOutcome>;
  /** What the browser said of the last fetch. */
  account(): BrowserAccount;
  /**
   * The last fetch's wire as the browser sent and received it, once the browser has told all
   * of it; undefined where the driver cannot read it.
   */
  browserWire(): Promise<BrowserWire | undefined>;
  /**
   * Where the responses the target's log makes (`expected`) contradict the browser's own count
   * of what it received. Chromium's network service reports it; Firefox's driver cannot, so a
   * Firefox run checks the wire through the target's log alone.
   */
  wireContradictions(expected: ReceivedResponses): Promise<string[]>;
  /** Forgets the scenario before: its cookies. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** A launched browser that opens pages for the runner. */
export interface BrowserDriver {
  readonly name: BrowserName;
  /** The browser's version, as it reports it. */
  readonly version: string;
  /**
   * A page in a browser context of its own: the runner's blank page on the playground's app
   * origin, or at `pageUrl` (a scenario's page origin, which this browser must be able to reach).
   */
  open(playground: Playground, pageUrl?: string): Promise<DriverPage>;
  close(): Promise<void>;
}
