import { HeaderList } from '../../../components/header-list.tsx';
import { RichText } from '../../../components/rich-text.tsx';
import { explainWireNotes } from '../../../cors/explain-exchange.ts';
import type { ExchangeRecord } from '../../../scenario/exchange.ts';
import type { Judgement } from '../../../scenario/judge.ts';
import { isPreflightEntry } from '../../../scenario/wire-hops.ts';
import { failedEntry as failedEntryOf, failingHeader } from '../../../lib/failing-header.ts';

/** Notes on what did not cross the wire, and why, from the facts and the model's verdict. */
function WireNotes({ judgement }: { judgement: Judgement }) {
  const notes = explainWireNotes(judgement.facts, judgement.verdict, judgement.browser);
  if (notes.length === 0) return null;
  return (
    <ul className="wire-notes">
      {notes.map((note) => (
        <li key={note}>
          <RichText text={note} />
        </li>
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
  const failedEntry = failedEntryOf(exchange.wire, verdict);
  return (
    <div>
      <WireNotes judgement={judgement} />
      <ol className="wire">
        {exchange.wire.map((entry, index) => {
          const { request, response } = entry;
          const preflight = isPreflightEntry(entry);
          // Which request of the fetch this is: the first, or the one after redirect n.
          const hop = exchange.wire
            .slice(0, index + 1)
            .filter((earlier) => !isPreflightEntry(earlier)).length;
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
