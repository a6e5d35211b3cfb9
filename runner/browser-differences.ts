import { BROWSER_LABELS, BROWSERS, type BrowserName } from '../src/cors/browser.ts';
import type { ScenarioResult, StepResult } from './play.ts';
import { reasonText } from './report.ts';

/** A step of a scenario that ended differently in the browsers, or sent a preflight in one only. */
export interface BrowserDifference {
  id: string;
  title: string;
  /** The step's number, from 1. */
  step: number;
  /** What each browser did: outcome, preflight, reason. */
  browsers: Partial<Record<BrowserName, string>>;
}

/** What one browser did with one step, in a few words. */
function stepText(step: StepResult): string {
  const preflight = step.facts.preflights.length > 0 ? 'preflight sent' : 'no preflight';
  const reason = step.browser.outcome === 'blocked' ? `: ${reasonText(step)}` : '';
  return `${step.browser.outcome}${reason}, ${preflight}`;
}

/**
 * The steps, played in more than one browser, whose outcome or preflight differ between the
 * browsers (each browser's reason is in its own words, so reasons alone are no difference).
 */
export function browserDifferences(results: readonly ScenarioResult[]): BrowserDifference[] {
  const byId = new Map<string, ScenarioResult[]>();
  for (const result of results) byId.set(result.id, [...(byId.get(result.id) ?? []), result]);
  const found: BrowserDifference[] = [];
  for (const [id, played] of byId) {
    if (played.length < 2) continue;
    const first = played[0] as ScenarioResult;
    first.steps.forEach((_, index) => {
      const steps = played.map((result) => [result.browser, result.steps[index]] as const);
      const key = (step: StepResult | undefined): string =>
        step === undefined ? '' : `${step.browser.outcome} ${step.facts.preflights.length > 0}`;
      if (new Set(steps.map(([, step]) => key(step))).size < 2) return;
      found.push({
        id,
        title: first.title,
        step: index + 1,
        browsers: Object.fromEntries(
          steps.map(([browser, step]) => [browser, step === undefined ? '' : stepText(step)]),
        ),
      });
    });
  }
  return found;
}

const played = (rows: readonly BrowserDifference[]): BrowserName[] =>
  BROWSERS.filter((browser) => rows.some((row) => row.browsers[browser] !== undefined));

/** The differences for the runner's text output. */
export function differencesText(rows: readonly BrowserDifference[]): string {
  if (rows.length === 0) return 'The browsers agree on every outcome and preflight.';
  const lines = [`Where the browsers differ (${rows.length} step${rows.length === 1 ? '' : 's'}):`];
  for (const row of rows) {
    lines.push(`  ${row.id}${row.step > 1 ? ` step ${row.step}` : ''}`);
    for (const browser of played(rows)) {
      lines.push(`    ${BROWSER_LABELS[browser]}: ${row.browsers[browser] ?? 'not played'}`);
    }
  }
  return lines.join('\n');
}

/** The differences as a Markdown table, for docs/browsers.md. */
export function differencesMarkdown(rows: readonly BrowserDifference[]): string {
  const browsers = played(rows);
  const cell = (text: string): string => text.replaceAll('|', '\\|');
  return [
    `| scenario | step | ${browsers.map((browser) => BROWSER_LABELS[browser]).join(' | ')} |`,
    `| --- | --- | ${browsers.map(() => '---').join(' | ')} |`,
    ...rows.map(
      (row) =>
        `| \`${row.id}\` — ${cell(row.title)} | ${row.step} | ${browsers.map((browser) => cell(row.browsers[browser] ?? '')).join(' | ')} |`,
    ),
  ].join('\n');
}
