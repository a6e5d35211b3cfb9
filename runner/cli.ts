import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { isUsageMistake, reportCliError, UsageError } from '../mock-server/cli-error.ts';
import { BROWSERS, type BrowserName } from '../src/cors/browser.ts';
import {
  ChromiumLaunchError,
  ChromiumNotFoundError,
  DriverPackageError,
  FirefoxLaunchError,
  FirefoxNotFoundError,
} from './browser-errors.ts';
import type { ScenarioResult } from './play.ts';
import { EXIT, jsonSummary, tally } from './run-outcome.ts';
import { SCENARIO_FILE_PATTERN } from './scenario-file-name.ts';
import { parseShard, shardOf } from './shard.ts';

const DEFAULT_JUNIT_FILE = 'cors-playground-junit.xml';

/** What `--browser` accepts, and the browsers each plays in. */
const BROWSER_CHOICES: Readonly<Partial<Record<string, readonly BrowserName[]>>> = {
  chromium: ['chromium'],
  firefox: ['firefox'],
  all: BROWSERS,
};

const USAGE = `Usage: cors-playground run [options] <scenario files or folders...>

Plays each scenario in headless Chromium (or Firefox) against an in-process playground,
and compares the model's verdict, for that browser, with what the browser did and the
reason it gives. A folder
plays its ${SCENARIO_FILE_PATTERN} files, at any depth, outside node_modules and hidden
folders; a file named is played whatever its name.

Options:
  --json                  only JSON lines on stdout: one per invalid file, one per
                          scenario (in input order), then a summary
  --reporter junit        also write a JUnit XML report
  --output-file <path>    where the JUnit report goes (default ${DEFAULT_JUNIT_FILE})
  --shard <i>/<n>         play the i-th of n parts of the files, as Playwright splits tests
  --concurrency <n>       browser contexts side by side (default 4)
  --fresh                 a new browser context for every scenario (slower; same verdicts)
  --browser <name>        chromium (default), firefox, or all: each in turn, then the
                          scenarios whose outcome differs between them
  -h, --help              show this help

Under GitHub Actions (GITHUB_ACTIONS=true) each failure is also an annotation, at its line.

Exit codes: 0 every scenario agrees with the browser and meets its expectations; 1 one
does not; 2 invalid input (an option, a file, or no scenario files found); 3 no browser,
one that does not start, a server of yours that could not be reached (refused, DNS, TLS:
not a CORS error; a step that expects "network-error" passes instead), or another problem
running.

The Chromium used: CHROMIUM_PATH, else Playwright's own download, else Debian's
/usr/bin/chromium-headless-shell, else /usr/bin/chromium. The Firefox used (driven over
WebDriver BiDi): FIREFOX_PATH, else /usr/bin/firefox-esr, else /usr/bin/firefox.`;

/** The JUnit report could not be written: a problem of the machine, not of the input. */
class ReportWriteError extends Error {}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      reporter: { type: 'string' },
      'output-file': { type: 'string' },
      shard: { type: 'string' },
      concurrency: { type: 'string', default: '4' },
      fresh: { type: 'boolean', default: false },
      browser: { type: 'string', default: 'chromium' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...paths] = positionals;
  if (values.help || command === undefined) {
    console.log(USAGE);
    return command === undefined && !values.help ? EXIT.invalidInput : EXIT.passed;
  }
  if (command !== 'run') throw new UsageError(`Unknown command "${command}".`);
  if (paths.length === 0) throw new UsageError('Name at least one scenario file or folder.');
  if (!/^[1-9]\d{0,2}$/.test(values.concurrency)) {
    throw new UsageError(
      `--concurrency must be a whole number from 1 to 999, got "${values.concurrency}".`,
    );
  }
  if (values.reporter !== undefined && values.reporter !== 'junit') {
    throw new UsageError(
      `--reporter must be junit, got "${values.reporter}" (the text report is the default; --json gives JSON lines).`,
    );
  }
  if (values['output-file'] !== undefined && values.reporter === undefined) {
    throw new UsageError('--output-file is where --reporter junit writes: give both.');
  }
  const browsers = BROWSER_CHOICES[values.browser];
  if (browsers === undefined) {
    throw new UsageError(`--browser must be chromium, firefox or all, got "${values.browser}".`);
  }
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (values.shard !== undefined && shard === undefined) {
    throw new UsageError(
      `--shard must be <i>/<n> with 1 <= i <= n, e.g. 2/4, got "${values.shard}".`,
    );
  }

  // Playwright and the schemas take a second to load: only now that the arguments are read.
  const [
    files,
    { runScenarios, needsOwnContext },
    report,
    fileReport,
    { junitReport },
    github,
    { browserDifferences, differencesText },
  ] = await Promise.all([
    import('./scenario-files.ts'),
    import('./run.ts'),
    import('./report.ts'),
    import('./file-error-report.ts'),
    import('./junit-report.ts'),
    import('./github-annotations.ts'),
    import('./browser-differences.ts'),
  ]);
  const annotate = process.env.GITHUB_ACTIONS === 'true';
  const annotation = (line: string): void => void process.stderr.write(`${line}\n`);

  const found = await files.findScenarioFiles(paths);
  const mine = shard === undefined ? found.files : shardOf(found.files, shard);
  const read = await files.readScenarioFiles(mine);
  const fileErrors = [...found.errors, ...read.errors];
  for (const fileError of fileErrors) {
    console.log(
      values.json ? fileReport.fileErrorJson(fileError) : fileReport.fileErrorText(fileError),
    );
    if (annotate) github.fileErrorAnnotations(fileError).forEach(annotation);
  }
  if (found.files.length === 0) {
    // A path that cannot be read has said so already.
    if (fileErrors.length > 0) return EXIT.invalidInput;
    throw new UsageError(
      `No scenario files found in ${paths.join(', ')}: a folder plays its ${SCENARIO_FILE_PATTERN} files, outside node_modules and hidden folders.`,
    );
  }
  if (shard !== undefined) {
    console.error(
      `shard ${shard.current}/${shard.total}: ${mine.length} of ${found.files.length} scenario files`,
    );
  }

  const { scenarios } = read;
  // A progress line: on a terminal rewritten in place (and cleared before each result is
  // printed), elsewhere every 25 scenarios.
  const interactive = process.stderr.isTTY;
  const clearProgress = (): void => {
    if (interactive) process.stderr.write('\r'.padEnd(81) + '\r');
  };
  // With more than one browser, each line says which browser it is about.
  const tag = (result: ScenarioResult): string =>
    browsers.length > 1 ? `[${result.browser}] ` : '';
  const timing = { startedAt: new Date(), durationMs: 0 };
  const started = performance.now();
  const results: ScenarioResult[] = [];
  for (const browser of scenarios.length === 0 ? [] : browsers) {
    // With `--browser all`, a scenario that sends to a server of the user's own or names its
    // page origin plays in Chromium alone: only its DevTools tell the wire of such a server.
    // Asked for by name (`--browser firefox`), runScenarios refuses it instead.
    const inThisBrowser =
      browsers.length > 1 && browser !== 'chromium'
        ? scenarios.filter((loaded) => !needsOwnContext(loaded))
        : scenarios;
    const skipped = scenarios.length - inThisBrowser.length;
    if (skipped > 0) {
      console.error(
        `Not played in ${browser}: ${skipped} scenario(s) with a \`url\` or a \`page.origin\`, which play in Chromium only (its DevTools tell the wire of your server).`,
      );
    }
    if (inThisBrowser.length === 0) continue;
    const played = await runScenarios(inThisBrowser, {
      browser,
      concurrency: Number(values.concurrency),
      isolation: values.fresh ? 'fresh' : 'reuse',
      // In input order (see RunOptions.onResult), so `done - 1` is the scenario's index.
      onResult: (result, done, total) => {
        const ok = result.agree && result.passed;
        const text = report.textReport(result);
        clearProgress();
        console.log(
          values.json ? report.jsonReport(result) : tag(result) + (ok ? text.split('\n')[0] : text),
        );
        const loaded = inThisBrowser[done - 1];
        if (annotate && !ok && loaded !== undefined) {
          github.scenarioAnnotations(loaded, result).forEach(annotation);
        }
        if (interactive) {
          process.stderr.write(
            `\r[${done}/${total}] ${tag(result)}${result.id}`.padEnd(80).slice(0, 80),
          );
        } else if (done % 25 === 0 && done < total) console.error(`[${done}/${total}]`);
      },
    });
    results.push(...played);
  }
  timing.durationMs = performance.now() - started;
  clearProgress();
  if (browsers.length > 1 && !values.json) {
    console.log(differencesText(browserDifferences(results)));
  }

  const counts = tally(results, fileErrors.length);
  console.log(values.json ? jsonSummary(counts) : report.summary(counts, results));
  if (values.reporter === 'junit') {
    const path = values['output-file'] ?? DEFAULT_JUNIT_FILE;
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, junitReport(results, fileErrors, timing));
    } catch (error) {
      throw new ReportWriteError(`Cannot write the JUnit report: ${(error as Error).message}`);
    }
    console.error(`JUnit report: ${path}`);
  }
  return counts.exitCode;
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    reportCliError(error, USAGE, [
      ChromiumNotFoundError,
      ChromiumLaunchError,
      FirefoxNotFoundError,
      FirefoxLaunchError,
      DriverPackageError,
      ReportWriteError,
    ]);
    process.exitCode = isUsageMistake(error) ? EXIT.invalidInput : EXIT.environment;
  },
);
