import type { ExchangeRecord } from '../../../scenario/exchange.ts';
import type { Judgement } from '../../../scenario/judge.ts';
import { isPreflightEntry } from '../../../scenario/wire-hops.ts';

/**
 * How a question is answered: from the shown result (`problem` or `fine`), or left to the
 * learner when nothing the playground saw can answer it (`ask`).
 */
export type AnswerKind = 'problem' | 'fine' | 'ask';

export interface ChecklistItem {
  id: string;
  question: string;
  answer: { kind: AnswerKind; text: string };
  /** The preset that shows this mistake: its id (`#preset=<id>`) and title. */
  preset: { id: string; title: string };
}

type Exchange = { exchange: ExchangeRecord; judgement: Judgement } | undefined;

const ask = (text: string) => ({ kind: 'ask' as const, text });
const problem = (text: string) => ({ kind: 'problem' as const, text });
const fine = (text: string) => ({ kind: 'fine' as const, text });

const NOT_SENT = 'Send the request to answer this from what happens.';

/** Nothing reached the target: its log, the only witness of an answer, holds nothing. */
const NOTHING_ARRIVED =
  'Nothing reached the target this time, so no answer from it can settle this.';

const nothingArrived = ({ judgement }: NonNullable<Exchange>): boolean =>
  judgement.facts.preflights.length === 0 && judgement.facts.requests.length === 0;

const lineValues = (lines: readonly (readonly [string, string])[], name: string): string[] =>
  lines.filter(([line]) => line.toLowerCase() === name).map(([, value]) => value);

function whoIsCalling(shown: Exchange) {
  if (shown === undefined) {
    return ask(
      `${NOT_SENT} A browser sends Origin and applies CORS; curl, a backend or a webhook provider never does.`,
    );
  }
  if (nothingArrived(shown)) {
    return ask(
      `${NOTHING_ARRIVED} A browser sends Origin and applies CORS; curl, a backend or a webhook provider never does.`,
    );
  }
  const origin = shown.exchange.wire.flatMap((entry) =>
    lineValues(entry.request.headers, 'origin'),
  );
  return origin.length > 0
    ? fine(
        `The browser: the request arrived with Origin: ${origin[0]}, so CORS applies. The same request from a server would get its answer whatever the CORS headers say.`,
      )
    : fine(
        'The browser, but with no Origin line: a same-origin or no-cors request, which CORS does not check.',
      );
}

function preflightHandled(shown: Exchange) {
  if (shown === undefined) return ask(NOT_SENT);
  const { exchange, judgement } = shown;
  const { verdict, facts } = judgement;
  if (facts.preflightCacheUsed) {
    return fine("The browser's preflight cache answered: no OPTIONS was needed this time.");
  }
  const preflight = exchange.wire.filter(isPreflightEntry).at(-1);
  if (preflight === undefined) {
    return verdict.preflight.needed
      ? ask('A preflight was needed, but none reached the target: was the target reachable?')
      : fine('No preflight was needed: this is a simple request.');
  }
  const { status, reason } = preflight.response;
  if (verdict.outcome === 'blocked' && verdict.stage === 'preflight') {
    return status >= 200 && status < 300
      ? problem(
          `The OPTIONS was answered ${status} ${reason}, but its headers failed: ${verdict.failure.corsError}.`,
        )
      : problem(
          `No: the OPTIONS got ${status} ${reason}. A preflight needs a 2xx answer with the CORS headers (a missing OPTIONS handler gives 404 or 405).`,
        );
  }
  return fine(`Yes: the OPTIONS got ${status} ${reason} with headers that allow the request.`);
}

function credentialsWithWildcard(shown: Exchange) {
  if (shown === undefined) return ask(NOT_SENT);
  const { exchange, judgement } = shown;
  const { verdict } = judgement;
  const check = verdict.outcome === 'blocked' ? verdict.failure.corsError : undefined;
  if (check === 'WildcardOriginNotAllowed' || check === 'PreflightWildcardOriginNotAllowed') {
    const where = check === 'WildcardOriginNotAllowed' ? 'response' : 'preflight';
    return problem(
      `Yes: the request includes credentials and the ${where} answered Access-Control-Allow-Origin: *. Send the exact origin and Access-Control-Allow-Credentials: true.`,
    );
  }
  if (exchange.draft.credentials !== 'include') {
    return fine(
      `No: credentials are '${exchange.draft.credentials}', so * would be allowed for this request.`,
    );
  }
  return nothingArrived(shown)
    ? ask(NOTHING_ARRIVED)
    : fine('No: the request includes credentials, and the answer did not use *.');
}

const PREFLIGHT_HEADERS = ['authorization', 'content-type'];

function allowHeadersMissing(shown: Exchange) {
  if (shown === undefined) return ask(NOT_SENT);
  const { exchange, judgement } = shown;
  const { verdict } = judgement;
  if (
    verdict.outcome === 'blocked' &&
    verdict.failure.corsError === 'HeaderDisallowedByPreflightResponse'
  ) {
    return problem(
      `Yes: the preflight did not allow ${verdict.failure.failedParameter}. Add it to Access-Control-Allow-Headers.`,
    );
  }
  const sent = exchange.draft.headers
    .map(([name]) => name.toLowerCase())
    .filter((name) => PREFLIGHT_HEADERS.includes(name));
  if (sent.length === 0) {
    return fine('The request sends neither Authorization nor Content-Type that needs allowing.');
  }
  if (nothingArrived(shown)) return ask(NOTHING_ARRIVED);
  return verdict.outcome === 'blocked' && verdict.stage === 'preflight'
    ? ask(`The preflight failed before the headers were checked (${verdict.failure.corsError}).`)
    : fine(`No: ${sent.join(' and ')} got through.`);
}

function exposeHeadersNeeded(shown: Exchange) {
  if (shown === undefined) return ask(NOT_SENT);
  const { facts } = shown.judgement;
  if (facts.fetch.settled === 'rejected') {
    return ask('Not yet: JavaScript reads no header until the request passes its CORS checks.');
  }
  if (!facts.read.status) {
    return problem(
      "The response is opaque: JavaScript reads none of its headers, and Access-Control-Expose-Headers cannot change that. Send it with mode 'cors' and allow it.",
    );
  }
  const hidden = facts.read.headers
    .filter(
      (header) => !header.readable && !/^(set-cookie2?|access-control-.*)$/i.test(header.name),
    )
    .map((header) => header.name);
  return hidden.length > 0
    ? problem(
        `To read ${hidden.join(', ')}: each reads null until named in Access-Control-Expose-Headers.`,
      )
    : fine('No: JavaScript could read every header the response carried that it may read.');
}

function proxyTrouble(shown: Exchange) {
  if (shown === undefined) return ask(NOT_SENT);
  const { exchange, judgement } = shown;
  const { verdict } = judgement;
  const doubled = exchange.wire.find(
    (entry) => lineValues(entry.response.headers, 'access-control-allow-origin').length > 1,
  );
  if (doubled !== undefined) {
    return problem(
      `Doubled: ${lineValues(doubled.response.headers, 'access-control-allow-origin').length} Access-Control-Allow-Origin lines arrived on one response, as when both the app and a proxy add it.`,
    );
  }
  const preflight = exchange.wire.filter(isPreflightEntry).at(-1);
  if (
    verdict.outcome === 'blocked' &&
    verdict.failure.corsError === 'MissingAllowOriginHeader' &&
    preflight !== undefined &&
    lineValues(preflight.response.headers, 'access-control-allow-origin').length > 0
  ) {
    return problem(
      'Maybe stripped: the preflight had Access-Control-Allow-Origin and the response lacks it, which is what a proxy passing on only some headers does.',
    );
  }
  return fine(
    'No sign of it here: no CORS header arrived twice, and none went missing between the preflight and the response.',
  );
}

/**
 * The questions people ask when a cross-origin request fails, each answered from the shown
 * result where it can be, and each linked to the preset that shows the mistake.
 */
export function checklist(shown: Exchange): ChecklistItem[] {
  return [
    {
      id: 'who',
      question: 'Who is calling: the browser, or a server?',
      answer: whoIsCalling(shown),
      preset: {
        id: 'webhooks/server-to-server-only',
        title: 'The webhook route works server-to-server, not from the browser',
      },
    },
    {
      id: 'route',
      question: 'Is it the webhook route or the browser-facing route?',
      answer: ask(
        'Only you know which URL the page calls. A route made for servers (a webhook) usually has no CORS headers, on purpose: give the page a route of its own.',
      ),
      preset: {
        id: 'webhooks/webhook-from-page',
        title: 'A webhook endpoint called from a page: Failed to fetch',
      },
    },
    {
      id: 'preflight',
      question: 'Is the preflight handled (OPTIONS answered 2xx with the headers)?',
      answer: preflightHandled(shown),
      preset: {
        id: 'preflights/cron-dashboard-options-404',
        title: 'Missing OPTIONS handler: the preflight gets a 404',
      },
    },
    {
      id: 'credentials',
      question: 'Credentials with Access-Control-Allow-Origin: *?',
      answer: credentialsWithWildcard(shown),
      preset: {
        id: 'credentials/wildcard-with-credentials',
        title: "credentials: 'include' with Access-Control-Allow-Origin: *",
      },
    },
    {
      id: 'allow-headers',
      question: 'Authorization or Content-Type missing from Access-Control-Allow-Headers?',
      answer: allowHeadersMissing(shown),
      preset: {
        id: 'preflights/authorization-not-allowed',
        title: 'Authorization not in Access-Control-Allow-Headers',
      },
    },
    {
      id: 'expose',
      question: 'Need Access-Control-Expose-Headers to read a header?',
      answer: exposeHeadersNeeded(shown),
      preset: {
        id: 'reading-headers/headers-read-null',
        title: 'ETag, Link and X-RateLimit-Remaining read null',
      },
    },
    {
      id: 'proxy',
      question: 'A proxy or CDN stripping or doubling headers?',
      answer: proxyTrouble(shown),
      preset: {
        id: 'proxies/proxy-doubles-allow-origin',
        title: 'A proxy adds a second Access-Control-Allow-Origin',
      },
    },
  ];
}
