import { RichText } from '../../../components/rich-text.tsx';
import { SpecLink } from '../../../components/spec-link.tsx';
import { WhyAndFix } from '../../../components/why-and-fix.tsx';
import { STAGE_WORDS } from '../../../cors/errors.ts';
import { explainWarning } from '../../../cors/explain.ts';
import { BROWSER_LABELS } from '../../../cors/browser.ts';
import type { Judgement } from '../../../scenario/judge.ts';
import { RESPONSE_NAMES, type SecurityLint } from '../../../scenario/security-lints.ts';

/**
 * The model's verdict, as the browser the page runs in shows it: what happened, its failing
 * check and console line, why, the fix, the risks a pass stands on, how the other browser would
 * differ, and agreement.
 */
export function VerdictView({
  judgement,
  risks,
}: {
  judgement: Judgement;
  /** The risks the server config carried at Send (the security warnings then). */
  risks: readonly SecurityLint[];
}) {
  const { explanation, disagreements, verdict, other } = judgement;
  const browser = BROWSER_LABELS[judgement.browser];
  return (
    <div className="verdict">
      <p className="verdict-headline">
        <RichText text={explanation.headline} />
      </p>
      {verdict.outcome === 'blocked' && (
        <dl className="facts">
          <dt>Failing check</dt>
          <dd>
            <code>{explanation.check}</code> (as {browser} names it, {STAGE_WORDS[verdict.stage]})
          </dd>
          {verdict.failure.failedParameter !== '' && (
            <>
              <dt>Offending value</dt>
              <dd>
                <code>{verdict.failure.failedParameter}</code>
              </dd>
            </>
          )}
        </dl>
      )}
      {explanation.console !== undefined && (
        <>
          <p className="body-label">{browser}'s console says</p>
          <pre className="code console-line" aria-label="Console message">
            {explanation.console}
          </pre>
        </>
      )}
      <WhyAndFix why={explanation.why} fix={explanation.fix} />
      {/* A pass is no proof of a safe config: the checks pass exactly what the config allows. */}
      {verdict.outcome === 'allowed' && verdict.responseType === 'cors' && risks.length > 0 && (
        <p className="badge warning" role="note" aria-label="Risk">
          <span aria-hidden="true">⚠ </span>
          Passed, but the server config was risky when this was sent (see Security warnings):{' '}
          {risks
            .map((risk) => `On ${RESPONSE_NAMES[risk.response]}: ${risk.warning} ${risk.why}`)
            .join(' ')}
        </p>
      )}
      {verdict.warnings.length > 0 && (
        <ul className="badge warning" aria-label="Warnings">
          {verdict.warnings.map((warning) => (
            <li key={warning}>
              <span aria-hidden="true">⚠ </span>
              <RichText text={explainWarning(warning)} />
            </li>
          ))}
        </ul>
      )}
      {other.note !== undefined && (
        <p className="badge warning" role="note" aria-label={`In ${BROWSER_LABELS[other.browser]}`}>
          <RichText text={other.note} />
        </p>
      )}
      {explanation.step !== undefined && <SpecLink step={explanation.step} />}
      {disagreements.length === 0 ? (
        <p className="badge agree" role="note" aria-label="Agreement">
          ✓ The model agrees with what the browser did.
        </p>
      ) : (
        <div className="badge disagree" role="alert" aria-label="Agreement">
          <p>✗ The model disagrees with what the browser did:</p>
          <ul>
            {disagreements.map((difference) => (
              <li key={difference}>{difference}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
