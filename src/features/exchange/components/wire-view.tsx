import { HeaderList } from '../../../components/header-list.tsx';
import { explainCacheLookup } from '../../../cors/explain.ts';
import type { ExchangeLogEntry } from '../../../scenario/control-api.ts';
import type { ExchangeRecord } from '../../../scenario/exchange.ts';
import type { Judgement } from '../../../scenario/judge.ts';
import { failingHeader } from '../lib/failing-header.ts';

const isPreflight = (entry: ExchangeLogEntry): boolean =>
  entry.request.method === 'OPTIONS' &&
  entry.request.headers.some(([name]) => name.toLowerCase() === 'access-control-request-method');

/** Notes on what did not cross the wire, and why, from the model's verdict. */
function WireNotes({ exchange, judgement }: { exchange: ExchangeRecord; judgement: Judgement }) {
  const { verdict } = judgement;
  const notes: string[] = [];
  const cached = verdict.hops.find((hop) => hop.preflight.servedFromCache);
  if (cached?.preflight.cache !== undefined) {
    notes.push(
      `The browser used its preflight cache: no OPTIONS was sent. ${explainCacheLookup(cached.preflight.cache)}`,
    );
  }
  if (verdict.outcome === 'blocked' && verdict.stage === 'preflight') {
    notes.push(
      'The actual request was never sent: the preflight failed, so the browser stopped there.',
    );
  }
  if (exchange.wire.length === 0) {
    notes.push(
      verdict.outcome === 'type-error' ||
        (verdict.outcome === 'blocked' && verdict.stage === 'request')
        ? 'Nothing reached the server: the browser refused the request before sending it.'
        : 'Nothing reached the server: it could not be reached (is the target down?), so this is not a CORS failure.',
    );
  }
  if (notes.length === 0) return null;
  return (
    <ul className="wire-notes">
      {notes.map((note) => (
        <li key={note}>{note}</li>
      ))}
    </ul>
  );
}

/** What crossed the wire for one exchange: each request and the response written to it. */
export function WireView({
  exchange,
  judgement,
}: {
  exchange: ExchangeRecord;
  judgement: Judgement;
}) {
  const { verdict } = judgement;
  const marked =
    verdict.outcome === 'blocked' ? failingHeader(verdict.failure.corsError) : undefined;
  // The response the failing check read: the preflight's at that stage, else the request's.
  const failedEntry =
    verdict.outcome === 'blocked'
      ? exchange.wire.findLast((entry) => isPreflight(entry) === (verdict.stage === 'preflight'))
      : undefined;
  return (
    <div>
      <WireNotes exchange={exchange} judgement={judgement} />
      <ol className="wire">
        {exchange.wire.map((entry, index) => {
          const { request, response } = entry;
          const preflight = isPreflight(entry);
          // Which request of the fetch this is: the first, or the one after redirect n.
          const hop = exchange.wire
            .slice(0, index + 1)
            .filter((earlier) => !isPreflight(earlier)).length;
          const label = preflight
            ? 'Preflight'
            : hop > 1
              ? `Request after redirect ${hop - 1}`
              : 'Request';
          const highlight =
            entry === failedEntry && marked !== undefined ? new Set([marked]) : undefined;
          return (
            <li key={entry.seq} aria-label={`${label}: ${request.method} ${request.target}`}>
              <h4>
                {label} · +{Math.max(0, entry.receivedAt - exchange.sentAt)} ms · answered in{' '}
                {entry.durationMs.toFixed(1)} ms
              </h4>
              <HeaderList
                label={`Request headers of ${request.method}`}
                startLine={`${request.method} ${request.target} HTTP/${request.httpVersion}`}
                headers={request.headers}
              />
              <HeaderList
                label={`Response headers to ${request.method}`}
                startLine={`HTTP/1.1 ${response.status} ${response.reason}`}
                headers={response.headers}
                highlight={highlight}
              />
              <p className="hint">{response.bodySize} body bytes</p>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
