import type { StepResult, ScenarioResult } from './play.ts';
import type { RunTally } from './run-outcome.ts';
import { BROWSER_LABELS, BROWSERS } from '../src/cors/browser.ts';
import { jsOutcomeText } from '../src/scenario/js-outcome.ts';

function modelText(step: StepResult): string {
  const { model } = step;
  if (model.outcome === 'allowed')
    return `allowed (${model.responseType ?? '?'} ${model.status ?? '?'})`;
  const check = model.corsError === undefined ? '' : `: ${model.corsError}`;
  const parameter = model.failedParameter ? ` (${model.failedParameter})` : '';
  return `${model.outcome} at ${model.stage ?? '?'}${check}${parameter}`;
}

/** The browser's own reason: Chromium's CORS error, or Firefox's reason code. */
export function reasonText(step: StepResult): string {
  const [name, parameter] =
    step.firefox !== null
      ? [step.firefox.code, step.firefox.param]
      : step.chromium !== null
        ? [step.chromium.corsError, step.chromium.failedParameter]
        : ['no CORS error', ''];
  return `${name}${parameter ? ` (${parameter})` : ''}`;
}

/** A few lines per scenario for people: the verdict, the browser, Chromium, and any mismatch. */
export function textReport(result: ScenarioResult): string {
  const mark = result.unreachable
    ? 'UNREACHABLE'
    : result.agree && result.passed
      ? 'ok  '
      : result.agree
        ? 'FAIL'
        : 'DISAGREE';
  const lines = [`${mark} ${result.id}  ${result.title}`];
  result.steps.forEach((step, index) => {
    const prefix = result.steps.length > 1 ? `  step ${index + 1}: ` : '  ';
    lines.push(
      `${prefix}model: ${modelText(step)} | JS: ${jsOutcomeText(step.browser.js)} | ${BROWSER_LABELS[result.browser]}: ${reasonText(step)}`,
    );
    if (step.unreachable !== undefined) {
      lines.push(
        `    unreachable: ${step.unreachable}: no server answered, so this is not a CORS error`,
      );
    }
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
    firefox: step.firefox,
    facts: step.facts,
    agree: step.differences.length === 0,
    ...(step.unreachable === undefined ? {} : { unreachable: step.unreachable }),
    differences: step.differences,
    unmet: step.unmet,
  };
}

/**
 * One JSON object per scenario, `browserName` the browser that played it: `model`, `browser`,
 * `chromium` and `firefox` are the last step's (the one a single-step scenario has); `steps`
 * holds every step's.
 */
export function jsonReport(result: ScenarioResult): string {
  const steps = result.steps.map(stepJson);
  const last = steps.at(-1);
  return JSON.stringify({
    type: 'scenario',
    browserName: result.browser,
    id: result.id,
    file: result.file,
    title: result.title,
    agree: result.agree,
    passed: result.passed,
    unreachable: result.unreachable,
    model: last?.model,
    browser: last?.browser,
    chromium: last?.chromium,
    firefox: last?.firefox,
    steps,
  });
}

/** The closing lines: the agreement figure and the pass/fail count (invalid files fail). */
export function summary(counts: RunTally, results: readonly ScenarioResult[]): string {
  const played = BROWSERS.flatMap((browser) => {
    const mine = results.filter((result) => result.browser === browser);
    const agree = mine.filter((result) => result.agree).length;
    return mine.length === 0
      ? []
      : [`${agree}/${mine.length} agree with ${BROWSER_LABELS[browser]}`];
  });
  return [
    ...played,
    `scenarios: ${counts.passed} passed, ${counts.failed + counts.invalidFiles} failed${
      counts.unreachable > 0 ? `, ${counts.unreachable} could not reach their server` : ''
    }`,
  ].join('\n');
}
