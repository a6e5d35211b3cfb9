import { evaluate, type Verdict } from '../src/cors/evaluate.ts';
import type { PreflightCache } from '../src/cors/preflight-cache.ts';
import type { ExchangeLogEntry } from '../src/scenario/control-api.ts';
import type { JsOutcome } from '../src/scenario/js-outcome.ts';
import { isUrlDraft, type RequestDraft } from '../src/scenario/request-draft.ts';
import { sessionBase, TARGET_PREFIX } from '../src/scenario/request-url.ts';
import type { Step } from '../src/scenario/scenario.ts';
import type { ServerConfig } from '../src/scenario/server-config.ts';
import type { Playground } from '../mock-server/playground.ts';
import type { Session } from '../mock-server/sessions.ts';
import {
  browserOutcome,
  disagreements,
  expectationFor,
  summarize,
  unmetExpectations,
  type BrowserFacts,
  type ChromiumReason,
  type ModelSummary,
  type Outcome,
} from '../src/scenario/agreement.ts';
import type { BrowserName } from '../src/cors/browser.ts';
import type { FirefoxReason } from '../src/cors/errors.ts';
import type { ChromiumRequest, DriverPage, ReceivedResponses } from './driver.ts';
import type { LoadedScenario } from './scenario-files.ts';
import { modelDraft } from '../src/scenario/judge.ts';
import { exchangeFacts, factContradictions } from '../src/scenario/exchange-facts.ts';
import type { ExchangeFacts } from '../src/cors/facts.ts';
import {
  entryUrl,
  isPreflightEntry,
  preflightArrived,
  wireHops,
} from '../src/scenario/wire-hops.ts';

/** What the target received and answered, in brief. */
export interface Received {
  method: string;
  url: string;
  status: number;
}

export interface StepResult {
  url: string;
  model: ModelSummary;
  browser: {
    /** How the fetch ended in the browser, in the model's terms. */
    outcome: Outcome;
    js: JsOutcome;
    received: Received[];
    chromiumRequests: ChromiumRequest[];
  };
  chromium: ChromiumReason | null;
  /** Firefox's reason, in a Firefox run. */
  firefox: FirefoxReason | null;
  /**
   * Every way the model, the facts, the browser's reason and what the browser said it received
   * disagree; empty when they agree. A sentence rendered from a fact that the browser
   * contradicts fails the step here, as a wrong verdict does.
   */
  differences: string[];
  /** Every expectation of the step that was not met. */
  unmet: string[];
  /**
   * The network error that kept a step to a URL of the user's from reaching any server
   * (`net::ERR_CONNECTION_REFUSED`, `net::ERR_NAME_NOT_RESOLVED`, a certificate error): not
   * a CORS error.
   */
  unreachable?: string;
  /** What was observed: the facts every sentence about the exchange is rendered from. */
  facts: ExchangeFacts;
  verdict: Verdict;
  log: ExchangeLogEntry[];
}

export interface ScenarioResult {
  /** The browser that played it. */
  browser: BrowserName;
  id: string;
  file: string;
  title: string;
  steps: StepResult[];
  /** The model and the browser agree on every step. */
  agree: boolean;
  /** Every expectation is met. */
  passed: boolean;
  /**
   * A server of the user's could not be reached where a step did not expect that: the run
   * could not test it (exit code 3), which is not a CORS failure.
   */
  unreachable: boolean;
  /** From its session's creation to its last step's end, in ms (wall clock). */
  durationMs: number;
}

/**
 * What Chromium should report for what the target's log shows: how many responses, and
 * whether a Cookie line went out.
 * NOTE(chromium): a response that ends the fetch in a network error before any check (the
 * HTTP parser refusing it, a 1xx with nothing after it, or the 21st redirect) is never reported
 * as received.
 */
function reportableResponses(facts: ExchangeFacts, verdict: Verdict): ReceivedResponses {
  const unreported =
    verdict.outcome === 'network-error' &&
    (verdict.networkError.reason === 'invalid-response' ||
      verdict.networkError.reason === 'interim-response' ||
      verdict.networkError.reason === 'too-many-redirects')
      ? verdict.stage
      : undefined;
  return {
    preflights: facts.preflights.length - (unreported === 'preflight' ? 1 : 0),
    requests:
      facts.requests.length - (unreported !== undefined && unreported !== 'preflight' ? 1 : 0),
    cookie: facts.cookie.arrived,
  };
}

/** How a draft's target becomes a URL: its own, or the session's on one of the targets. */
function requestUrl(playground: Playground, session: Session, draft: RequestDraft): string {
  if (isUrlDraft(draft)) return draft.url;
  const base =
    draft.target === 'sameOrigin' ? playground.origins.app : playground.origins[draft.target];
  return `${sessionBase(base, session.id)}${draft.path}`;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What crossed the wire for one step, and where the browser's account of it disagrees. */
interface StepWire {
  js: JsOutcome;
  log: ExchangeLogEntry[];
  /** Says which of the step's facts the browser contradicts, once the model has read the log. */
  contradictions: (facts: ExchangeFacts, verdict: Verdict) => Promise<string[]>;
  unreachable?: string;
}

/**
 * Plays a step's fetch and reads its wire: for a target, the target's log (held against the
 * browser's own count of responses); for a URL of the user's, the browser's own account,
 * which is the only one there is.
 */
async function playFetch(
  runner: DriverPage,
  session: Session,
  draft: RequestDraft,
  url: string,
  pageOrigin: string,
): Promise<StepWire> {
  if (!isUrlDraft(draft)) {
    const cursor = session.log.list().nextSeq - 1;
    const js = await runner.fetch(url, draft, `${TARGET_PREFIX}${session.id}/`);
    return {
      js,
      log: session.log.list(cursor).entries,
      contradictions: (facts, verdict) =>
        runner.wireContradictions(reportableResponses(facts, verdict)),
    };
  }
  // Every request but the page's own: a redirect may lead anywhere.
  const js = await runner.fetch(url, draft, (sent) => !sent.startsWith(`${pageOrigin}/`));
  const wire = await runner.browserWire();
  if (wire === undefined) throw new Error('this browser driver cannot tell the wire of a url');
  // NOTE(chromium): a response from the HTTP cache never crosses the wire, so nothing can
  // hold the model's reading against it.
  const hidden = wire.usedHttpCache
    ? [
        'Chromium answered from its HTTP cache, so nothing crossed the wire to check: give the step `"cache": "no-store"` or a URL of its own',
      ]
    : [];
  return {
    js,
    log: wire.log,
    contradictions: () => Promise.resolve(hidden),
    ...(wire.unreachable === undefined ? {} : { unreachable: wire.unreachable }),
  };
}

async function playStep(
  runner: DriverPage,
  browserName: BrowserName,
  playground: Playground,
  session: Session,
  step: Step,
  cache: PreflightCache,
  pageOrigin: string,
): Promise<StepResult> {
  if (step.waitMs > 0) await wait(step.waitMs);
  if (step.server !== undefined) session.configure({ version: 1, ...step.server });
  const draft = step.request;
  const url = requestUrl(playground, session, draft);
  const now = Date.now();
  const { js, log, contradictions, unreachable } = await playFetch(
    runner,
    session,
    draft,
    url,
    pageOrigin,
  );

  const verdict = evaluate({
    draft: modelDraft({ draft, url, pageOrigin }),
    hops: wireHops(log),
    cache,
    now,
    browser: browserName,
  });
  const model = summarize(verdict, browserName);
  const facts = exchangeFacts({ draft, url, pageOrigin, js, wire: log }, verdict);
  const wire = await contradictions(facts, verdict);
  const account = runner.account();
  const lastResponse =
    log.filter((entry) => entry.request.method !== 'OPTIONS').at(-1) ?? log.at(-1);
  const browser: BrowserFacts = {
    browser: browserName,
    js,
    chromium: account.chromium,
    firefox: account.firefox,
    preflightArrived: preflightArrived(log),
    sentHeaders: lastResponse?.response.headers.map(([name]) => name) ?? [],
    receivedHeaders: log.filter((entry) => !isPreflightEntry(entry)).at(-1)?.request.headers ?? [],
  };
  return {
    url,
    model,
    browser: {
      outcome: browserOutcome(browser),
      js,
      received: log.map((entry) => ({
        method: entry.request.method,
        url: entryUrl(entry),
        status: entry.response.status,
      })),
      chromiumRequests: account.requests,
    },
    chromium: browser.chromium ?? null,
    firefox: browser.firefox ?? null,
    ...(unreachable === undefined ? {} : { unreachable }),
    differences: [...disagreements(model, browser), ...factContradictions(facts, verdict), ...wire],
    unmet: unmetExpectations(expectationFor(step, browserName), model, browser, facts, {
      page: pageOrigin,
      target: new URL(url).origin,
    }),
    facts,
    verdict,
    log,
  };
}

/** Plays every step of a scenario in one page, in a session of its own. */
export async function playScenario(
  runner: DriverPage,
  browserName: BrowserName,
  playground: Playground,
  loaded: LoadedScenario,
): Promise<ScenarioResult> {
  const started = performance.now();
  // The caller opened the page there (run.ts).
  const pageOrigin = loaded.scenario.page?.origin ?? playground.origins.app;
  const config: ServerConfig = { version: 1, ...loaded.scenario.server };
  const session = playground.sessions.create(config);
  if (loaded.scenario.page !== undefined) session.pageOrigin = pageOrigin;
  const steps: StepResult[] = [];
  let cache: PreflightCache = [];
  for (const step of loaded.scenario.steps) {
    const result = await playStep(
      runner,
      browserName,
      playground,
      session,
      step,
      cache,
      pageOrigin,
    );
    cache = result.verdict.cache;
    steps.push(result);
  }
  return {
    browser: browserName,
    id: loaded.id,
    file: loaded.file,
    title: loaded.scenario.title,
    steps,
    agree: steps.every((step) => step.differences.length === 0),
    passed: steps.every((step) => step.unmet.length === 0),
    unreachable: steps.some((step) => step.unreachable !== undefined && step.unmet.length > 0),
    durationMs: performance.now() - started,
  };
}
