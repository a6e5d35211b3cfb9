import { describe, expect, it } from 'vitest';
import type { Scenario } from '../src/scenario/scenario.ts';
import { fileErrorAnnotations, scenarioAnnotations } from './github-annotations.ts';
import type { StepResult } from './play.ts';

describe('fileErrorAnnotations', () => {
  it('escapes what would end a property or the message: one command per line, whatever the text', () => {
    expect(
      fileErrorAnnotations({
        file: 'a,b:c.json',
        message: 'not valid JSON',
        issues: [{ line: 3, column: 9, message: '100% wrong\r\n::error::injected' }],
      }),
    ).toEqual([
      '::error file=a%2Cb%3Ac.json,line=3,col=9,title=Invalid scenario file%3A not valid JSON::100%25 wrong%0D%0A::error::injected',
    ]);
  });

  it('annotates a file that cannot be read without a line', () => {
    expect(
      fileErrorAnnotations({
        file: 'gone',
        message: 'cannot be read: no such file or folder',
        issues: [],
      }),
    ).toEqual([
      '::error file=gone,title=Invalid scenario file%3A cannot be read%3A no such file or folder::gone: cannot be read: no such file or folder',
    ]);
  });
});

describe('scenarioAnnotations', () => {
  it('names the browser the model disagrees with', () => {
    const [annotation] = scenarioAnnotations(
      {
        id: 'a',
        file: 'a.scenario.json',
        // Only what the annotation reads: the step has no `expect`.
        scenario: { steps: [{}] } as unknown as Scenario,
      },
      {
        browser: 'firefox',
        id: 'a',
        file: 'a.scenario.json',
        title: 'A',
        // Only what the annotation reads.
        steps: [{ differences: ['outcome'], unmet: [] } as unknown as StepResult],
        agree: false,
        passed: true,
        unreachable: false,
        durationMs: 0,
      },
    );
    expect(annotation).toBe(
      '::error file=a.scenario.json,title=The model and Firefox disagree%3A A::step 1 of a%0Adisagree: outcome',
    );
  });
});
