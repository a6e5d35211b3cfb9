import { parseArgs } from 'node:util';
import { reportCliError, UsageError } from '../mock-server/cli-error.ts';
import { jsonReport, summary, textReport } from './report.ts';

const USAGE = `Usage: cors-playground run [options] <scenario files or folders...>

Plays each scenario in headless Chromium against an in-process playground, and compares
the model's verdict with what the browser did and the reason Chromium gives.
Exits with 1 when they disagree, an expectation fails, or a file is not a valid scenario.

Options:
  --json              one JSON object per scenario per line on stdout
  --concurrency <n>   browser contexts side by side (default 4)
  --fresh             a new browser context for every scenario (slower; same verdicts)
  -h, --help          show this help

The Chromium used: CHROMIUM_PATH, else Playwright's own download, else Debian's
/usr/bin/chromium-headless-shell, else /usr/bin/chromium.`;

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      concurrency: { type: 'string', default: '4' },
      fresh: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...paths] = positionals;
  if (values.help || command === undefined) {
    console.log(USAGE);
    return command === undefined && !values.help ? 1 : 0;
  }
  if (command !== 'run') throw new UsageError(`Unknown command "${command}".`);
  if (paths.length === 0) throw new UsageError('Name at least one scenario file or folder.');
  if (!/^[1-9]\d{0,2}$/.test(values.concurrency)) {
    throw new UsageError(
      `--concurrency must be a whole number from 1 to 999, got "${values.concurrency}".`,
    );
  }

  // Playwright and the schemas take a second to load: only now that the arguments are read.
  const [{ loadScenarioFiles }, { runScenarios }] = await Promise.all([
    import('./scenario-files.ts'),
    import('./run.ts'),
  ]);
  const { scenarios, errors } = await loadScenarioFiles(paths);
  for (const error of errors) {
    console.error(`invalid ${error.file}: ${error.message}`);
    for (const issue of error.issues) console.error(`  ${issue.path}: ${issue.message}`);
  }
  const interactive = process.stderr.isTTY;
  const results = await runScenarios(scenarios, {
    concurrency: Number(values.concurrency),
    isolation: values.fresh ? 'fresh' : 'reuse',
    onResult: (result, done, total) => {
      if (values.json) console.log(jsonReport(result));
      else if (!result.agree || !result.passed) console.log(textReport(result));
      // A progress line: rewritten in place on a terminal, every 25 scenarios otherwise.
      if (interactive)
        process.stderr.write(`\r[${done}/${total}] ${result.id}`.padEnd(80).slice(0, 80));
      else if (done % 25 === 0 && done < total) console.error(`[${done}/${total}]`);
    },
  });
  if (interactive) process.stderr.write('\r'.padEnd(81) + '\r');
  if (!values.json) {
    const agreed = results.filter((result) => result.agree && result.passed);
    for (const result of agreed) console.log(textReport(result).split('\n')[0]);
  }
  console.log(summary(results, errors.length));
  return results.every((result) => result.agree && result.passed) && errors.length === 0 ? 0 : 1;
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  async (error: unknown) => {
    const { ChromiumNotFoundError } = await import('./chromium.ts');
    reportCliError(error, USAGE, [ChromiumNotFoundError]);
    process.exitCode = 1;
  },
);
