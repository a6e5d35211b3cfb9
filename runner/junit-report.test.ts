import { describe, expect, it } from 'vitest';
import { junitReport } from './junit-report.ts';

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
    );
    expect(xml).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="cors-playground" tests="1" failures="0" errors="1">
  <testsuite name="scenarios" tests="1" failures="0" errors="1" skipped="0">
    <testcase classname="a&amp;b.json" name="a&amp;b.json" file="a&amp;b.json">
      <error type="invalid scenario file" message="not a valid scenario">a&amp;b.json:2:3: \`title\` &lt;bad&gt; &quot;\\u000b&quot;</error>
    </testcase>
  </testsuite>
</testsuites>
`);
  });
});
