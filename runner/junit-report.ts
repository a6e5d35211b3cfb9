import { BROWSER_LABELS } from '../src/cors/browser.ts';
import { fileErrorText } from './file-error-report.ts';
import type { ScenarioResult } from './play.ts';
import { textReport } from './report.ts';
import type { ScenarioFileError } from './scenario-files.ts';

// Characters XML 1.0 cannot hold at all, even escaped (https://www.w3.org/TR/xml/#charsets):
// a header value may carry them (0x0B, say), so they are written as \uXXXX instead.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function xml(text: string): string {
  return text
    .replace(NOT_XML, (char) => `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const attributes = (values: Record<string, string | number>): string =>
  Object.entries(values)
    .map(([name, value]) => ` ${name}="${xml(String(value))}"`)
    .join('');

/** JUnit's `time`: seconds, to the millisecond. */
const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/**
 * A scenario's test case. When it played in more than one browser its name says which (as the
 * text report's `[firefox]`), or CI tools would merge the cases that share a classname and name.
 */
function scenarioCase(result: ScenarioResult, severalBrowsers: boolean): string {
  const name = severalBrowsers ? `${result.title} [${result.browser}]` : result.title;
  const head = `    <testcase${attributes({ classname: result.file, name, file: result.file, time: seconds(result.durationMs) })}`;
  if (result.agree && result.passed) return `${head}/>`;
  const kind = result.agree
    ? 'unmet expectation'
    : `disagreement with ${BROWSER_LABELS[result.browser]}`;
  const first = result.steps.flatMap((step) => [...step.differences, ...step.unmet])[0] ?? kind;
  return [
    `${head}>`,
    `      <failure${attributes({ type: kind, message: first })}>${xml(textReport(result))}</failure>`,
    '    </testcase>',
  ].join('\n');
}

function invalidFileCase(error: ScenarioFileError): string {
  return [
    `    <testcase${attributes({ classname: error.file, name: error.file, file: error.file })}>`,
    `      <error${attributes({ type: 'invalid scenario file', message: error.message })}>${xml(fileErrorText(error))}</error>`,
    '    </testcase>',
  ].join('\n');
}

/** When the scenarios began to play, and how long they took together (side by side). */
export interface RunTiming {
  startedAt: Date;
  durationMs: number;
}

/**
 * The run as JUnit XML, the report CI systems read: a test case per scenario (a failure when
 * an expectation is unmet or the model and the browser disagree, with the text report) and per
 * invalid file (an error, with every problem's line and column). Each scenario's `time` is its
 * own; the suite's is the run's wall clock, less than their sum when they play side by side.
 * An invalid file was never played, so it has no `time`.
 */
export function junitReport(
  results: readonly ScenarioResult[],
  fileErrors: readonly ScenarioFileError[],
  timing: RunTiming,
): string {
  const counts = {
    tests: results.length + fileErrors.length,
    failures: results.filter((result) => !(result.agree && result.passed)).length,
    errors: fileErrors.length,
  };
  const severalBrowsers = new Set(results.map((result) => result.browser)).size > 1;
  const time = seconds(timing.durationMs);
  // ISO 8601 without a zone designator, as the JUnit schema's `timestamp` has it (in UTC).
  const timestamp = timing.startedAt.toISOString().slice(0, 19);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({ name: 'cors-playground', ...counts, time })}>`,
    `  <testsuite${attributes({ name: 'scenarios', ...counts, skipped: 0, time, timestamp })}>`,
    ...fileErrors.map(invalidFileCase),
    ...results.map((result) => scenarioCase(result, severalBrowsers)),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
