import { useId, type ReactNode } from 'react';
import type { ExchangeRecord } from '../../../scenario/exchange.ts';
import type { Judgement } from '../../../scenario/judge.ts';
import { JsOutcomeView } from './js-outcome-view.tsx';
import { VerdictView } from './verdict-view.tsx';
import { WireView } from './wire-view.tsx';

/** The one-sentence lesson of an exchange, from what JS saw and what the target logged. */
function Lesson({ exchange }: { exchange: ExchangeRecord }) {
  const answered = exchange.wire.at(-1)?.response;
  if (exchange.js.kind === 'resolved') {
    return <p>The browser let JavaScript read the response.</p>;
  }
  if (answered === undefined) {
    return <p>fetch() failed and nothing reached the target.</p>;
  }
  return (
    <p>
      <strong>
        The request reached the server, which answered {answered.status} {answered.reason}.
      </strong>{' '}
      The browser then blocked JavaScript from reading the response. CORS protects the response from
      the page, not the server from the request.
    </p>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="card">
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

/** The three views of one exchange: the verdict, what JavaScript saw, and the wire. */
export function ExchangeViews({
  exchange,
  judgement,
}: {
  exchange: ExchangeRecord;
  judgement: Judgement;
}) {
  return (
    <div className="result" data-exchange={exchange.id}>
      <div role="status" className="lesson">
        <Lesson exchange={exchange} />
      </div>
      <Section title="Verdict">
        <VerdictView judgement={judgement} />
      </Section>
      <div className="columns">
        <Section title="What JavaScript saw">
          <JsOutcomeView outcome={exchange.js} judgement={judgement} />
        </Section>
        <Section title="On the wire">
          <WireView exchange={exchange} judgement={judgement} />
        </Section>
      </div>
    </div>
  );
}
