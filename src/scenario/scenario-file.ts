import type { Judgement } from './judge.ts';
import { parseJson } from './parse-json.ts';
import { isUrlDraft, type RequestTarget, type TargetDraft } from './request-draft.ts';
import { parseScenario, type Expectation, type Scenario, type ScenarioInput } from './scenario.ts';
import type { ConfigIssue, ParseResult, ServerConfig } from './server-config.ts';

/** The scenario format this playground reads and writes (`version` of a scenario file). */
export const SCENARIO_FORMAT = 1;

/** What the playground holds at a time: one request draft and the server's config. */
export interface PlaygroundState {
  config: ServerConfig;
  /** The request builder names one of the session's targets. */
  request: TargetDraft;
}

/** The playground's state as a one-step scenario: what the runner plays, and a link holds. */
export function scenarioOf(
  state: PlaygroundState,
  title: string,
  expect?: Expectation,
): ScenarioInput {
  // A scenario's server is a config without its own version.
  const server: Partial<ServerConfig> = { ...state.config };
  delete server.version;
  return {
    version: SCENARIO_FORMAT,
    title,
    server,
    steps: [{ request: state.request, ...(expect === undefined ? {} : { expect }) }],
  };
}

/**
 * The state a scenario's first step starts from: its request, and the server as the step
 * meets it (the step's own server replaces the scenario's). Later steps are for the runner.
 */
export function stateOf(scenario: Scenario): PlaygroundState {
  const [first] = scenario.steps;
  if (first === undefined) throw new Error('a parsed scenario has at least one step');
  if (isUrlDraft(first.request)) throw new Error(OWN_URL_REFUSAL);
  return { config: { version: 1, ...(first.server ?? scenario.server) }, request: first.request };
}

const OWN_URL_REFUSAL =
  "is a request to a server of your own, which the playground's page does not send yet: play the file with `npx cors-playground run`";

/** What the playground's page cannot play of a valid scenario: the runner's own fields. */
function runnerOnlyIssues(scenario: Scenario): ConfigIssue[] {
  const issues: ConfigIssue[] = scenario.steps.flatMap((step, index) =>
    isUrlDraft(step.request)
      ? [{ path: `steps.${index}.request.url`, message: OWN_URL_REFUSAL }]
      : [],
  );
  if (scenario.page !== undefined) {
    issues.push({
      path: 'page.origin',
      message:
        "names a page origin, which only the runner can serve (the playground's page is on its own origin): play the file with `npx cors-playground run`",
    });
  }
  return issues;
}

/** A scenario read from text, or every problem with it: where it is and what is wrong. */
export type ReadScenario = ParseResult<Scenario> & { newer?: number };

/**
 * Reads a scenario from JSON text (a file, a paste, a link's payload), with the same schema
 * the runner uses. A format newer than this playground's is told apart, so the message can
 * say to use a newer playground rather than list what this one does not know.
 */
export function readScenario(text: string): ReadScenario {
  const json = parseJson(text);
  if (!json.ok) return { ok: false, issues: [{ path: '(root)', message: json.error }] };
  const version = (json.value as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && Number.isInteger(version) && version > SCENARIO_FORMAT) {
    const issue: ConfigIssue = {
      path: 'version',
      message: `is ${version}, from a newer CORS Playground; this one reads format ${SCENARIO_FORMAT}`,
    };
    return { ok: false, issues: [issue], newer: version };
  }
  const parsed = parseScenario(json.value);
  if (!parsed.ok) return parsed;
  const issues = runnerOnlyIssues(parsed.value);
  return issues.length === 0 ? parsed : { ok: false, issues };
}

/** Why an exchange's result cannot become a scenario's expectations, or undefined if it can. */
export function expectationsRefusal(judgement: Judgement): string | undefined {
  if (judgement.disagreements.length > 0) {
    return 'the model disagrees with what the browser did, so neither can be trusted as the expectation';
  }
  if (judgement.facts.preflightCacheUsed) {
    return "it used the browser's preflight cache, which a scenario file starts without: send again with a fresh cache";
  }
  return undefined;
}

/**
 * What the runner should find when it plays an exchange's request again in a fresh browser:
 * the outcome, the failing check, the preflight, what JavaScript could read, whether the
 * request arrived. A `Cookie` depends on what this browser had stored, so it is kept only
 * when its reason does not.
 */
export function expectationsOf(judgement: Judgement): Expectation {
  const { model, facts } = judgement;
  const expect: Expectation = { outcome: model.outcome, preflight: model.preflight };
  // (No failedParameter: the page cannot see Chromium's, which is empty for some checks the
  // model names a value for, and may be any of several equally failing values.)
  if (model.corsError !== undefined) expect.corsError = model.corsError;
  if (facts.fetch.settled === 'resolved') {
    expect.readable = model.readable;
    expect.hidden = model.hidden;
  }
  expect.request = facts.requests.length > 0 ? 'sent' : 'never-sent';
  if (!facts.cookie.arrived && facts.cookie.why !== 'none-stored') expect.cookie = facts.cookie.why;
  return expect;
}

/** JSON with every object's keys sorted: equal values give equal text. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, member: unknown) =>
    member !== null && typeof member === 'object' && !Array.isArray(member)
      ? Object.fromEntries(Object.entries(member).sort(([a], [b]) => (a < b ? -1 : 1)))
      : member,
  );
}

/** Whether two JSON values are equal, whatever the order of their objects' keys. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

const TARGET_NAMES: Readonly<Record<RequestTarget, string>> = {
  sameSite: 'the same-site target',
  crossSite: 'the cross-site target',
  second: 'the second target',
  sameOrigin: "the page's own origin",
};

/**
 * A state in a few words, e.g. `PUT /items to the cross-site target`, or
 * `GET http://localhost:3000/api/items` for a draft with its own URL.
 */
export function describeState(state: PlaygroundState): string {
  const { request } = state;
  return isUrlDraft(request)
    ? `${request.method} ${request.url}`
    : `${request.method} ${request.path} to ${TARGET_NAMES[request.target]}`;
}
