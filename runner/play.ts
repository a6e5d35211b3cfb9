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
import type { FirefoxReason } from '../src/cors/firefox-reasons.ts';
import type { ChromiumRequest, ReceivedResponses } from './chromium-recorder.ts';
import type { DriverPage } from './driver.ts';
import type { LoadedScenario } from './scenario-files.ts';
import { modelDraft } from '../src/scenario/judge.ts';
import { exchangeFacts, factContradictions } from '../src/scenario/exchange-facts.ts';
import type { ExchangeFacts } from '../src/cors/facts.ts';
import { isPreflightEntry, preflightArrived, wireHops } from '../src/scenario/wire-hops.ts';

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

/** Where the runner's page lives and how a draft's target becomes a URL. */
function requestUrl(playground: Playground, session: Session, draft: RequestDraft): string {
  // The wire of a request to another server comes from the browser (see ChromiumRecorder).
  if (isUrlDraft(draft)) throw new Error(NOT_PLAYED_YET);
  const base =
    draft.target === 'sameOrigin' ? playground.origins.app : playground.origins[draft.target];
  return `${sessionBase(base, session.id)}${draft.path}`;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function playStep(
  runner: DriverPage,
  browserName: BrowserName,
  playground: Playground,
  session: Session,
  step: Step,
  cache: PreflightCache,
): Promise<StepResult> {
  if (step.waitMs > 0) await wait(step.waitMs);
  if (step.server !== undefined) session.configure({ version: 1, ...step.server });
  const draft = step.request;
  const url = requestUrl(playground, session, draft);
  const cursor = session.log.list().nextSeq - 1;
  const now = Date.now();
  const js = await runner.fetch(url, draft, `${TARGET_PREFIX}${session.id}/`);
  const log = session.log.list(cursor).entries;

  const verdict = evaluate({
    draft: modelDraft({ draft, url, pageOrigin: playground.origins.app }),
    hops: wireHops(log),
    cache,
    now,
    browser: browserName,
  });
  const model = summarize(verdict, browserName);
  const facts = exchangeFacts(
    { draft, url, pageOrigin: playground.origins.app, js, wire: log },
    verdict,
  );
  const reportable = reportableResponses(facts, verdict);
  const wire = await runner.wireContradictions(reportable);
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
        url: `http://${entry.request.host}${entry.request.target}`,
        status: entry.response.status,
      })),
      chromiumRequests: account.requests,
    },
    chromium: browser.chromium ?? null,
    firefox: browser.firefox ?? null,
    differences: [...disagreements(model, browser), ...factContradictions(facts, verdict), ...wire],
    unmet: unmetExpectations(expectationFor(step, browserName), model, browser, facts, {
      page: playground.origins.app,
      target: new URL(url).origin,
    }),
    facts,
    verdict,
    log,
  };
}

const NOT_PLAYED_YET = 'this runner does not yet play a `url` or a `page` origin';

/** Plays every step of a scenario in one page, in a session of its own. */
export async function playScenario(
  runner: DriverPage,
  browserName: BrowserName,
  playground: Playground,
  loaded: LoadedScenario,
): Promise<ScenarioResult> {
  if (loaded.scenario.page !== undefined) throw new Error(NOT_PLAYED_YET);
  const started = performance.now();
  const config: ServerConfig = { version: 1, ...loaded.scenario.server };
  const session = playground.sessions.create(config);
  const steps: StepResult[] = [];
  let cache: PreflightCache = [];
  for (const step of loaded.scenario.steps) {
    const result = await playStep(runner, browserName, playground, session, step, cache);
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
    durationMs: performance.now() - started,
  };
}
