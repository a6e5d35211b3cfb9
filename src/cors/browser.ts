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
