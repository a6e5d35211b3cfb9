import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../src/scenario/scenario.ts';
import { runScenarios } from './run.ts';
import type { LoadedScenario } from './scenario-files.ts';

// The scenario examples in docs/scenarios.md are played in a real Chromium and Firefox, so the
// documentation cannot drift from what the format accepts and what browsers do.
const DOC = new URL('../docs/scenarios.md', import.meta.url);
const examples = [...readFileSync(DOC, 'utf8').matchAll(/```json\n([\s\S]*?)```/g)].map(
  (match, index) => {
    const parsed = parseScenario(JSON.parse(match[1] ?? ''));
    if (!parsed.ok)
      throw new Error(`docs/scenarios.md example ${index + 1}: ${JSON.stringify(parsed.issues)}`);
    return {
      id: `docs/scenarios.md#${index + 1}`,
      file: 'docs/scenarios.md',
      scenario: parsed.value,
    } satisfies LoadedScenario;
  },
);

describe('the examples in docs/scenarios.md', () => {
  it('are valid scenarios', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
  });

  it.each(['chromium', 'firefox'] as const)(
    'agree with %s and meet their expectations',
    async (browser) => {
      const results = await runScenarios(examples, { concurrency: 2, browser });
      expect(
        results.map((result) => ({ id: result.id, agree: result.agree, passed: result.passed })),
      ).toEqual(examples.map(({ id }) => ({ id, agree: true, passed: true })));
    },
    60_000,
  );
});
