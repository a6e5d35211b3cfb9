/**
 * The browsers the model speaks for. Where they depart from the Fetch Standard differently, the
 * model follows the one named here: `NOTE(chromium)` and `NOTE(firefox)` mark each departure.
 *
 * @module
 */

/** A browser whose CORS behaviour the model reproduces. */
export type BrowserName = 'chromium' | 'firefox';

/** Every browser the model knows, in the order reports list them. */
export const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];

/** How each browser is named in sentences. */
export const BROWSER_LABELS: Readonly<Record<BrowserName, string>> = {
  chromium: 'Chromium',
  firefox: 'Firefox',
};

/**
 * The message of the `TypeError` each browser's `fetch()` rejects with for every CORS and
 * network failure; any other message is `fetch()` naming what is wrong with its arguments.
 */
export const FETCH_FAILURE_MESSAGES: Readonly<Record<BrowserName, string>> = {
  chromium: 'Failed to fetch',
  // NOTE(firefox): Firefox's wording, the same for every CORS and network failure.
  firefox: 'NetworkError when attempting to fetch resource.',
};

/** Whether `message` is a browser's message for a fetch the network or CORS failed. */
export const isFetchFailureMessage = (message: string): boolean =>
  BROWSERS.some((browser) => FETCH_FAILURE_MESSAGES[browser] === message);
