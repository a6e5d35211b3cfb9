import type { StepResult, ScenarioResult } from './play.ts';
import type { RunTally } from './run-outcome.ts';
import { jsOutcomeText } from '../src/scenario/js-outcome.ts';

function modelText(step: StepResult): string {
  const { model } = step;
  if (model.outcome === 'allowed')
    return `allowed (${model.responseType ?? '?'} ${model.status ?? '?'})`;
  const check = model.corsError === undefined ? '' : `: ${model.corsError}`;
  const parameter = model.failedParameter ? ` (${model.failedParameter})` : '';
  return `${model.outcome} at ${model.stage ?? '?'}${check}${parameter}`;
}

function chromiumText(step: StepResult): string {
  if (step.chromium === null) return 'no CORS error';
  return `${step.chromium.corsError}${step.chromium.failedParameter ? ` (${step.chromium.failedParameter})` : ''}`;
}

/** A few lines per scenario for people: the verdict, the browser, Chromium, and any mismatch. */
export function textReport(result: ScenarioResult): string {
  const mark = result.agree && result.passed ? 'ok  ' : result.agree ? 'FAIL' : 'DISAGREE';
  const lines = [`${mark} ${result.id}  ${result.title}`];
  result.steps.forEach((step, index) => {
    const prefix = result.steps.length > 1 ? `  step ${index + 1}: ` : '  ';
    lines.push(
      `${prefix}model: ${modelText(step)} | JS: ${jsOutcomeText(step.browser.js)} | Chromium: ${chromiumText(step)}`,
    );
    for (const difference of step.differences) lines.push(`    disagree: ${difference}`);
    for (const unmet of step.unmet) lines.push(`    unmet: ${unmet}`);
  });
  return lines.join('\n');
}

function stepJson(step: StepResult) {
  return {
    url: step.url,
    model: step.model,
    browser: step.browser,
    chromium: step.chromium,
    facts: step.facts,
    agree: step.differences.length === 0,
    differences: step.differences,
    unmet: step.unmet,
  };
}

/**
 * One JSON object per scenario: `model`, `browser` and `chromium` are the last step's
 * (the one a single-step scenario has); `steps` holds every step's.
 */
export function jsonReport(result: ScenarioResult): string {
  const steps = result.steps.map(stepJson);
  const last = steps.at(-1);
  return JSON.stringify({
    type: 'scenario',
    id: result.id,
    file: result.file,
    title: result.title,
    agree: result.agree,
    passed: result.passed,
    model: last?.model,
    browser: last?.browser,
    chromium: last?.chromium,
    steps,
  });
}

/** The closing lines: the agreement figure and the pass/fail count (invalid files fail). */
export function summary(counts: RunTally): string {
  const played =
    counts.scenarios === 0 ? [] : [`${counts.agree}/${counts.scenarios} agree with Chromium`];
  return [
    ...played,
    `scenarios: ${counts.passed} passed, ${counts.failed + counts.invalidFiles} failed`,
  ].join('\n');
}
