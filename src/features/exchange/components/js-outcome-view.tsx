import { explainRejection } from '../../../cors/explain-exchange.ts';
import { explainExposure } from '../../../cors/explain.ts';
import type { HeaderExposure } from '../../../cors/exposure.ts';
import type { HeaderReadFact } from '../../../cors/facts.ts';
import { RichText } from '../../../components/rich-text.tsx';
import type { JsOutcome } from '../../../scenario/js-outcome.ts';
import type { Judgement } from '../../../scenario/judge.ts';

/**
 * Why a header was readable or hidden: the model's reason, when the model agrees with what
 * JavaScript saw (the disagreement is shown with the verdict otherwise).
 */
function readWhy(fact: HeaderReadFact, modelled: HeaderExposure | undefined): string {
  const same = modelled?.name.toLowerCase() === fact.name.toLowerCase();
  if (modelled !== undefined && same && modelled.readable === fact.readable) {
    return explainExposure(modelled);
  }
  return `The model expected it to be ${fact.readable ? 'hidden' : 'readable'}: see the disagreement under Verdict.`;
}

/** Exactly what the page's JavaScript got back from fetch(), and every header's fate. */
export function JsOutcomeView({
  outcome,
  judgement,
}: {
  outcome: JsOutcome;
  judgement: Judgement;
}) {
  const { facts, verdict } = judgement;
  const headers = facts.read.headers;
  return (
    <div>
      {outcome.kind === 'rejected' ? (
        <>
          <p>
            fetch() rejected with{' '}
            <output className="js-error">{`${outcome.name}: ${outcome.message}`}</output>
          </p>
          {facts.fetch.settled === 'rejected' && (
            <p className="hint">{explainRejection(facts.fetch)}</p>
          )}
        </>
      ) : (
        <>
          <dl className="facts">
            <dt>response.status</dt>
            <dd>
              <output>{`${outcome.status} ${outcome.statusText}`.trim()}</output>
            </dd>
            <dt>response.type</dt>
            <dd>
              <output>{outcome.type}</output>
            </dd>
          </dl>
          <p className="body-label">Body</p>
          <pre className="body" aria-label="Response body">
            {outcome.body === '' ? '(empty)' : outcome.body}
          </pre>
        </>
      )}
      {headers.length > 0 && (
        <table className="exposure">
          <caption>Response headers the server sent, and whether JavaScript can read them</caption>
          <thead>
            <tr>
              <th scope="col">Header</th>
              <th scope="col">JavaScript</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {headers.map((header, index) => (
              <tr key={index}>
                <th scope="row">
                  <code>{header.name}</code>
                </th>
                <td className={header.readable ? 'readable' : 'hidden'}>
                  {header.readable ? '✓ readable' : '✗ hidden'}
                </td>
                <td>
                  <RichText text={readWhy(header, verdict.headers[index])} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
