// The command as CI runs it: exit codes, what goes to stdout and stderr, the JUnit report and
// GitHub annotations. Only the last test launches Chromium.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveChromium } from './chromium.ts';
import { EXIT } from './run-outcome.ts';

const COMMAND = fileURLToPath(new URL('../bin/cors-playground.js', import.meta.url));

interface Done {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `cors-playground run ...args` in `cwd`; GITHUB_ACTIONS only when `env` sets it. */
function run(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Done> {
  const base = { ...process.env };
  delete base.GITHUB_ACTIONS;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [COMMAND, 'run', ...args], {
      cwd,
      env: { ...base, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const scenario = (title: string, step: object): string =>
  JSON.stringify(
    { version: 1, title, server: { cors: { allowOrigin: '*' } }, steps: [step] },
    null,
    2,
  );

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cli-'));
  await mkdir(join(work, 'invalid'));
  await writeFile(
    join(work, 'invalid', 'bad.scenario.json'),
    '{\n  "version": 1,\n  "title": "bad",\n  "steps": [{ "request": { "mode": "cor" } }]\n}',
  );
  await mkdir(join(work, 'empty', 'node_modules', 'dep'), { recursive: true });
  await writeFile(
    join(work, 'empty', 'node_modules', 'dep', 'x.scenario.json'),
    scenario('dep', {}),
  );
  await writeFile(join(work, 'empty', 'notes.md'), '');
  await writeFile(join(work, 'one.scenario.json'), scenario('one', { request: {} }));
  // Node then finds no puppeteer-core, as in a project that did not install it.
  const hideFirefoxDriver = `export async function resolve(specifier, context, next) {
    if (specifier !== 'puppeteer-core') return next(specifier, context);
    throw Object.assign(new Error("Cannot find package 'puppeteer-core'"), { code: 'ERR_MODULE_NOT_FOUND' });
  }`;
  await writeFile(
    join(work, 'no-puppeteer.mjs'),
    `import { register } from 'node:module';\nregister(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hideFirefoxDriver)}`)});\n`,
  );
});
afterAll(() => rm(work, { recursive: true, force: true }));

// Each spawn takes a second or two, most of it Node loading the TypeScript sources.
describe('cors-playground run', { timeout: 30_000 }, () => {
  it('exits with 2 on a mistake in the options, saying what is wrong', async () => {
    const done = await run(['--shard', '5/4', 'one.scenario.json'], work);
    expect(done.code).toBe(EXIT.invalidInput);
    expect(done.stderr).toBe(
      'cors-playground: --shard must be <i>/<n> with 1 <= i <= n, e.g. 2/4, got "5/4".\n',
    );
    expect(done.stdout).toBe('');
  });

  it('exits with 2 when no scenario files are found, rather than reporting 0/0', async () => {
    const done = await run(['empty'], work);
    expect(done.code).toBe(EXIT.invalidInput);
    expect(done.stderr).toMatch(/^cors-playground: No scenario files found in empty: /);
    expect(done.stdout).toBe('');
  });

  it('reports an invalid file as a linter does, and exits with 2 without needing a browser', async () => {
    const env = { CHROMIUM_PATH: '/nonexistent', GITHUB_ACTIONS: 'true' };
    const text = await run(['invalid'], work, env);
    expect(text.code).toBe(EXIT.invalidInput);
    const problem =
      '`steps[0].request.mode` must be one of `cors`, `no-cors` or `same-origin`, got `cor`';
    expect(text.stdout).toBe(
      `${join('invalid', 'bad.scenario.json')}:4:36: ${problem}\nscenarios: 0 passed, 1 failed\n`,
    );
    expect(text.stderr).toBe(
      `::error file=${join('invalid', 'bad.scenario.json')},line=4,col=36,title=Invalid scenario file%3A not a valid scenario::${problem}\n`,
    );

    const json = await run(['--json', 'invalid'], work, env);
    expect(json.code).toBe(EXIT.invalidInput);
    expect(
      json.stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
    ).toEqual([
      {
        type: 'invalid-file',
        file: join('invalid', 'bad.scenario.json'),
        message: 'not a valid scenario',
        issues: [{ line: 4, column: 36, path: 'steps[0].request.mode', message: problem }],
      },
      {
        type: 'summary',
        scenarios: 0,
        agree: 0,
        passed: 0,
        failed: 0,
        invalidFiles: 1,
        unreachable: 0,
        exitCode: 2,
      },
    ]);
  });

  it('exits at once with 3 when there is no Chromium, saying how to get one', async () => {
    const done = await run(['one.scenario.json'], work, { CHROMIUM_PATH: '/nonexistent' });
    expect(done.code).toBe(EXIT.environment);
    expect(done.stderr).toMatch(
      /^cors-playground: CHROMIUM_PATH is set to \/nonexistent, but there is no file there\. To get a Chromium:\n.*apt-get install/,
    );
  });

  it('exits with 2 on a browser it cannot play in, and with 3 when Firefox is missing', async () => {
    const unknown = await run(['--browser', 'safari', 'one.scenario.json'], work);
    expect(unknown.code).toBe(EXIT.invalidInput);
    expect(unknown.stderr).toBe(
      'cors-playground: --browser must be chromium, firefox or all, got "safari".\n',
    );
    const missing = await run(['--browser', 'firefox', 'one.scenario.json'], work, {
      FIREFOX_PATH: '/nonexistent',
    });
    expect(missing.code).toBe(EXIT.environment);
    expect(missing.stderr).toMatch(
      /^cors-playground: FIREFOX_PATH is set to \/nonexistent, but there is no file there\. To get a Firefox:\n.*apt-get install firefox-esr/,
    );
  });

  it('without puppeteer-core, still says why Chromium is missing, and that Firefox needs it', async () => {
    const NODE_OPTIONS = `--import ${pathToFileURL(join(work, 'no-puppeteer.mjs')).href}`;
    const chromium = await run(['one.scenario.json'], work, {
      CHROMIUM_PATH: '/nonexistent',
      NODE_OPTIONS,
    });
    expect(chromium.code).toBe(EXIT.environment);
    expect(chromium.stderr).toMatch(/^cors-playground: CHROMIUM_PATH is set to \/nonexistent/);
    const firefox = await run(['--browser', 'firefox', 'one.scenario.json'], work, {
      NODE_OPTIONS,
    });
    expect(firefox.code).toBe(EXIT.environment);
    expect(firefox.stderr).toMatch(
      /^cors-playground: Firefox is driven through the package puppeteer-core, which cannot be loaded \(.*\)\. Install it:\n {2}npm install puppeteer-core\n$/,
    );
  });

  it('exits at once with 3 when Chromium does not start', async () => {
    const broken = join(work, 'chrome');
    await writeFile(broken, '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    const done = await run(['one.scenario.json'], work, { CHROMIUM_PATH: broken });
    expect(done.code).toBe(EXIT.environment);
    expect(done.stderr).toMatch(
      new RegExp(`^cors-playground: Chromium at ${broken} did not start: .*\\nTo get a Chromium`),
    );
  });
});

describe('cors-playground run, playing scenarios in Chromium', () => {
  let done: Done;
  const junitFile = join('reports', 'junit.xml');

  beforeAll(async () => {
    const suite = join(work, 'suite');
    await mkdir(suite);
    // The first is the slowest, so with three side by side it finishes last.
    await writeFile(
      join(suite, 'a-slow.scenario.json'),
      scenario('slow', { waitMs: 500, request: {}, expect: { outcome: 'allowed' } }),
    );
    await writeFile(
      join(suite, 'b-unmet.scenario.json'),
      scenario('unmet', { request: {}, expect: { outcome: 'blocked' } }),
    );
    await writeFile(join(suite, 'c-ok.scenario.json'), scenario('ok', { request: {} }));
    done = await run(
      ['--json', '--reporter', 'junit', '--output-file', junitFile, '--concurrency', '3', suite],
      join(work, 'invalid'),
      { CHROMIUM_PATH: resolveChromium(), GITHUB_ACTIONS: 'true' },
    );
  }, 60_000);

  it('exits with 1 when an expectation is unmet', () => {
    expect(done.code, done.stderr).toBe(EXIT.failed);
  });

  it('writes only JSON lines to stdout, in input order, then a summary', () => {
    const lines = done.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; id?: string; passed?: boolean });
    expect(lines.map(({ type, id, passed }) => ({ type, id, passed }))).toEqual([
      { type: 'scenario', id: 'a-slow', passed: true },
      { type: 'scenario', id: 'b-unmet', passed: false },
      { type: 'scenario', id: 'c-ok', passed: true },
      { type: 'summary', id: undefined, passed: 2 },
    ]);
  });

  it('annotates the unmet expectation at its line for GitHub Actions', () => {
    const file = join(work, 'suite', 'b-unmet.scenario.json');
    expect(done.stderr).toContain(
      `::error file=${file},line=12,col=7,title=Expectation not met%3A unmet::step 1 of b-unmet%0Aunmet: expected outcome blocked, browser allowed\n`,
    );
  });

  it('writes a JUnit report where it was asked to', async () => {
    const xml = await readFile(join(work, 'invalid', junitFile), 'utf8');
    expect(xml).toMatch(
      /<testsuites name="cors-playground" tests="3" failures="1" errors="0" time="\d+\.\d{3}">/,
    );
    expect(xml).toMatch(
      /<testcase [^>]*name="unmet"[^>]*>\n\s*<failure type="unmet expectation" message="expected outcome blocked, browser allowed">FAIL b-unmet/,
    );
  });

  it('times each scenario and the run in the JUnit report', async () => {
    const xml = await readFile(join(work, 'invalid', junitFile), 'utf8');
    const time = (pattern: RegExp): number => Number(pattern.exec(xml)?.[1]);
    const slow = time(/<testcase [^>]*name="slow"[^>]* time="(\d+\.\d{3})"/);
    const ok = time(/<testcase [^>]*name="ok"[^>]* time="(\d+\.\d{3})"/);
    const suite = time(/<testsuite [^>]* time="(\d+\.\d{3})"/);
    // The slow one waits 500 ms before its fetch; the three play side by side.
    expect(slow).toBeGreaterThanOrEqual(0.5);
    expect(ok).toBeGreaterThan(0);
    expect(ok).toBeLessThan(slow);
    expect(suite).toBeGreaterThanOrEqual(slow);
    expect(xml).toMatch(/<testsuite [^>]* timestamp="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d">/);
  });
});
