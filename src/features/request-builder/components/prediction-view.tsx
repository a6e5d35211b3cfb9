import { useId, useMemo } from 'react';
import { BROWSER_LABELS } from '../../../cors/browser.ts';
import type { HopVerdict, Verdict } from '../../../cors/evaluate.ts';
import { STAGE_WORDS } from '../../../cors/errors.ts';
import {
  explain,
  type BrowserContext,
  explainCacheLookup,
  explainDroppedHeader,
  explainPreflightDecision,
  explainPreflightReason,
  explainWarning,
} from '../../../cors/explain.ts';
import { explainCookiePrediction } from '../../../cors/explain-exchange.ts';
import type { HeaderList as ModelHeaderList } from '../../../cors/headers.ts';
import { HeaderList } from '../../../components/header-list.tsx';
import { RichText } from '../../../components/rich-text.tsx';
import { cacheSecondsLeft, FreshCacheButton } from '../../../components/fresh-cache.tsx';
import { draftUrl, targetOriginsOf } from '../../../lib/target-url.ts';
import { preflightCacheExpiry } from '../../../cors/preflight-cache.ts';
import { pageBrowser } from '../../../lib/page-browser.ts';
import { useNowUntil } from '../../../lib/use-now.ts';
import type { SessionInfo } from '../../../scenario/control-api.ts';
import type { HeaderLines } from '../../../scenario/cors-headers.ts';
import { preflightHandlerOf } from '../../../scenario/exchange.ts';
import { predict } from '../../../scenario/predict.ts';
import type { ServerConfig } from '../../../scenario/server-config.ts';
import { requestDraftOf } from '../../../stores/request-draft-slice.ts';
import { useStore } from '../../../stores/store.ts';
import { usePreflightCache } from '../hooks/use-preflight-cache.ts';
import { pathProblem } from '../lib/predict.ts';

type Tone = 'good' | 'note' | 'bad';

const ICONS: Record<Tone, string> = { good: '✓', note: '⚑', bad: '✗' };

/** One line of the prediction's summary. */
interface Line {
  tone: Tone;
  text: string;
}

function Headline({ line }: { line: Line }) {
  return (
    <p className={`rb-headline rb-tone-${line.tone}`}>
      <span aria-hidden="true">{ICONS[line.tone]} </span>
      {line.text}
    </p>
  );
}

/** The summary lines, announced as they change: the outcome, then what the browser sends. */
function Summary({ lines }: { lines: readonly (Line | undefined)[] }) {
  return (
    <div role="status" className="rb-summary">
      {lines.map((line) => line !== undefined && <Headline key={line.text} line={line} />)}
    </div>
  );
}

function lines(headers: ModelHeaderList): HeaderLines {
  return headers.map(([name, value]) => [name, value]);
}

/** The request-target of the start line: path and query. */
function requestTarget(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

/** The preflight part of a CORS hop: why, whether the cache spares it, the OPTIONS request. */
function PreflightDetails({ hop, now }: { hop: HopVerdict; now: number }) {
  const decision = hop.preflight;
  const startFreshCache = useStore((state) => state.startFreshCache);
  if (!decision.needed) return <p>{explainPreflightDecision(decision)}</p>;
  return (
    <>
      <p className="rb-subhead">Why a preflight</p>
      <ul className="rb-reasons" aria-label="Why a preflight">
        {decision.reasons.map((reason) => {
          const text = explainPreflightReason(reason);
          return <li key={text}>{text}</li>;
        })}
      </ul>
      {decision.cache !== undefined && (
        <p className="hint">
          <span aria-hidden="true">{decision.servedFromCache ? '↺ ' : ''}</span>
          <RichText text={explainCacheLookup(decision.cache, pageBrowser().profile)} />
        </p>
      )}
      {decision.cache?.hit === true && (
        <div className="rb-cache-note">
          <p>
            For {cacheSecondsLeft(decision.cache.entry, now)} more seconds the browser answers this
            preflight from its cache: a change to the server&rsquo;s preflight settings is not
            consulted until then.
          </p>
          <FreshCacheButton onStart={startFreshCache} />
        </div>
      )}
      {decision.request !== undefined && !decision.servedFromCache && (
        <>
          <p className="rb-subhead">The preflight (CORS header lines)</p>
          <HeaderList
            label="Preflight request"
            startLine={`OPTIONS ${requestTarget(decision.request.url)} HTTP/1.1`}
            headers={lines(decision.request.headers)}
          />
        </>
      )}
    </>
  );
}

/** The request fetch() sends: its start line, the page's headers as sent, and Origin. */
function ActualRequest({ verdict, hop }: { verdict: Verdict; hop: HopVerdict }) {
  if (verdict.outcome === 'type-error') return null;
  const { request } = verdict;
  const headers: HeaderLines = [
    ...lines(request.headers),
    ...(hop.originHeader === undefined ? [] : [['Origin', hop.originHeader] as [string, string]]),
  ];
  return (
    <>
      <p className="rb-subhead">
        {hop.preflight.needed && !hop.preflight.servedFromCache
          ? 'Then the request'
          : 'The request'}{' '}
        (the page&rsquo;s headers and Origin)
      </p>
      <HeaderList
        label="Request the page sends"
        startLine={`${hop.method} ${requestTarget(hop.url)} HTTP/1.1`}
        headers={headers}
      />
      <p className="hint">
        {explainCookiePrediction(request.credentials, request.origin, hop.url)}
      </p>
      {request.dropped.length > 0 && (
        <>
          <p className="rb-subhead">Dropped by fetch()</p>
          <ul className="rb-reasons" aria-label="Dropped by fetch()">
            {request.dropped.map((header, index) => (
              <li key={index}>{explainDroppedHeader(header)}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** Whether the outcome is one the summary's second line already tells (nothing is sent). */
const refusedBeforeSending = (verdict: Verdict): boolean =>
  verdict.outcome === 'type-error' ||
  (verdict.outcome === 'blocked' && verdict.stage === 'request');

/**
 * The predicted outcome of the whole exchange against the server as configured now: the
 * model played against the answers the target would give.
 */
function outcomeLine(verdict: Verdict): Line | undefined {
  // Nothing is sent: the second line says so.
  if (verdict.outcome === 'type-error') return undefined;
  if (verdict.outcome === 'blocked' && verdict.stage === 'request') return undefined;
  if (verdict.outcome === 'allowed') {
    const readable = verdict.responseType === 'cors' || verdict.responseType === 'basic';
    return readable
      ? { tone: 'good', text: 'Will pass: fetch() resolves and JavaScript can read the response' }
      : {
          tone: 'note',
          text: `Will resolve, but ${verdict.responseType}: JavaScript sees status 0, no headers and no body`,
        };
  }
  return {
    tone: 'bad',
    text: `Will ${verdict.outcome === 'blocked' ? 'be blocked' : 'fail'} ${STAGE_WORDS[verdict.stage]}`,
  };
}

/** What the browser does before the server has a say: refuse, or send with or without a preflight. */
function shapeLine(verdict: Verdict): Line | undefined {
  if (verdict.outcome === 'type-error') {
    return { tone: 'bad', text: 'fetch() will throw a TypeError: nothing is sent' };
  }
  if (verdict.outcome === 'blocked' && verdict.stage === 'request') {
    return { tone: 'bad', text: 'fetch() will refuse this request: nothing is sent' };
  }
  const hop = verdict.hops[0];
  if (hop === undefined) return undefined;
  switch (hop.tainting) {
    case 'basic':
      return { tone: 'good', text: 'Same origin: CORS does not apply, no preflight' };
    case 'opaque':
      return { tone: 'note', text: "Mode 'no-cors': no preflight, and an opaque response" };
    case 'cors':
      if (!hop.preflight.needed) return { tone: 'good', text: 'Simple request: no preflight' };
      return hop.preflight.servedFromCache
        ? { tone: 'good', text: 'Preflighted, but served from the preflight cache: no OPTIONS' }
        : { tone: 'note', text: 'Preflighted: an OPTIONS request goes first' };
  }
}

/** The browser a prediction is for (this page's), before anything crossed the wire. */
const predicted = (): BrowserContext => ({ browser: pageBrowser().profile, wire: [] });

/** Why the predicted exchange fails and how to fix it, and what passes only in Chromium. */
function OutcomeDetails({ verdict, config }: { verdict: Verdict; config: ServerConfig }) {
  const privateData = useStore((state) => state.privateData);
  if (refusedBeforeSending(verdict)) return null;
  const explanation = explain(
    verdict,
    { preflightAnsweredByRoute: preflightHandlerOf(config) === 'fallthrough', privateData },
    predicted(),
  );
  return (
    <>
      {verdict.outcome !== 'allowed' && (
        <>
          <p>
            <RichText text={explanation.headline} />
          </p>
          {explanation.fix !== undefined && (
            <p className="hint">
              Fix: <RichText text={explanation.fix} />
            </p>
          )}
        </>
      )}
      {verdict.warnings.length > 0 && (
        <ul className="rb-warnings" aria-label="Warnings">
          {verdict.warnings.map((warning) => (
            <li key={warning}>
              <span aria-hidden="true">⚑ </span>
              <RichText text={explainWarning(warning)} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function VerdictDetails({ verdict, now }: { verdict: Verdict; now: number }) {
  if (verdict.outcome === 'type-error') {
    const explanation = explain(verdict, undefined, predicted());
    return (
      <>
        <p>
          <RichText text={explanation.headline} />
        </p>
        <pre className="code rb-error-text" aria-label="TypeError fetch() throws">
          {explanation.js}
        </pre>
        {explanation.fix !== undefined && (
          <p className="hint">
            Fix: <RichText text={explanation.fix} />
          </p>
        )}
      </>
    );
  }
  if (verdict.outcome === 'blocked' && verdict.stage === 'request') {
    // Refused before sending (the mode, the scheme): nothing else to predict.
    const explanation = explain(verdict, undefined, predicted());
    return (
      <>
        <p>
          <RichText text={explanation.headline} />
        </p>
        {explanation.console !== undefined && (
          <pre
            className="code rb-error-text"
            aria-label={`${BROWSER_LABELS[pageBrowser().profile]}'s console line`}
          >
            {explanation.console}
          </pre>
        )}
        <p>
          JavaScript gets <code>{explanation.js}</code>
        </p>
        {explanation.fix !== undefined && (
          <p className="hint">
            Fix: <RichText text={explanation.fix} />
          </p>
        )}
      </>
    );
  }
  const hop = verdict.hops[0];
  if (hop === undefined) return null;
  return (
    <>
      {hop.tainting === 'cors' && <PreflightDetails hop={hop} now={now} />}
      <ActualRequest verdict={verdict} hop={hop} />
    </>
  );
}

interface PredictionViewProps {
  session: SessionInfo;
  pageOrigin: string;
  /** The server's config as the panel shows it; undefined while it loads. */
  config: ServerConfig | undefined;
}

/** What the model says this draft will do, before it is sent; follows every keystroke. */
export function PredictionView({ session, pageOrigin, config }: PredictionViewProps) {
  const draft = useStore((state) => state.draft);
  const generation = useStore((state) => state.urlGeneration);
  const cache = usePreflightCache();
  // Cached preflights expire, so the prediction follows the clock until the last one has.
  const now = useNowUntil(preflightCacheExpiry(cache));
  const headingId = useId();
  const request = useMemo(() => requestDraftOf(draft), [draft]);
  const problem = pathProblem(request.path);
  const url = draftUrl(session, request.target, request.path, generation);
  const server = useMemo(
    () => (config === undefined ? undefined : { config, origins: targetOriginsOf(session) }),
    [config, session],
  );
  const verdict = useMemo(
    () =>
      problem === undefined
        ? predict({ request, url, pageOrigin, cache, now, server, browser: pageBrowser().profile })
        : undefined,
    [problem, request, url, pageOrigin, cache, now, server],
  );

  return (
    <section aria-labelledby={headingId} className="card rb-prediction">
      <h3 id={headingId}>Prediction</h3>
      {verdict === undefined ? (
        <Summary lines={[{ tone: 'bad', text: 'No prediction until the path is fixed' }]} />
      ) : (
        <>
          <Summary
            lines={[config === undefined ? undefined : outcomeLine(verdict), shapeLine(verdict)]}
          />
          {config === undefined ? (
            <p className="hint">The outcome shows once the server&rsquo;s config has loaded.</p>
          ) : (
            <OutcomeDetails verdict={verdict} config={config} />
          )}
          <VerdictDetails verdict={verdict} now={now} />
        </>
      )}
    </section>
  );
}
