import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../src/scenario/parse-json.ts';
import { loadScenarioFiles } from './scenario-files.ts';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'scenario-files-'));
});
afterEach(() => rm(folder, { recursive: true }));

it.each([
  [
    'nested too deep',
    `{"version":1,"server":{},"steps":[${'['.repeat(5000)}${']'.repeat(5000)}]}`,
    new RegExp(`^JSON nested more than ${MAX_JSON_DEPTH} levels deep .* is refused\\.$`),
  ],
  ['malformed', '{"version":', /^Malformed JSON: /],
])(
  'refuses a file of JSON %s, with the reason, and loads the others',
  async (_name, text, message) => {
    await writeFile(join(folder, 'bad.json'), text);
    await writeFile(
      join(folder, 'good.json'),
      '{"version":1,"title":"good","server":{},"steps":[{"request":{"path":"/x"}}]}',
    );
    const { scenarios, errors } = await loadScenarioFiles(['.'], folder);
    expect(errors).toEqual([
      { file: 'bad.json', message: expect.stringMatching(message), issues: [] },
    ]);
    expect(scenarios.map((scenario) => scenario.id)).toEqual(['good']);
  },
);
