import { FETCH_FAILURE_MESSAGES, type BrowserName } from '../cors/browser.ts';
import type { Verdict } from '../cors/evaluate.ts';
import type { ExchangeFacts } from '../cors/facts.ts';
import type { FirefoxReason } from '../cors/errors.ts';
import { FIREFOX_REASONS, firefoxReason, firefoxReasonOf } from '../cors/firefox-reasons.ts';
import type { HeaderLines } from './cors-headers.ts';
import type { JsOutcome } from './js-outcome.ts';
import { substitutePlaceholders } from './placeholders.ts';
import type { Expectation, Step } from './scenario.ts';

export type Outcome = Verdict['outcome'];

/** Chromium's own reason for blocking a request, as the DevTools Protocol reports it. */
export interface ChromiumReason {
  corsError: string;
  /** The header, method or value at fault; empty when Chromium names none. */
  failedParameter: string;
}
export type PreflightUse = 'sent' | 'cached' | 'none';

/** What the browser did, in the model's terms. */
export interface BrowserFacts {
  /** The browser that played the fetch. */
  browser: BrowserName;
  js: JsOutcome;
  /** Chromium's reason, where it is known (the runner reads it; a page cannot). */
  chromium: ChromiumReason | undefined;
  /** Firefox's reason, from its console message (the runner reads it; a page cannot). */
  firefox: FirefoxReason | undefined;
  /** Whether the target received a preflight, for any URL of the fetch. */
  preflightArrived: boolean;
  /** The header names of the last response the target wrote that was not a preflight's. */
  sentHeaders: string[];
  /** The header lines of the last request the target received that was not a preflight. */
  receivedHeaders: HeaderLines;
}

/** The origins an expectation's placeholders stand for: the page's, and the request's URL's. */
export interface ExpectationOrigins {
  page: string;
  target: string;
}

/** The model's verdict, reduced to what can be held against the browser. */
export interface ModelSummary {
  outcome: Outcome;
  stage?: string;
  corsError?: string;
  failedParameter?: string;
  /** The reason Firefox gives for the same failure, when it gives one. */
  firefox?: FirefoxReason;
  preflight: PreflightUse;
  responseType?: string;
  status?: number;
  /** Response header names JavaScript can read (lower case, sorted, unique). */
  readable: string[];
  hidden: string[];
}

const names = (list: readonly string[]): string[] =>
  [...new Set(list.map((name) => name.toLowerCase()))].sort();

/** Whether the fetch sent a preflight at any hop, used a cached one, or needed none. */
function preflightUse(verdict: Verdict): PreflightUse {
  const decisions =
    verdict.hops.length > 0 ? verdict.hops.map((hop) => hop.preflight) : [verdict.preflight];
  if (decisions.some((decision) => decision.needed && !decision.servedFromCache)) return 'sent';
  return decisions.some((decision) => decision.servedFromCache) ? 'cached' : 'none';
}

/** The model's verdict in the terms `browser` reports it. */
export function summarize(verdict: Verdict, browser: BrowserName = 'chromium'): ModelSummary {
  const summary: ModelSummary = {
    outcome: verdict.outcome,
    preflight: preflightUse(verdict),
    readable: names(
      verdict.headers.filter((header) => header.readable).map((header) => header.name),
    ),
    hidden: names(
      verdict.headers.filter((header) => !header.readable).map((header) => header.name),
    ),
  };
  if (verdict.outcome !== 'allowed') summary.stage = verdict.stage;
  if (verdict.outcome === 'blocked') {
    summary.corsError = verdict.failure.corsError;
    summary.failedParameter = verdict.failure.failedParameter;
    const firefox = firefoxReasonOf(verdict.failure);
    if (firefox !== undefined) summary.firefox = firefox;
    // NOTE(firefox): a failure Firefox gives no CORS reason for is, to Firefox, a network error.
    else if (browser === 'firefox') summary.outcome = 'network-error';
  }
  if (verdict.js.settles === 'resolve') {
    summary.responseType = verdict.js.type;
    summary.status = verdict.js.status;
  }
  return summary;
}

/** How the browser's fetch ended, in the model's terms. */
export function browserOutcome(facts: BrowserFacts): Outcome {
  if (facts.js.kind === 'resolved') return 'allowed';
  // NOTE(firefox): a fetch that got no response at all is logged as "CORS request did not
  // succeed" too; only the other reasons are CORS checks that failed.
  const blocked =
    facts.browser === 'chromium'
      ? facts.chromium !== undefined
      : facts.firefox !== undefined && facts.firefox.code !== 'CORSDidNotSucceed';
  if (blocked) return 'blocked';
  // fetch() refusing its arguments says why; every network failure says only this.
  return facts.js.message === FETCH_FAILURE_MESSAGES[facts.browser]
    ? 'network-error'
    : 'type-error';
}

/** Where the model's Firefox reason and Firefox's own disagree. */
function firefoxDisagreements(model: ModelSummary, browser: BrowserFacts): string[] {
  const modelled = model.firefox?.code;
  const seen = browser.firefox?.code === 'CORSDidNotSucceed' ? undefined : browser.firefox;
  if (modelled !== seen?.code) {
    return [`reason: model ${modelled ?? 'none'}, Firefox ${seen?.code ?? 'none'}`];
  }
  if (seen !== undefined && model.firefox?.param !== seen.param) {
    return [
      `reason's value: model ${JSON.stringify(model.firefox?.param)}, Firefox ${JSON.stringify(seen.param)}`,
    ];
  }
  return [];
}

/**
 * Every way the model's verdict and Chromium's own reason disagree; empty when they agree.
 * What reached the target and what JavaScript read are held against the model through the
 * exchange's facts (`factContradictions` in exchange-facts.ts).
 */
export function disagreements(model: ModelSummary, browser: BrowserFacts): string[] {
  const found: string[] = [];
  const outcome = browserOutcome(browser);
  if (model.outcome !== outcome) found.push(`outcome: model ${model.outcome}, browser ${outcome}`);
  if (browser.browser === 'firefox') return [...found, ...firefoxDisagreements(model, browser)];
  const chromiumError = browser.chromium?.corsError;
  if (model.corsError !== chromiumError) {
    found.push(
      `corsError: model ${model.corsError ?? 'none'}, Chromium ${chromiumError ?? 'none'}`,
    );
  }
  const parameter = browser.chromium?.failedParameter ?? '';
  if (
    parameter !== '' &&
    model.corsError === chromiumError &&
    model.failedParameter !== parameter
  ) {
    found.push(
      `failedParameter: model ${JSON.stringify(model.failedParameter)}, Chromium ${JSON.stringify(parameter)}`,
    );
  }
  return found;
}

/** An expected value with its placeholders replaced (`{{request-origin}}`: the page's). */
function expectedValue(value: string, origins: ExpectationOrigins): string {
  return (
    substitutePlaceholders(value, {
      origin: origins.page,
      target: origins.target,
      requestOrigin: origins.page,
    }) ?? value
  );
}

/** The value of a header among `lines` (names compared case-insensitively), if present. */
function valueOf(lines: HeaderLines, name: string): string | undefined {
  return lines.find(([candidate]) => candidate.toLowerCase() === name.toLowerCase())?.[1];
}

/** What the expectation says of the response JavaScript saw, and is not so. */
function unmetResponse(expect: Expectation, js: JsOutcome, origins: ExpectationOrigins): string[] {
  const wanted = [
    expect.status === undefined ? undefined : `status ${expect.status}`,
    expect.type === undefined ? undefined : `type ${expect.type}`,
    expect.headers === undefined ? undefined : 'response headers',
  ].filter((what) => what !== undefined);
  if (js.kind === 'rejected') {
    return wanted.map((what) => `expected ${what}, fetch() rejected`);
  }
  const unmet: string[] = [];
  if (expect.status !== undefined && expect.status !== js.status) {
    unmet.push(`expected status ${expect.status}, JavaScript saw ${js.status}`);
  }
  if (expect.type !== undefined && expect.type !== js.type) {
    unmet.push(`expected type ${expect.type}, JavaScript saw ${js.type}`);
  }
  for (const [name, value] of Object.entries(expect.headers ?? {})) {
    const expected = expectedValue(value, origins);
    const read = valueOf(js.headers, name);
    if (read !== expected) {
      unmet.push(
        `expected JavaScript to read ${name}: ${JSON.stringify(expected)}, it read ${read === undefined ? 'nothing' : JSON.stringify(read)}`,
      );
    }
  }
  return unmet;
}

/** What the expectation says of the request headers the target received, and is not so. */
function unmetRequestHeaders(
  expect: Expectation,
  received: HeaderLines,
  origins: ExpectationOrigins,
): string[] {
  const unmet: string[] = [];
  for (const [name, wanted] of Object.entries(expect.requestHeaders ?? {})) {
    const value = valueOf(received, name);
    const arrived = value === undefined ? 'did not arrive' : `arrived as ${JSON.stringify(value)}`;
    if (typeof wanted === 'boolean') {
      if (wanted !== (value !== undefined)) {
        unmet.push(`expected ${name} ${wanted ? 'to arrive' : 'not to arrive'}, it ${arrived}`);
      }
    } else if (value !== expectedValue(wanted, origins)) {
      unmet.push(
        `expected ${name}: ${JSON.stringify(expectedValue(wanted, origins))} at the target, it ${arrived}`,
      );
    }
  }
  return unmet;
}

/** What the expectation says of Chromium's reason, and is not so. */
function unmetChromiumReason(expect: Expectation, browser: BrowserFacts): string[] {
  const unmet: string[] = [];
  const corsError = browser.chromium?.corsError ?? null;
  if (expect.corsError !== undefined && expect.corsError !== corsError) {
    unmet.push(`expected corsError ${expect.corsError ?? 'none'}, Chromium ${corsError ?? 'none'}`);
  }
  if (
    expect.failedParameter !== undefined &&
    expect.failedParameter !== browser.chromium?.failedParameter
  ) {
    unmet.push(
      `expected failedParameter ${JSON.stringify(expect.failedParameter)}, Chromium ${JSON.stringify(browser.chromium?.failedParameter ?? '')}`,
    );
  }
  return unmet;
}

/** What a step should come to in `browser`: `expect`, with `expectFirefox`'s fields in Firefox. */
export function expectationFor(
  step: Pick<Step, 'expect' | 'expectFirefox'>,
  browser: BrowserName,
): Expectation | undefined {
  if (browser !== 'firefox' || step.expectFirefox === undefined) return step.expect;
  return { ...step.expect, ...step.expectFirefox };
}

/** Whether `corsError` is one of Firefox's codes rather than Chromium's. */
const isFirefoxCode = (corsError: string): corsError is keyof typeof FIREFOX_REASONS =>
  Object.hasOwn(FIREFOX_REASONS, corsError);

/**
 * What the expectation says of Firefox's reason, and is not so: an expected Chromium
 * `corsError` is held against Firefox's code for it, and `failedParameter` only where Firefox
 * quotes one; a Firefox code (from `expectFirefox`) is held as it is.
 */
function unmetFirefoxReason(expect: Expectation, browser: BrowserFacts): string[] {
  if (expect.corsError === undefined) return [];
  const wanted =
    expect.corsError === null
      ? undefined
      : isFirefoxCode(expect.corsError)
        ? { code: expect.corsError, param: expect.failedParameter ?? '' }
        : firefoxReason(expect.corsError, expect.failedParameter ?? '');
  const seen = browser.firefox?.code === 'CORSDidNotSucceed' ? undefined : browser.firefox;
  if (wanted?.code !== seen?.code) {
    return [
      `expected corsError ${expect.corsError ?? 'none'} (Firefox ${wanted?.code ?? 'none'}), Firefox ${seen?.code ?? 'none'}`,
    ];
  }
  if (
    expect.failedParameter !== undefined &&
    wanted !== undefined &&
    wanted.param !== seen?.param
  ) {
    return [
      `expected failedParameter ${JSON.stringify(wanted.param)}, Firefox ${JSON.stringify(seen?.param ?? '')}`,
    ];
  }
  return [];
}

/** Every expectation of a step that what happened does not meet. */
export function unmetExpectations(
  expect: Expectation | undefined,
  model: ModelSummary,
  browser: BrowserFacts,
  facts: ExchangeFacts,
  origins: ExpectationOrigins,
): string[] {
  if (expect === undefined) return [];
  const unmet: string[] = [];
  const outcome = browserOutcome(browser);
  if (expect.outcome !== undefined && expect.outcome !== outcome) {
    unmet.push(`expected outcome ${expect.outcome}, browser ${outcome}`);
  }
  unmet.push(
    ...(browser.browser === 'firefox' ? unmetFirefoxReason : unmetChromiumReason)(expect, browser),
  );
  unmet.push(...unmetResponse(expect, browser.js, origins));
  unmet.push(...unmetRequestHeaders(expect, browser.receivedHeaders, origins));
  if (expect.preflight !== undefined) {
    const actual: PreflightUse = browser.preflightArrived
      ? 'sent'
      : model.preflight === 'cached'
        ? 'cached'
        : 'none';
    if (expect.preflight !== actual)
      unmet.push(`expected preflight ${expect.preflight}, got ${actual}`);
  }
  const readable =
    browser.js.kind === 'resolved' ? names(browser.js.headers.map(([name]) => name)) : [];
  for (const name of names(expect.readable ?? [])) {
    if (!readable.includes(name)) unmet.push(`expected ${name} readable by JavaScript, it was not`);
  }
  for (const name of names(expect.hidden ?? [])) {
    if (readable.includes(name))
      unmet.push(`expected ${name} hidden from JavaScript, it was readable`);
    if (!names(browser.sentHeaders).includes(name)) {
      unmet.push(`expected the target to send ${name}, it did not`);
    }
  }
  if (expect.request !== undefined) {
    const request = facts.requests.length > 0 ? 'sent' : 'never-sent';
    if (expect.request !== request)
      unmet.push(`expected the request ${expect.request}, it was ${request}`);
  }
  if (expect.cookie !== undefined) {
    const cookie = facts.cookie.arrived ? 'arrived' : facts.cookie.why;
    if (expect.cookie !== cookie) unmet.push(`expected cookie ${expect.cookie}, got ${cookie}`);
  }
  return unmet;
}
