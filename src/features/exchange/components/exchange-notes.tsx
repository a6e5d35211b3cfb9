import { cacheSecondsLeft, FreshCacheButton } from '../../../components/fresh-cache.tsx';
import type { Verdict } from '../../../cors/evaluate.ts';
import {
  preflightCacheLookup,
  preflightCacheUse,
  type PreflightCacheEntry,
} from '../../../cors/preflight-cache.ts';
import type { ModelSummary } from '../../../scenario/agreement.ts';
import type { ExchangeRecord } from '../../../scenario/exchange.ts';
import type { Judgement } from '../../../scenario/judge.ts';
import {
  didWords,
  predictionHeld,
  predictionSettledOnly,
  wouldWords,
} from '../../../scenario/predict.ts';
import { serverChangeAfter, serverChangeBetween } from '../../../stores/server-changes-slice.ts';
import { useStore } from '../../../stores/store.ts';

/** A result the server has changed under: it shows the server as it was. */
export function StaleNote({
  exchange,
  onResend,
  resending,
}: {
  exchange: ExchangeRecord;
  onResend: () => void;
  resending: boolean;
}) {
  const changes = useStore((state) => state.serverChanges);
  if (serverChangeAfter(changes, exchange.sentAt) === undefined) return null;
  return (
    <div role="status" className="note stale-note">
      <p>
        <strong>The server changed since this request was sent.</strong> This result shows the
        server as it was then.
      </p>
      {resending ? (
        <p>Sending it again…</p>
      ) : (
        <button type="button" onClick={onResend}>
          Send it again
        </button>
      )}
    </div>
  );
}

/** The cached preflight that spared this exchange's first preflight, if one did. */
function cachedPreflightUsed(verdict: Verdict): PreflightCacheEntry | undefined {
  for (const hop of verdict.hops) {
    if (hop.preflight.cache?.hit === true) return hop.preflight.cache.entry;
  }
  return undefined;
}

/** The cached preflight that will spare the same request sent again at `now`, if one will. */
function cachedPreflightAhead(
  exchange: ExchangeRecord,
  verdict: Verdict,
  now: number,
): PreflightCacheEntry | undefined {
  const hop = verdict.hops[0];
  if (verdict.outcome === 'type-error' || hop?.preflight.needed !== true) return undefined;
  if (!preflightCacheUse(verdict.request.cache).lookup) return undefined;
  const lookup = preflightCacheLookup(
    verdict.cache,
    {
      origin: exchange.pageOrigin,
      url: hop.url,
      credentials: verdict.request.credentials,
      method: hop.method,
      headers: verdict.request.headers,
    },
    now,
  );
  return lookup.hit ? lookup.entry : undefined;
}

/**
 * What the browser's preflight cache did to this exchange and will do to the next: a preflight
 * answered from the cache after the server changed (so the change was not consulted), and how
 * long the same request will skip its preflight.
 */
export function CacheNotes({
  exchange,
  judgement,
  now,
  current,
}: {
  exchange: ExchangeRecord;
  judgement: Judgement;
  now: number;
  /** Whether the same request sent now goes to the same URL (no fresh cache since). */
  current: boolean;
}) {
  const changes = useStore((state) => state.serverChanges);
  const startFreshCache = useStore((state) => state.startFreshCache);
  // Only when the facts say so: a preflight that reached the target was not the cache's.
  const used = judgement.facts.preflightCacheUsed
    ? cachedPreflightUsed(judgement.verdict)
    : undefined;
  const unseenChange =
    used === undefined ? undefined : serverChangeBetween(changes, used.storedAt, exchange.sentAt);
  const ahead = current ? cachedPreflightAhead(exchange, judgement.verdict, now) : undefined;
  if (unseenChange === undefined && ahead === undefined) return null;
  return (
    <div className="note cache-note">
      {unseenChange !== undefined && (
        <p>
          <span aria-hidden="true">↺ </span>
          <strong>
            Answered from the preflight cache: the server&rsquo;s change was not consulted.
          </strong>{' '}
          The browser reused a preflight it cached before the server last changed, so no OPTIONS
          went out and the server&rsquo;s current preflight settings played no part.
        </p>
      )}
      {ahead !== undefined && (
        <p>
          <span aria-hidden="true">↺ </span>
          Sent again in the next {cacheSecondsLeft(ahead, now)} s, this request skips its preflight:
          the browser&rsquo;s cache answers it, so a change to the server&rsquo;s preflight settings
          will not show until then.
        </p>
      )}
      <FreshCacheButton onStart={startFreshCache} />
    </div>
  );
}

const sameOutcome = (a: ModelSummary, b: ModelSummary): boolean =>
  a.outcome === b.outcome &&
  a.stage === b.stage &&
  a.corsError === b.corsError &&
  a.responseType === b.responseType;

/**
 * The prediction made before the request was sent, held against what the browser then did:
 * confirmed, or refuted loudly. Whether fetch() resolved is the browser's own word; where and why it failed
 * is the model's reading of the wire, stated only where it agrees with what the browser did.
 */
export function PredictionCheck({
  exchange,
  judgement,
}: {
  exchange: ExchangeRecord;
  judgement: Judgement;
}) {
  const { prediction } = exchange;
  if (prediction === undefined) return null;
  const { fetch } = judgement.facts;
  if (fetch.settled === 'rejected' && fetch.how === 'aborted') {
    return (
      <p className="note">
        Cancelled before the browser finished, so the prediction (it would {wouldWords(prediction)})
        was not put to the test.
      </p>
    );
  }
  const predictedSettle = prediction.outcome === 'allowed' ? 'resolved' : 'rejected';
  const readable = judgement.disagreements.length === 0;
  let happened: string | undefined;
  if (predictedSettle !== fetch.settled) happened = `fetch() ${fetch.settled}`;
  else if (readable && !sameOutcome(prediction, judgement.model)) {
    happened = `it ${didWords(judgement.model)}`;
  }
  if (happened === undefined && !readable) {
    return (
      <p className="note" aria-label="Prediction">
        {predictionSettledOnly(prediction, fetch.settled)}
      </p>
    );
  }
  if (happened === undefined) {
    return (
      <p className="note prediction-held" aria-label="Prediction">
        <span aria-hidden="true">✓ </span>
        {predictionHeld(prediction, `it ${didWords(judgement.model)}`)}
      </p>
    );
  }
  return (
    <div role="alert" className="note prediction-wrong" aria-label="Prediction">
      <p>
        <span aria-hidden="true">✗ </span>
        <strong>The prediction was wrong.</strong> Before this request was sent, the model said it
        would {wouldWords(prediction)}, but {happened}.
      </p>
      <p>
        The prediction plays the server&rsquo;s config against the model&rsquo;s picture of the
        browser&rsquo;s preflight cache; a change in flight, a cache entry the model did not know,
        or a model error makes them part. The verdict below tells what the wire shows.
      </p>
    </div>
  );
}
