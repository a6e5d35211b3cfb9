import type { ExchangeRecord } from '../../../scenario/exchange.ts';
import type { RequestDraft } from '../../../scenario/request-draft.ts';
import { sameValue } from '../../../scenario/scenario-file.ts';

/**
 * What a challenge's goal asks of the browser's result. Each is checked against what the
 * browser did (what fetch() gave JavaScript, and the header lines the target wrote), never
 * against the model.
 */
export type GoalCheck =
  | 'fetch-resolves'
  | 'only-page-origin'
  | 'no-wildcard'
  | 'no-null-origin'
  | { reads: readonly string[] };

export interface CheckResult {
  text: string;
  met: boolean;
}

const allowOrigins = (exchange: ExchangeRecord): string[] =>
  exchange.wire.flatMap((entry) =>
    entry.response.headers
      .filter(([name]) => name.toLowerCase() === 'access-control-allow-origin')
      .map(([, value]) => value.trim()),
  );

/** Whether a CORS header line lists `*` as an item. */
const hasWildcard = ([name, value]: readonly [string, string]): boolean =>
  /^access-control-(allow-(origin|methods|headers)|expose-headers)$/i.test(name) &&
  value.split(',').some((item) => item.trim() === '*');

function checkResult(check: GoalCheck, exchange: ExchangeRecord): CheckResult {
  if (check === 'fetch-resolves') {
    return {
      text: 'fetch() resolves: the page can read the response',
      met: exchange.js.kind === 'resolved' && exchange.js.type === 'cors',
    };
  }
  if (check === 'only-page-origin') {
    const origins = allowOrigins(exchange);
    return {
      text: `Access-Control-Allow-Origin names the page's origin, ${exchange.pageOrigin}, exactly, on every response`,
      met: origins.length > 0 && origins.every((origin) => origin === exchange.pageOrigin),
    };
  }
  if (check === 'no-wildcard') {
    return {
      text: 'No * in any Access-Control-Allow-* or Expose-Headers line',
      met: !exchange.wire.some((entry) => entry.response.headers.some(hasWildcard)),
    };
  }
  if (check === 'no-null-origin') {
    return {
      text: 'Access-Control-Allow-Origin is never null',
      met: !allowOrigins(exchange).includes('null'),
    };
  }
  const readable = new Set(
    exchange.js.kind === 'resolved' ? exchange.js.headers.map(([name]) => name.toLowerCase()) : [],
  );
  return {
    text: `JavaScript reads ${check.reads.join(', ')}`,
    met: check.reads.every((name) => readable.has(name.toLowerCase())),
  };
}

/**
 * Each part of a goal, met or not by this exchange. The first holds the request to the
 * challenge's: the learner changes the server, and a changed request proves nothing.
 */
export function goalResults(
  checks: readonly GoalCheck[],
  start: RequestDraft,
  exchange: ExchangeRecord,
): CheckResult[] {
  return [
    {
      text: "The page sends the challenge's request, unchanged (change the server, not the request)",
      met: sameValue(exchange.draft, start),
    },
    ...checks.map((check) => checkResult(check, exchange)),
  ];
}
