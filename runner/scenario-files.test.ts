import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../src/scenario/parse-json.ts';
import { isScenarioFileName } from './scenario-file-name.ts';
import { loadScenarioFiles } from './scenario-files.ts';

const GOOD = '{"version":1,"title":"good","server":{},"steps":[{"request":{"path":"/x"}}]}';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'scenario-files-'));
});
afterEach(() => rm(folder, { recursive: true }));

/** Writes files under the temporary folder, making their folders. */
async function files(contents: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(contents)) {
    await mkdir(join(folder, name, '..'), { recursive: true });
    await writeFile(join(folder, name), text);
  }
}

describe('finding scenario files', () => {
  it('names the files discovery plays by one rule', () => {
    expect(isScenarioFileName('cors.scenario.json')).toBe(true);
    expect(isScenarioFileName('notes.md')).toBe(false);
    // Other JSON in a project (package.json, fixtures) is not a scenario.
    expect(isScenarioFileName('package.json')).toBe(false);
  });

  it('plays a file named explicitly whatever its name, but finds only scenario files in folders', async () => {
    await files({ 'suite/plain.json': GOOD, 'suite/one.scenario.json': GOOD });
    const found = await loadScenarioFiles(['suite'], folder);
    expect(found.scenarios.map((scenario) => scenario.id)).toEqual(['one']);
    const named = await loadScenarioFiles(['suite/plain.json'], folder);
    expect(named.scenarios).toHaveLength(1);
  });

  it('takes an absolute path as it is, and gives ids relative to the folder given', async () => {
    await files({
      'suite/b.scenario.json': GOOD,
      'suite/a/c.scenario.json': GOOD,
      'suite/notes.md': '',
    });
    const fromElsewhere = await loadScenarioFiles([join(folder, 'suite')], join(folder, 'other'));
    const fromInside = await loadScenarioFiles(['.'], join(folder, 'suite'));
    const fromAbove = await loadScenarioFiles(['suite'], folder);
    for (const { scenarios, errors } of [fromElsewhere, fromInside, fromAbove]) {
      expect(errors).toEqual([]);
      expect(scenarios.map((loaded) => loaded.id)).toEqual(['a/c', 'b']);
    }
    expect(fromAbove.scenarios.map((loaded) => loaded.file)).toEqual([
      join('suite', 'a', 'c.scenario.json'),
      join('suite', 'b.scenario.json'),
    ]);
    // Outside where the run started, a file is named by its absolute path.
    expect(fromElsewhere.scenarios[0]?.file).toBe(join(folder, 'suite', 'a', 'c.scenario.json'));
  });

  it('keeps the order of the paths given, and plays a file named twice once', async () => {
    await files({ 'z.scenario.json': GOOD, 'm/a.scenario.json': GOOD, 'm/b.scenario.json': GOOD });
    const { scenarios } = await loadScenarioFiles(
      ['z.scenario.json', 'm', 'm/a.scenario.json'],
      folder,
    );
    expect(scenarios.map((loaded) => loaded.file)).toEqual([
      'z.scenario.json',
      join('m', 'a.scenario.json'),
      join('m', 'b.scenario.json'),
    ]);
  });

  it('skips node_modules and hidden folders, and plays a file named explicitly whatever its name', async () => {
    await files({
      'suite/node_modules/dep/x.scenario.json': GOOD,
      'suite/.cache/y.scenario.json': GOOD,
      'suite/ok.scenario.json': GOOD,
      'other.txt': GOOD,
    });
    const { scenarios, errors } = await loadScenarioFiles(['suite', 'other.txt'], folder);
    expect(errors).toEqual([]);
    expect(scenarios.map((loaded) => loaded.id)).toEqual(['ok', 'other']);
  });

  it('says a path that is not there cannot be read, and loads the others', async () => {
    await files({ 'ok.scenario.json': GOOD });
    const { scenarios, errors } = await loadScenarioFiles(['missing', 'ok.scenario.json'], folder);
    expect(errors).toEqual([
      { file: 'missing', message: 'cannot be read: no such file or folder', issues: [] },
    ]);
    expect(scenarios.map((loaded) => loaded.id)).toEqual(['ok']);
  });
});

describe('reading scenario files', () => {
  it('accepts a byte order mark, and keeps the text for reports', async () => {
    await files({ 'bom.scenario.json': `\uFEFF${GOOD}` });
    const { scenarios, errors } = await loadScenarioFiles(['bom.scenario.json'], folder);
    expect(errors).toEqual([]);
    expect(scenarios[0]?.source).toBe(`\uFEFF${GOOD}`);
  });

  it.each([
    [
      'malformed',
      '{\n  "version": 1,\n  "title": "t"\n  "steps": []\n}',
      { line: 4, column: 3, message: 'expected `,` or `}` after a property value, found `"`' },
    ],
    [
      'nested too deep',
      `{"version":1,"server":{},"steps":[${'['.repeat(5000)}${']'.repeat(5000)}]}`,
      {
        line: 1,
        column: 35 + MAX_JSON_DEPTH - 2,
        message: `nested more than ${MAX_JSON_DEPTH} levels deep (objects and arrays)`,
      },
    ],
  ])(
    'refuses a file of JSON %s, with its line and column, and loads the others',
    async (_name, text, problem) => {
      await files({ 'bad.scenario.json': text, 'good.scenario.json': GOOD });
      const { scenarios, errors } = await loadScenarioFiles(['.'], folder);
      expect(errors).toEqual([
        { file: 'bad.scenario.json', message: 'not valid JSON', issues: [problem] },
      ]);
      expect(scenarios.map((scenario) => scenario.id)).toEqual(['good']);
    },
  );

  it('refuses an invalid scenario with every problem where it is written', async () => {
    await files({
      'bad.scenario.json': `\uFEFF{
  "version": 1,
  "title": "bad",
  "server": { "cors": { "allowMethods": ["GE T"] } },
  "steps": [{ "request": { "mode": "cor" }, "expct": {} }]
}`,
    });
    const { errors } = await loadScenarioFiles(['bad.scenario.json'], folder);
    expect(errors).toEqual([
      {
        file: 'bad.scenario.json',
        message: 'not a valid scenario',
        issues: [
          {
            line: 4,
            column: 42,
            path: 'server.cors.allowMethods[0]',
            message:
              "`server.cors.allowMethods[0]` must be an HTTP token: letters, digits and !#$%&'*+-.^_`|~, no spaces or colons, got `GE T`",
          },
          {
            line: 5,
            column: 36,
            path: 'steps[0].request.mode',
            message:
              '`steps[0].request.mode` must be one of `cors`, `no-cors` or `same-origin`, got `cor`',
          },
          {
            line: 5,
            column: 45,
            path: 'steps[0].expct',
            message: '`steps[0].expct` is not a known key',
          },
        ],
      },
    ]);
  });
});
