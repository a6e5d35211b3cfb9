import { parseArgs } from 'node:util';
import { isUsageMistake, reportCliError, UsageError } from '../mock-server/cli-error.ts';
import {
  EXPORT_TARGETS,
  EXPORTERS,
  type ExportTarget,
} from '../src/scenario/exporters/exporters.ts';
import { exportPlaywrightTest } from '../src/scenario/exporters/playwright-test.ts';

/** The servers, and the Playwright test that pins the scenario with the project's fixture. */
const TARGETS = [...EXPORT_TARGETS, 'playwright'] as const;

const DEFAULT_PAGE_ORIGIN = 'http://localhost:5173';
const DEFAULT_SERVER_ORIGIN = 'http://localhost:3000';

const USAGE = `Usage: cors-playground export <scenario file> --to <${TARGETS.join('|')}> [options]

Writes the scenario's server config as the server code or config you paste into your own
server, on stdout. Where that server cannot send what the config sends, nothing is written:
each reason is printed instead, with the part of the config it is about.

Options:
  --to <server>            ${EXPORT_TARGETS.map((target) => `${target} (${EXPORTERS[target].title})`).join(',\n                           ')},
                           playwright (a test of the scenario's expectations on the
                           cors-playground/playwright fixture)
  --page-origin <origin>   what {{origin}} stands for: your page's origin
                           (default ${DEFAULT_PAGE_ORIGIN}, the playground's)
  --server-origin <origin> the server's own origin: where nginx, Apache and Caddy listen, and
                           what {{target}} stands for (default ${DEFAULT_SERVER_ORIGIN})
  -h, --help               show this help

Exit codes: 0 written (any notes on stderr); 1 the server cannot express the config (the
reasons on stderr); 2 invalid input (an option, or a file that is not a valid scenario).`;

const ORIGIN = /^https?:\/\/(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

function origin(option: string, value: string): string {
  if (!ORIGIN.test(value)) {
    throw new UsageError(
      `${option} must be an origin such as http://localhost:8080, got "${value}".`,
    );
  }
  return value;
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      to: { type: 'string' },
      'page-origin': { type: 'string', default: DEFAULT_PAGE_ORIGIN },
      'server-origin': { type: 'string', default: DEFAULT_SERVER_ORIGIN },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [, file, ...extra] = positionals;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (file === undefined) throw new UsageError('Name the scenario file to export.');
  if (extra.length > 0) throw new UsageError('Export one scenario file at a time.');
  const target = values.to;
  if (target === undefined || !(TARGETS as readonly string[]).includes(target)) {
    throw new UsageError(`--to must be one of ${TARGETS.join(', ')}, got "${target ?? ''}".`);
  }
  const origins = {
    page: origin('--page-origin', values['page-origin']),
    server: origin('--server-origin', values['server-origin']),
  };

  // The schemas load only now that the arguments are read, so --help answers at once.
  const [{ findScenarioFiles, readScenarioFiles }, { fileErrorText }] = await Promise.all([
    import('./scenario-files.ts'),
    import('./file-error-report.ts'),
  ]);
  const found = await findScenarioFiles([file]);
  if (found.files.length > 1) {
    throw new UsageError(
      `${file} holds ${found.files.length} scenario files; export one file at a time.`,
    );
  }
  const read = await readScenarioFiles(found.files);
  const errors = [...found.errors, ...read.errors];
  const loaded = read.scenarios[0];
  if (errors.length > 0 || loaded === undefined) {
    for (const error of errors) console.error(fileErrorText(error));
    return 2;
  }
  const { scenario } = loaded;
  const title =
    target === 'playwright' ? 'A Playwright test' : EXPORTERS[target as ExportTarget].title;
  const exported =
    target === 'playwright'
      ? exportPlaywrightTest(scenario)
      : EXPORTERS[target as ExportTarget].exporter({ version: 1, ...scenario.server }, origins);
  if (!exported.ok) {
    console.error(`cors-playground: ${title} cannot express ${loaded.file}:`);
    for (const problem of exported.problems) console.error(`  ${problem.path}: ${problem.reason}`);
    return 1;
  }
  const changed =
    target === 'playwright'
      ? []
      : scenario.steps.flatMap((step, index) => (step.server === undefined ? [] : [index + 1]));
  if (changed.length > 0) {
    console.error(
      `note: step ${changed.join(', ')} changes the server; this is the server the scenario starts with`,
    );
  }
  for (const note of exported.notes) console.error(`note: ${note}`);
  process.stdout.write(exported.code);
  return 0;
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    reportCliError(error, USAGE, []);
    process.exitCode = isUsageMistake(error) ? 2 : 3;
  },
);
