import type { Verdict } from '../../../cors/evaluate.ts';
import { serializeRequestOrigin } from '../../../cors/redirect.ts';
import { parseUrl } from '../../../cors/url.ts';
import type { RepeatResult } from '../../../scenario/control-api.ts';
import { isPreflightEntry } from '../../../scenario/wire-hops.ts';

// https://fetch.spec.whatwg.org/#redirect-status
const REDIRECT_STATUSES = [301, 302, 303, 307, 308] as const;

/**
 * What a redirect in Node's answer means for the browser, or nothing for an answer that is
 * no redirect (a `Location` on a 201 is not followed). The model's verdict decides: Fetch's
 * HTTP fetch runs the CORS check (step 4.4) before it handles a redirect (step 6), so a
 * redirect that fails it is never followed.
 * https://fetch.spec.whatwg.org/#concept-http-fetch
 */
export function redirectWords(
  result: RepeatResult,
  requestUrl: string,
  pageOrigin: string,
  verdict: Verdict,
): string | undefined {
  const { status, headers } = result.entry.response;
  if (!(REDIRECT_STATUSES as readonly number[]).includes(status)) return undefined;
  const location = headers.find(([name]) => name.toLowerCase() === 'location')?.[1];
  if (location === undefined) return undefined;
  if (verdict.outcome === 'blocked') {
    return `Node does not follow redirects, and the browser did not follow this one either: it fails the CORS check (${verdict.failure.corsError}), which the browser runs before it follows a redirect.`;
  }
  const base = parseUrl(requestUrl);
  const next = base === undefined ? undefined : parseUrl(location, base);
  if (base === undefined || next === undefined) {
    return `Node does not follow redirects, and the browser cannot follow this one: its Location "${location}" is not a URL, so the fetch fails there.`;
  }
  const origin = serializeRequestOrigin(pageOrigin, [base, next]);
  return `Node does not follow redirects: this one leads to ${next.href}, which the browser requests next${
    origin === 'null'
      ? ' with Origin: null (a redirect to another origin, from a URL not on the page origin, taints it)'
      : ''
  }. Type that URL above to test it.`;
}

/** Why the request itself (`method`) waits for a click, from what Node's answers show. */
export function pendingWords(results: readonly RepeatResult[], method: string): string {
  const preflighted = results.some(({ entry }) => isPreflightEntry(entry));
  return preflighted
    ? `Node's answer to the preflight lets the ${method} through: a browser that got the same answer sends the ${method} next. Repeating it sends your server the ${method} once more, which may change its data.`
    : `No preflight: this ${method} is a simple request, so the browser sends it without asking first. Repeating it sends your server the ${method} once more, which may change its data.`;
}
