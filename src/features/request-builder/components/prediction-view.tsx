import { useId, useMemo } from 'react';
import type { HopVerdict, Verdict } from '../../../cors/evaluate.ts';
import {
  explain,
  explainCacheLookup,
  explainDroppedHeader,
  explainPreflightDecision,
  explainPreflightReason,
  typeErrorMessage,
} from '../../../cors/explain.ts';
import type { HeaderList as ModelHeaderList } from '../../../cors/headers.ts';
import { HeaderList } from '../../../components/header-list.tsx';
import type { SessionInfo } from '../../../scenario/control-api.ts';
import type { HeaderLines } from '../../../scenario/cors-headers.ts';
import { requestDraftOf } from '../../../stores/request-draft-slice.ts';
import { useStore } from '../../../stores/store.ts';
import { useNow } from '../../../lib/use-now.ts';
import { usePreflightCache } from '../hooks/use-preflight-cache.ts';
import { pathProblem, predict } from '../lib/predict.ts';
import { requestUrl } from '../../../scenario/request-url.ts';

type Tone = 'good' | 'note' | 'bad';

const ICONS: Record<Tone, string> = { good: '✓', note: '⚑', bad: '✗' };

function Headline({ tone, children }: { tone: Tone; children: string }) {
  return (
    <p role="status" className={`rb-headline rb-tone-${tone}`}>
      <span aria-hidden="true">{ICONS[tone]} </span>
      {children}
    </p>
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
function PreflightDetails({ hop }: { hop: HopVerdict }) {
  const decision = hop.preflight;
  if (!decision.needed) {
    return (
      <>
        <Headline tone="good">Simple request: no preflight</Headline>
        <p>{explainPreflightDecision(decision)}</p>
      </>
    );
  }
  return (
    <>
      {decision.servedFromCache ? (
        <Headline tone="good">
          Preflighted, but served from the preflight cache: no OPTIONS
        </Headline>
      ) : (
        <Headline tone="note">Preflighted: an OPTIONS request goes first</Headline>
      )}
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
          {explainCacheLookup(decision.cache)}
        </p>
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
        Credentials (cookies): {hop.credentialsSent ? 'sent' : 'not sent'} with{' '}
        <code>credentials: &apos;{request.credentials}&apos;</code>
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

function VerdictDetails({ verdict }: { verdict: Verdict }) {
  if (verdict.outcome === 'type-error') {
    const explanation = explain(verdict);
    return (
      <>
        <Headline tone="bad">fetch() will throw a TypeError: nothing is sent</Headline>
        <p>{explanation.headline}</p>
        <pre className="code rb-error-text" aria-label="TypeError fetch() throws">
          {typeErrorMessage(verdict.typeError)}
        </pre>
        {explanation.fix !== undefined && <p className="hint">Fix: {explanation.fix}</p>}
      </>
    );
  }
  if (verdict.outcome === 'blocked') {
    // Refused before sending (the mode, the scheme): nothing else to predict.
    const explanation = explain(verdict);
    return (
      <>
        <Headline tone="bad">fetch() will refuse this request: nothing is sent</Headline>
        <p>{explanation.headline}</p>
        {explanation.console !== undefined && (
          <pre className="code rb-error-text" aria-label="Chromium's console line">
            {explanation.console}
          </pre>
        )}
        <p>
          JavaScript gets <code>{explanation.js}</code>
        </p>
        {explanation.fix !== undefined && <p className="hint">Fix: {explanation.fix}</p>}
      </>
    );
  }
  const hop = verdict.hops[0];
  if (hop === undefined) return null;
  return (
    <>
      {hop.tainting === 'basic' && (
        <Headline tone="good">Same origin: CORS does not apply, no preflight</Headline>
      )}
      {hop.tainting === 'opaque' && (
        <Headline tone="note">
          Mode &apos;no-cors&apos;: no preflight, and an opaque response
        </Headline>
      )}
      {hop.tainting === 'cors' && <PreflightDetails hop={hop} />}
      <ActualRequest verdict={verdict} hop={hop} />
    </>
  );
}

interface PredictionViewProps {
  session: SessionInfo;
  pageOrigin: string;
}

/** What the model says this draft will do, before it is sent; follows every keystroke. */
export function PredictionView({ session, pageOrigin }: PredictionViewProps) {
  const draft = useStore((state) => state.draft);
  const cache = usePreflightCache();
  // Cached preflights expire, so the prediction follows the clock while any is cached.
  const now = useNow(cache.length > 0);
  const headingId = useId();
  const request = useMemo(() => requestDraftOf(draft), [draft]);
  const problem = pathProblem(request.path);
  const url = requestUrl(session, request.target, request.path);
  const verdict = useMemo(
    () => (problem === undefined ? predict({ request, url, pageOrigin, cache, now }) : undefined),
    [problem, request, url, pageOrigin, cache, now],
  );

  return (
    <section aria-labelledby={headingId} className="card rb-prediction">
      <h3 id={headingId}>Prediction</h3>
      {verdict === undefined ? (
        <Headline tone="bad">No prediction until the path is fixed</Headline>
      ) : (
        <VerdictDetails verdict={verdict} />
      )}
    </section>
  );
}
