import { explainExposure } from '../../../cors/explain.ts';
import type { JsOutcome } from '../../../scenario/js-outcome.ts';
import type { Judgement } from '../../../scenario/judge.ts';

/** Exactly what the page's JavaScript got back from fetch(), and every header's fate. */
export function JsOutcomeView({
  outcome,
  judgement,
}: {
  outcome: JsOutcome;
  judgement: Judgement;
}) {
  const headers = judgement.verdict.headers;
  return (
    <div>
      {outcome.kind === 'rejected' ? (
        <>
          <p>
            fetch() rejected with{' '}
            <output className="js-error">{`${outcome.name}: ${outcome.message}`}</output>
          </p>
          <p className="hint">
            That is all JavaScript ever learns: no status, no headers, no body, and no reason. The
            reason is printed only to the browser's console.
          </p>
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
                <td>{explainExposure(header)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
