import { Fragment, useId, type ReactNode } from 'react';
import { explainBanner, explainFacts } from '../../../cors/explain-exchange.ts';
import type { ExchangeRecord } from '../../../scenario/exchange.ts';
import type { Judgement } from '../../../scenario/judge.ts';
import { JsOutcomeView } from './js-outcome-view.tsx';
import { VerdictView } from './verdict-view.tsx';
import { WireView } from './wire-view.tsx';

/** What happened, from the facts: the banner, then each fact on its own line. */
function WhatHappened({ judgement }: { judgement: Judgement }) {
  const { facts, verdict } = judgement;
  return (
    <>
      <div role="status" className="lesson">
        <p>
          <strong>{explainBanner(facts, verdict)}</strong>
        </p>
      </div>
      <dl className="facts" aria-label="What happened">
        {explainFacts(facts).map(([term, description]) => (
          <Fragment key={term}>
            <dt>{term}</dt>
            <dd>{description}</dd>
          </Fragment>
        ))}
      </dl>
    </>
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
      <WhatHappened judgement={judgement} />
      <Section title="Verdict">
        <VerdictView judgement={judgement} risks={exchange.risks ?? []} />
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
