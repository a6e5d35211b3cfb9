import { BROWSER_LABELS, type BrowserName } from '../../../cors/browser.ts';
import type { SpecStep, Stage } from '../../../cors/errors.ts';
import { explainCorsFailure } from '../../../cors/explain.ts';
import { predict } from '../../../scenario/predict.ts';
import type { PlaygroundState } from '../../../scenario/scenario-file.ts';
import type { TargetOrigins } from '../../../scenario/target-answer.ts';
import type { ConsoleReading } from './console-message.ts';

/** The model's words for a pasted failure: the same ones a result on the target gets. */
export interface ReadingExplanation {
  headline: string;
  why: string;
  fix: string;
  step: SpecStep;
  stage: Stage;
  /** The browser whose profile the model judged by: the message's, where the model has one. */
  browser: BrowserName;
  /** Where the model has no profile for the message's browser, which one it used instead. */
  profileNote?: string;
}

/** Where the message does not name the page's origin (Firefox), the fix names it so. */
export const UNNAMED_ORIGIN = "<your page's origin>";

/**
 * Explains the message's failure with the model: the reproduction is played against the
 * target (as the request builder's prediction does), and the failure the model finds there,
 * when it is the message's, is worded with the message's own URL, origin and value. Undefined
 * when the model finds another outcome: then it is not claimed to be the same failure.
 */
export function explainReading(
  reading: ConsoleReading,
  state: PlaygroundState,
  playground: { pageOrigin: string; targetUrl: string; origins: TargetOrigins },
): ReadingExplanation | undefined {
  // The model has profiles for Chromium and Firefox only; Safari's messages are judged by
  // Chromium's, and the words say so.
  const browser: BrowserName = reading.engine === 'safari' ? 'chromium' : reading.engine;
  const verdict = predict({
    browser,
    request: state.request,
    url: playground.targetUrl,
    pageOrigin: playground.pageOrigin,
    cache: [],
    now: 0,
    server: { config: state.config, origins: playground.origins },
  });
  if (verdict.outcome !== 'blocked' || verdict.failure.corsError !== reading.corsErrors[0]) {
    return undefined;
  }
  const url = reading.url ?? playground.targetUrl;
  const origin = reading.pageOrigin ?? UNNAMED_ORIGIN;
  const wording = explainCorsFailure({
    failure: {
      ...verdict.failure,
      failedParameter: reading.failedParameter ?? verdict.failure.failedParameter,
    },
    stage: verdict.stage,
    url,
    initialUrl: reading.redirectedFrom ?? url,
    origin,
    serializedOrigin: origin,
    method: state.request.method,
    credentials: state.request.credentials,
  });
  return {
    headline: wording.headline,
    why: wording.why,
    fix: wording.fix,
    step: wording.step,
    stage: verdict.stage,
    browser,
    ...(reading.engine === 'safari'
      ? {
          profileNote: `The model has no Safari profile: it judged this message by ${BROWSER_LABELS[browser]}'s, and Safari may differ.`,
        }
      : {}),
  };
}
