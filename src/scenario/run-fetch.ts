import type { JsOutcome } from './js-outcome.ts';
import type { FetchInit } from './request-draft.ts';

/**
 * Runs a real fetch() in this page and records exactly what JavaScript saw. Self-contained
 * (no imports at run time, no inner named functions), so the runner can hand its source
 * to a browser page as it is.
 */
export async function runFetch({
  url,
  init,
  signal,
}: {
  url: string;
  init: FetchInit;
  /** Cancels the fetch (the page's Cancel): it then rejects with an `AbortError`. */
  signal?: AbortSignal;
}): Promise<JsOutcome> {
  try {
    const response = await fetch(url, { ...init, signal });
    const body = await response.text();
    return {
      kind: 'resolved',
      status: response.status,
      statusText: response.statusText,
      type: response.type,
      url: response.url,
      redirected: response.redirected,
      headers: [...response.headers],
      body,
    };
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    return { kind: 'rejected', name, message };
  }
}
