import { describe, expect, it } from 'vitest';
import type { BrowserName } from '../src/cors/browser.ts';
import { junitReport } from './junit-report.ts';
import type { ScenarioResult } from './play.ts';

const result = (
  id: string,
  durationMs: number,
  browser: BrowserName = 'chromium',
  agree = true,
): ScenarioResult => ({
  browser,
  id,
  file: `${id}.scenario.json`,
  title: id,
  steps: [],
  agree,
  passed: true,
  unreachable: false,
  durationMs,
});

const timing = { startedAt: new Date(Date.UTC(2026, 11, 6, 18, 30, 5, 250)), durationMs: 2345.6 };

describe('junitReport', () => {
  it('reports an invalid file as an error, escaping what XML cannot hold', () => {
    const xml = junitReport(
      [],
      [
        {
          file: 'a&b.json',
          message: 'not a valid scenario',
          issues: [{ line: 2, column: 3, path: 'title', message: '`title` <bad> "\u000B"' }],
        },
      ],
      timing,
    );
    expect(xml).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="cors-playground" tests="1" failures="0" errors="1" time="2.346">
  <testsuite name="scenarios" tests="1" failures="0" errors="1" skipped="0" time="2.346" timestamp="2026-12-06T18:30:05">
    <testcase classname="a&amp;b.json" name="a&amp;b.json" file="a&amp;b.json">
      <error type="invalid scenario file" message="not a valid scenario">a&amp;b.json:2:3: \`title\` &lt;bad&gt; &quot;\\u000b&quot;</error>
    </testcase>
  </testsuite>
</testsuites>
`);
  });

  it('gives each scenario its own time, and the suite the run’s', () => {
    const xml = junitReport([result('a', 1999.5), result('b', 0.4)], [], timing);
    expect(xml).toContain(
      '<testcase classname="a.scenario.json" name="a" file="a.scenario.json" time="2.000"/>',
    );
    expect(xml).toContain(
      '<testcase classname="b.scenario.json" name="b" file="b.scenario.json" time="0.000"/>',
    );
    expect(xml).toContain(
      '<testsuite name="scenarios" tests="2" failures="0" errors="0" skipped="0" time="2.346" timestamp="2026-12-06T18:30:05">',
    );
  });

  it('names the browser a scenario disagrees with', () => {
    const xml = junitReport([result('a', 0, 'firefox', false)], [], timing);
    expect(xml).toContain(
      '<failure type="disagreement with Firefox" message="disagreement with Firefox">',
    );
  });

  it('puts the browser in each name when the scenarios played in more than one', () => {
    const xml = junitReport([result('a', 0, 'chromium'), result('a', 0, 'firefox')], [], timing);
    expect(xml).toContain(
      '<testcase classname="a.scenario.json" name="a [chromium]" file="a.scenario.json" time="0.000"/>',
    );
    expect(xml).toContain(
      '<testcase classname="a.scenario.json" name="a [firefox]" file="a.scenario.json" time="0.000"/>',
    );
  });
});
