import { describe, expect, it } from 'vitest';
import type { BrowserName } from '../src/cors/browser.ts';
import type { Outcome } from '../src/scenario/agreement.ts';
import { browserDifferences, differencesMarkdown, differencesText } from './browser-differences.ts';
import type { ScenarioResult, StepResult } from './play.ts';

/** A step with only what the comparison reads. */
const step = (outcome: Outcome, preflights: number, reason?: string): StepResult =>
  ({
    browser: { outcome },
    facts: { preflights: Array.from({ length: preflights }) },
    chromium: reason === undefined ? null : { corsError: reason, failedParameter: '' },
    firefox: null,
  }) as unknown as StepResult;

const result = (browser: BrowserName, id: string, steps: StepResult[]): ScenarioResult => ({
  browser,
  id,
  file: `${id}.scenario.json`,
  title: `Title | ${id}`,
  steps,
  agree: true,
  passed: true,
  unreachable: false,
  durationMs: 0,
});

describe('browserDifferences', () => {
  const results = [
    result('chromium', 'same', [step('allowed', 1)]),
    result('chromium', 'ua', [step('allowed', 0), step('blocked', 1, 'MissingAllowOriginHeader')]),
    result('firefox', 'same', [step('allowed', 1)]),
    result('firefox', 'ua', [step('allowed', 0), step('blocked', 0)]),
  ];

  it('lists the steps whose outcome or preflight differ, each browser in its words', () => {
    expect(browserDifferences(results)).toEqual([
      {
        id: 'ua',
        title: 'Title | ua',
        step: 2,
        browsers: {
          chromium: 'blocked: MissingAllowOriginHeader, preflight sent',
          firefox: 'blocked: no CORS error, no preflight',
        },
      },
    ]);
  });

  it('prints them as text and as a Markdown table', () => {
    const rows = browserDifferences(results);
    expect(differencesText(rows)).toBe(
      [
        'Where the browsers differ (1 step):',
        '  ua step 2',
        '    Chromium: blocked: MissingAllowOriginHeader, preflight sent',
        '    Firefox: blocked: no CORS error, no preflight',
      ].join('\n'),
    );
    expect(differencesMarkdown(rows).split('\n')).toEqual([
      '| scenario | step | Chromium | Firefox |',
      '| --- | --- | --- | --- |',
      '| `ua` — Title \\| ua | 2 | blocked: MissingAllowOriginHeader, preflight sent | blocked: no CORS error, no preflight |',
    ]);
    expect(differencesText([])).toBe('The browsers agree on every outcome and preflight.');
  });

  it('compares nothing played in one browser only', () => {
    expect(browserDifferences(results.slice(0, 2))).toEqual([]);
  });
});
