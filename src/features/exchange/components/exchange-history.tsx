import { explainHistoryLine } from '../../../cors/explain-exchange.ts';
import type { ExchangeRecord } from '../../../scenario/exchange.ts';
import type { Judgement } from '../../../scenario/judge.ts';
import { useStore } from '../../../stores/store.ts';

/** This tab's exchanges, newest first; choosing one shows its three views. */
export function ExchangeHistory({
  exchanges,
  judgements,
  selectedId,
}: {
  exchanges: ExchangeRecord[];
  judgements: Judgement[];
  selectedId: number;
}) {
  const selectExchange = useStore((state) => state.selectExchange);
  const clearHistory = useStore((state) => state.clearHistory);
  return (
    <nav aria-label="History" className="history">
      <div className="history-head">
        <h3>History</h3>
        <button type="button" className="link" onClick={clearHistory}>
          Clear
        </button>
      </div>
      <ol reversed>
        {exchanges
          .map((exchange, index) => ({ exchange, judgement: judgements[index] }))
          .reverse()
          .map(({ exchange, judgement }) => (
            <li key={exchange.id}>
              <button
                type="button"
                className="history-item"
                aria-current={exchange.id === selectedId ? 'true' : undefined}
                onClick={() => selectExchange(exchange.id)}
              >
                <span className="history-id">#{exchange.id}</span>{' '}
                <code>
                  {exchange.draft.method} {exchange.draft.path}
                </code>{' '}
                <span>
                  {judgement === undefined
                    ? ''
                    : explainHistoryLine(judgement.facts, judgement.verdict)}
                </span>
                {judgement !== undefined && judgement.disagreements.length > 0 && (
                  <span className="history-flag"> · model disagrees</span>
                )}
              </button>
            </li>
          ))}
      </ol>
    </nav>
  );
}
