/**
 * The sentences about what one exchange came to: the banner, the facts one by one, the notes
 * beside the wire, the history line, what JavaScript learned and the cookie. Each is rendered
 * from the observed facts (`facts.ts`); the model's verdict only adds which check failed and
 * why, and is read only where the facts agree with it (a disagreement is shown on its own).
 *
 * @module
 */
import type { BrowserName } from './browser.ts';
import { cookieReach } from './cookies.ts';
import type { CredentialsMode } from './cors-check.ts';
import type { Verdict } from './evaluate.ts';
import { STAGE_WORDS } from './errors.ts';
import { explainCacheLookup } from './explain.ts';
import type { Arrival, CookieAbsence, ExchangeFacts, FetchFact } from './facts.ts';

const statusLine = (arrival: Arrival): string => `${arrival.status} ${arrival.reason}`.trim();

const times = (count: number, one: string, many: string): string =>
  count === 1 ? `1 ${one}` : `${count} ${many}`;

/** The preflights that reached a target whose URL then never got the request itself. */
function preflightsWithoutRequest(facts: ExchangeFacts): Arrival[] {
  return facts.preflights.filter(
    (preflight) => !facts.requests.some((request) => request.url === preflight.url),
  );
}

/** Where the request got to on the wire, in one sentence. */
function reachedSentence(facts: ExchangeFacts): string | undefined {
  const last = facts.requests.at(-1);
  return last === undefined ? undefined : reachedLast(last, facts.requests.length - 1);
}

function reachedLast(last: Arrival, redirects: number): string {
  return redirects === 0
    ? `The request reached the server, which answered ${statusLine(last)}.`
    : `The request reached the server and was redirected ${times(redirects, 'time', 'times')}; the last answer was ${statusLine(last)}.`;
}

function rejectedBanner(
  facts: ExchangeFacts,
  fetch: FetchFact & { settled: 'rejected' },
  verdict: Verdict,
): string {
  if (fetch.how === 'invalid-arguments') {
    return 'fetch() refused its arguments with a TypeError before sending anything: nothing reached the server.';
  }
  const stopped = preflightsWithoutRequest(facts).at(-1);
  const reached = reachedSentence(facts);
  if (fetch.how === 'aborted') {
    return reached === undefined && stopped === undefined
      ? 'The page cancelled the request (AbortError) before any answer reached it.'
      : `${reached ?? 'The preflight reached the server.'} The page cancelled the request (AbortError), so JavaScript got no response.`;
  }
  if (stopped !== undefined) {
    return `${reached === undefined ? '' : `${reached} `}The preflight (OPTIONS) for ${stopped.url} reached the server, which answered ${statusLine(stopped)}. The browser never sent the actual request, and fetch() rejected.`;
  }
  if (reached === undefined) {
    return verdict.outcome === 'blocked' && verdict.stage === 'request'
      ? 'The browser refused the request before sending it: nothing reached the server, and fetch() rejected.'
      : 'fetch() failed and nothing reached the server.';
  }
  return verdict.outcome === 'blocked'
    ? `${reached} The browser then blocked JavaScript from reading the response. CORS protects the response from the page, not the server from the request.`
    : `${reached} The browser then refused the response, so fetch() rejected: JavaScript gets no status, headers or body.`;
}

/** What happened, in one or two sentences: the first thing the result says. */
export function explainBanner(facts: ExchangeFacts, verdict: Verdict): string {
  const { fetch, read } = facts;
  if (fetch.settled === 'rejected') return rejectedBanner(facts, fetch, verdict);
  const last = facts.requests.at(-1);
  if (last === undefined) {
    return 'fetch() resolved, though nothing reached the server: the browser answered from its HTTP cache.';
  }
  if (fetch.type === 'opaqueredirect') {
    return `The server answered ${statusLine(last)}, a redirect; with redirect: 'manual' JavaScript got an opaque-redirect response: status 0, no headers, no body.`;
  }
  if (!read.status) {
    return `${reachedLast(last, facts.requests.length - 1)} JavaScript got an opaque response: status 0, no headers, no body.`;
  }
  const readable = read.headers.filter((header) => header.readable).length;
  return `The browser let JavaScript read the response: status ${fetch.status}, the body, and ${readable} of ${times(read.headers.length, 'header', 'headers')}.`;
}

/** What `fetch()` did, as a fact. */
function fetchText(fetch: FetchFact): string {
  if (fetch.settled === 'resolved') return `resolved: type '${fetch.type}', status ${fetch.status}`;
  switch (fetch.how) {
    case 'invalid-arguments':
      return `rejected before sending: ${fetch.error}`;
    case 'failed':
      return `rejected: ${fetch.error}`;
    case 'aborted':
      return `cancelled: ${fetch.error}`;
  }
}

function readText(facts: ExchangeFacts): string {
  const { read } = facts;
  if (!read.status && !read.body) {
    return facts.fetch.settled === 'resolved'
      ? 'nothing: status 0, no headers, no body'
      : 'nothing: no status, no headers, no body';
  }
  const readable = read.headers.filter((header) => header.readable).length;
  return `the status, the body and ${readable} of ${times(read.headers.length, 'header', 'headers')}`;
}

/** Which cookies go to another site. */
const CROSS_SITE =
  "so only cookies set with SameSite=None; Secure can go, and only where the browser allows third-party cookies (SameSite=Lax, the default, and Strict cookies never go to another site; a same-site API, such as another port of the page's host, gets them)";

const COOKIE_ABSENCE: Record<CookieAbsence, string> = {
  'nothing-arrived': 'no request reached the server (a preflight never carries cookies)',
  'credentials-omit': "credentials: 'omit' sends no cookies",
  'credentials-same-origin':
    "credentials: 'same-origin' (the default) sends cookies only to the page's own origin; use 'include'",
  'cross-site': `the server is another site than the page, ${CROSS_SITE}, and the browser held none of those for this URL`,
  'none-stored':
    'the browser held no cookie for this URL (a credentialed response with Set-Cookie stores one)',
};

/** Whether a `Cookie` line reached the server, and why not. */
export function explainCookie(facts: ExchangeFacts): string {
  return facts.cookie.arrived
    ? 'A Cookie line arrived with the request.'
    : `No Cookie line arrived: ${COOKIE_ABSENCE[facts.cookie.why]}.`;
}

/** Which cookies will go with a request from `pageOrigin` to `url`, before it is sent. */
export function explainCookiePrediction(
  credentials: CredentialsMode,
  pageOrigin: string,
  url: string,
): string {
  const reach = cookieReach(credentials, pageOrigin, url);
  switch (reach) {
    case 'same-site':
      return `Cookies: the ones the browser holds for this URL go, with credentials: '${credentials}' (a preflight never carries any).`;
    case 'cross-site':
      return `Cookies: the server is another site than the page, ${CROSS_SITE}.`;
    default:
      return `Cookies: none will be sent: ${COOKIE_ABSENCE[reach]}.`;
  }
}

/** Where the request itself got, as a fact. */
function requestText(facts: ExchangeFacts): string {
  const { requests } = facts;
  if (requests.length === 0) return 'never sent';
  const reached =
    requests.length === 1
      ? 'reached the server'
      : `reached the server ${requests.length} times (${times(requests.length - 1, 'redirect', 'redirects')})`;
  const stopped = preflightsWithoutRequest(facts).map((arrival) => arrival.url);
  const never = stopped.length === 0 ? '' : `; never sent to ${stopped.join(', ')}`;
  return `${reached}: ${requests.map(statusLine).join(', then ')}${never}`;
}

/** The facts of an exchange, one line each, as term and description. */
export function explainFacts(facts: ExchangeFacts): readonly (readonly [string, string])[] {
  const { preflights } = facts;
  const preflight = facts.preflightCacheUsed
    ? 'served from the preflight cache: no OPTIONS was sent'
    : preflights.length === 0
      ? 'none sent'
      : `reached the server: ${preflights.map(statusLine).join(', then ')}`;
  return [
    ['Preflight', preflight],
    ['Request', requestText(facts)],
    ['fetch()', fetchText(facts.fetch)],
    ['JavaScript can read', readText(facts)],
    ['Cookie', explainCookie(facts)],
  ];
}

/** Notes on what did not cross the wire, and why. */
export function explainWireNotes(
  facts: ExchangeFacts,
  verdict: Verdict,
  browser: BrowserName = 'chromium',
): string[] {
  const notes: string[] = [];
  const cached = verdict.hops.find((hop) => hop.preflight.servedFromCache);
  if (facts.preflightCacheUsed && cached?.preflight.cache !== undefined) {
    notes.push(
      `The browser used its preflight cache: no OPTIONS was sent. ${explainCacheLookup(cached.preflight.cache, browser)}`,
    );
  }
  if (preflightsWithoutRequest(facts).length > 0 && facts.fetch.settled === 'rejected') {
    notes.push(
      verdict.outcome === 'blocked' && verdict.stage === 'preflight'
        ? `The actual request was never sent: the preflight's answer failed the ${verdict.failure.corsError} check, so the browser stopped there.`
        : 'The actual request was never sent: the browser stopped after the preflight.',
    );
  }
  if (facts.preflights.length === 0 && facts.requests.length === 0) {
    notes.push(nothingArrived(facts, verdict));
  }
  return notes;
}

function nothingArrived(facts: ExchangeFacts, verdict: Verdict): string {
  const { fetch } = facts;
  if (fetch.settled === 'resolved') {
    return 'Nothing reached the server: the browser answered from its HTTP cache.';
  }
  if (
    fetch.how === 'invalid-arguments' ||
    (verdict.outcome === 'blocked' && verdict.stage === 'request')
  ) {
    return 'Nothing reached the server: the browser refused the request before sending it.';
  }
  // The target logs an exchange once it has answered: a request held by a delay and then
  // cancelled may well have reached it, and shows in its log only later.
  if (fetch.how === 'aborted') {
    return 'The target logged no answer before the page cancelled the request (a request it was still answering, e.g. after a delay, is logged when the answer is written).';
  }
  if (verdict.outcome !== 'type-error' && verdict.request.cache === 'only-if-cached') {
    return "Nothing reached the server: with cache: 'only-if-cached' the browser answers from its HTTP cache alone, and it had no answer.";
  }
  return 'Nothing reached the server: it could not be reached (is the target down?), so this is not a CORS failure.';
}

/** The exchange in a few words, for the history. */
export function explainHistoryLine(facts: ExchangeFacts, verdict: Verdict): string {
  const { fetch } = facts;
  if (fetch.settled === 'resolved') {
    if (fetch.type === 'opaqueredirect') return 'opaque redirect: JavaScript reads nothing';
    if (!facts.read.status) return `${fetch.type}: JavaScript reads nothing`;
    // A leniency the request relied on is part of the result, wherever it is shown.
    const lenient = verdict.warnings.length > 0 ? ', against the spec' : '';
    return `read by JavaScript (${fetch.type}, ${fetch.status})${lenient}`;
  }
  switch (fetch.how) {
    case 'invalid-arguments':
      return 'TypeError: nothing sent';
    case 'aborted':
      return 'cancelled';
    case 'failed':
      if (verdict.outcome === 'blocked') {
        return `blocked ${STAGE_WORDS[verdict.stage]}: ${verdict.failure.corsError}`;
      }
      if (verdict.outcome === 'network-error') return `network error ${STAGE_WORDS[verdict.stage]}`;
      return `rejected: ${fetch.error}`;
  }
}

/** What JavaScript learns from a rejection, in words that fit how it was rejected. */
export function explainRejection(fetch: FetchFact & { settled: 'rejected' }): string {
  switch (fetch.how) {
    case 'invalid-arguments':
      return 'fetch() refused its arguments before sending anything, and its message says why: it is about the call itself, not CORS. There is no response: no status, no headers, no body.';
    case 'failed':
      return "That is all JavaScript ever learns: no status, no headers, no body, and no reason. The reason is printed only to the browser's console.";
    case 'aborted':
      return 'The page cancelled the fetch: JavaScript gets no response at all.';
  }
}
