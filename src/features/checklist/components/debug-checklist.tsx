import { useMemo, useState } from 'react';
import { judgeOnce } from '../../../scenario/judge.ts';
import { shownExchange } from '../../../stores/exchange-history-slice.ts';
import { useStore } from '../../../stores/store.ts';
import { checklist, type AnswerKind } from '../lib/checklist.ts';
import '../checklist.css';

const SOURCES: Readonly<Record<AnswerKind, string>> = {
  problem: 'From this result: a problem',
  fine: 'From this result',
  ask: 'Check it yourself',
};

/**
 * The questions to ask of a failing cross-origin request, answered from the shown result where
 * it can (and saying so), each with the preset that shows the mistake: its link is a
 * `#preset=` fragment, which the presets feature opens.
 */
export function DebugChecklist() {
  const exchange = useStore(shownExchange);
  const items = useMemo(
    () =>
      checklist(exchange === undefined ? undefined : { exchange, judgement: judgeOnce(exchange) }),
    [exchange],
  );
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setChecked((before) => {
      const after = new Set(before);
      if (!after.delete(id)) after.add(id);
      return after;
    });
  return (
    <section aria-labelledby="debug-checklist-heading" className="panel debug-checklist">
      <h2 id="debug-checklist-heading">Debug checklist</h2>
      <p className="hint">
        {exchange === undefined
          ? 'The questions to ask of a failing request. Send one, and each is answered from what happened where it can be.'
          : `Answered from exchange ${exchange.id} where it can be; tick each question once you have checked it.`}
      </p>
      <ol>
        {items.map((item) => (
          <li key={item.id} className={`checklist-${item.answer.kind}`}>
            <label>
              <input
                type="checkbox"
                checked={checked.has(item.id)}
                onChange={() => toggle(item.id)}
              />{' '}
              <strong>{item.question}</strong>
            </label>
            <p>
              <span className="checklist-source">{SOURCES[item.answer.kind]}:</span>{' '}
              {item.answer.text}
            </p>
            <p className="hint">
              See it happen: <a href={`#preset=${item.preset.id}`}>{item.preset.title}</a>
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
