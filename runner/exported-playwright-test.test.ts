import { readFile } from 'node:fs/promises';
import { format, resolveConfig } from 'prettier';
import { expect, it } from 'vitest';
import { exportPlaywrightTest } from '../src/scenario/exporters/playwright-test.ts';
import { parseScenario } from '../src/scenario/scenario.ts';

// examples/exported-preset.spec.ts is the Playwright test the exporter writes for a preset;
// the project's Playwright suite runs it (the examples project). This keeps the file equal to
// the exporter's output, so what runs there is what `export --to playwright` writes.

const EXAMPLE = 'examples/exported-preset.spec.ts';
const PRESET = 'presets/reading-headers/set-cookie-never-readable.scenario.json';

it(`${EXAMPLE} is what the exporter writes for ${PRESET}`, async () => {
  const parsed = parseScenario(JSON.parse(await readFile(PRESET, 'utf8')));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const exported = exportPlaywrightTest(parsed.value);
  if (!exported.ok) throw new Error(JSON.stringify(exported.problems));
  const formatted = await format(exported.code, {
    ...(await resolveConfig(EXAMPLE)),
    filepath: EXAMPLE,
  });
  const committed = (await readFile(EXAMPLE, 'utf8')).replace(/^(\/\/.*\n)+/, '');
  expect(committed).toBe(formatted);
});
