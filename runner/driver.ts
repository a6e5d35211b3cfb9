import type { Playground } from '../mock-server/playground.ts';
import type { BrowserName } from '../src/cors/browser.ts';
import type { FirefoxReason } from '../src/cors/firefox-reasons.ts';
import type { ChromiumReason } from '../src/scenario/agreement.ts';
import type { JsOutcome } from '../src/scenario/js-outcome.ts';
import type { RequestDraft } from '../src/scenario/request-draft.ts';
import type { ChromiumRequest, ReceivedResponses } from './chromium-recorder.ts';

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
   * requests whose URL holds `marker`.
   */
  fetch(url: string, draft: RequestDraft, marker: string): Promise<JsOutcome>;
  /** What the browser said of the last fetch. */
  account(): BrowserAccount;
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
  /** A page in a browser context of its own. */
  open(playground: Playground): Promise<DriverPage>;
  close(): Promise<void>;
}
