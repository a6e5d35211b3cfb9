import type { ExchangeRecord } from '../../../scenario/exchange.ts';
import type { Judgement } from '../../../scenario/judge.ts';
import { pagePath, parseTargetRoute } from '../../../scenario/request-url.ts';
import { isPreflightEntry } from '../../../scenario/wire-hops.ts';
import { failedEntry, failingHeader } from '../../../lib/failing-header.ts';

/** The three parties of a sequence diagram. */
export type Lane = 'page' | 'browser' | 'server';

/** A header line drawn under a message; `value` undefined when the line was not sent. */
export interface SequenceLine {
  name: string;
  value: string | undefined;
  /** The line the failing check read. */
  failing: boolean;
}

/** One message, or a note on the browser's lane (`from` and `to` both the browser). */
export interface SequenceStep {
  from: Lane;
  to: Lane;
  kind: 'call' | 'cache' | 'preflight' | 'request' | 'response' | 'stop' | 'settle';
  label: string;
  /** A second line under the label, e.g. the error JavaScript got. */
  detail?: string;
  lines: SequenceLine[];
  /** Where the browser stopped. */
  failing: boolean;
  /** The step in words: the diagram's text equivalent. */
  text: string;
}

/** The request lines that say what CORS is asked for. */
const REQUEST_LINES = /^(origin|access-control-request-.*)$/i;
/** The response lines the browser's CORS checks and redirects read. */
const RESPONSE_LINES = /^(access-control-.*|location)$/i;

/** A path as the page asked for it: the session's prefix (and a redirect hop's) left out. */
export function displayPath(target: string): string {
  const route = parseTargetRoute(target);
  return (route === undefined ? target : pagePath(route)) || '/';
}

/** `Access-Control-Allow-Origin` from `access-control-allow-origin`. */
const headerCase = (name: string): string =>
  name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());

const listed = (lines: readonly SequenceLine[]): string =>
  lines.map(({ name, value }) => `${name}: ${value ?? ''}`).join(', ');

/**
 * The exchange as a sequence: the page's call, the preflight cache when it answered, every
 * request that reached a target and its answer (each redirect hop included), where the
 * browser stopped with the failing header marked, and how fetch() settled. Built from the
 * target's log and what JavaScript saw; the model adds only which check failed.
 */
export function sequenceOf(exchange: ExchangeRecord, judgement: Judgement): SequenceStep[] {
  const { verdict, facts } = judgement;
  const { draft } = exchange;
  const steps: SequenceStep[] = [
    {
      from: 'page',
      to: 'browser',
      kind: 'call',
      label: `fetch() ${draft.method} ${draft.path}`,
      lines: [],
      failing: false,
      text: `The page calls fetch() for ${draft.method} ${draft.path}.`,
    },
  ];
  if (facts.preflightCacheUsed) {
    steps.push({
      from: 'browser',
      to: 'browser',
      kind: 'cache',
      label: 'Preflight cache: allowed',
      lines: [],
      failing: false,
      text: "The browser's preflight cache answers for the server: no OPTIONS is sent.",
    });
  }
  const blocked = verdict.outcome === 'blocked' ? verdict.failure : undefined;
  const marked = blocked === undefined ? undefined : failingHeader(blocked.corsError);
  const failed = failedEntry(exchange.wire, verdict);
  let hop = 0;
  for (const entry of exchange.wire) {
    const { request, response } = entry;
    const preflight = isPreflightEntry(entry);
    if (!preflight) hop += 1;
    const what = preflight
      ? 'a preflight'
      : hop > 1
        ? `the request after redirect ${hop - 1}`
        : 'the request';
    const path = displayPath(request.target);
    const sent = request.headers
      .filter(([name]) => REQUEST_LINES.test(name))
      .map(([name, value]) => ({ name, value, failing: false }));
    steps.push({
      from: 'browser',
      to: 'server',
      kind: preflight ? 'preflight' : 'request',
      label: `${request.method} ${path} (${request.host})`,
      lines: sent,
      failing: false,
      text: `The browser sends ${what}, ${request.method} ${path}, to ${request.host}${
        sent.length > 0 ? `, with ${listed(sent)}` : ''
      }.`,
    });
    const isFailed = entry === failed;
    const lines: SequenceLine[] = response.headers
      .filter(([name]) => RESPONSE_LINES.test(name))
      .map(([name, value]) => ({
        name,
        value,
        failing: isFailed && name.toLowerCase() === marked,
      }));
    const missing = isFailed && marked !== undefined && !lines.some((line) => line.failing);
    if (missing) lines.push({ name: headerCase(marked), value: undefined, failing: true });
    const status = `${response.status} ${response.reason}`.trim();
    const present = lines.filter((line) => line.value !== undefined);
    steps.push({
      from: 'server',
      to: 'browser',
      kind: 'response',
      label: status,
      lines,
      failing: isFailed,
      text: `${request.host} answers ${status}${
        present.length > 0 ? `, with ${listed(present)}` : ', with no CORS headers'
      }${missing ? `, and no ${headerCase(marked)}` : ''}.`,
    });
  }
  if (verdict.outcome === 'blocked' || verdict.outcome === 'network-error') {
    const check =
      verdict.outcome === 'blocked'
        ? verdict.failure.corsError
        : `a network error (${verdict.networkError.reason})`;
    const header = marked === undefined ? undefined : headerCase(marked);
    steps.push({
      from: 'browser',
      to: 'browser',
      kind: 'stop',
      label: `Stopped: ${check}`,
      lines: [],
      failing: true,
      text: `The browser stops here: ${check}${header === undefined ? '' : ` (${header})`}.`,
    });
  }
  const { js } = exchange;
  const [label, detail] =
    js.kind === 'resolved'
      ? [
          `fetch() resolves: ${`${js.status} ${js.statusText}`.trim()}`,
          `response.type "${js.type}"`,
        ]
      : ['fetch() rejects', `${js.name}: ${js.message}`];
  steps.push({
    from: 'browser',
    to: 'page',
    kind: 'settle',
    label,
    detail,
    lines: [],
    failing: js.kind === 'rejected',
    text: `${label}${js.kind === 'resolved' ? ',' : ':'} ${detail}.`,
  });
  return steps;
}
