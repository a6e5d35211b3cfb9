import { useDeferredValue, useId, useMemo } from 'react';
import type { SessionInfo } from '../../../scenario/control-api.ts';
import type { ExchangeRecord } from '../../../scenario/exchange.ts';
import { judgeOnce } from '../../../scenario/judge.ts';
import { useStore } from '../../../stores/store.ts';
import { useSendExchange } from '../hooks/use-send-exchange.ts';
import { ExchangeHistory } from './exchange-history.tsx';
import { ExchangeViews } from './exchange-views.tsx';

/** The history, rendered after the chosen exchange's views so it never delays them. */
function DeferredHistory({
  exchanges,
  selectedId,
}: {
  exchanges: ExchangeRecord[];
  selectedId: number;
}) {
  const deferred = useDeferredValue(exchanges);
  const judgements = useMemo(() => deferred.map(judgeOnce), [deferred]);
  return <ExchangeHistory exchanges={deferred} judgements={judgements} selectedId={selectedId} />;
}

/** The Send button, the chosen exchange's three views, and this tab's history. */
export function ExchangePanel({ session }: { session: SessionInfo }) {
  const send = useSendExchange(session);
  const headingId = useId();
  const exchanges = useStore((state) => state.exchanges);
  const selectedId = useStore((state) => state.selectedExchangeId);
  const exchange =
    selectedId === undefined
      ? exchanges.at(-1)
      : exchanges.find((candidate) => candidate.id === selectedId);
  const judgement = useMemo(
    () => (exchange === undefined ? undefined : judgeOnce(exchange)),
    [exchange],
  );

  return (
    <section aria-labelledby={headingId} className="panel">
      <h2 id={headingId}>Result</h2>
      <div className="send-bar">
        <button
          type="button"
          className="primary"
          onClick={() => send.mutate()}
          disabled={send.isPending}
        >
          {send.isPending ? 'Sending…' : 'Send'}
        </button>
        {exchange !== undefined && exchanges.length > 1 && (
          <span className="hint">
            Showing #{exchange.id} of {exchanges.length}
          </span>
        )}
      </div>
      {send.isError && (
        <p role="alert" className="error">
          The playground could not record this exchange: {send.error.message}
        </p>
      )}
      {exchange === undefined || judgement === undefined ? (
        <p className="hint">
          Press Send to make the request. Its verdict, what JavaScript saw and the wire show here.
        </p>
      ) : (
        <ExchangeViews exchange={exchange} judgement={judgement} />
      )}
      {exchanges.length > 0 && (
        <DeferredHistory exchanges={exchanges} selectedId={exchange?.id ?? 0} />
      )}
    </section>
  );
}
