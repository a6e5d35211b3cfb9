import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { reportCliError, UsageError } from './cli-error.ts';
import { PortInUseError } from './listen.ts';
import { PORT_OPTIONS, type PortName } from './origins.ts';

// Compiled into lib/ for the package, which ships no sources; run from the sources in a clone.
const COMPILED = !import.meta.url.endsWith('.ts');
// The folder with dist/.
const ROOT = fileURLToPath(new URL(COMPILED ? '../..' : '..', import.meta.url));

const USAGE = `Usage: cors-playground [options]            (npm start [-- options] in a clone)
       cors-playground run [options] <scenario files or folders...>

Runs the CORS Playground on loopback only and prints its URLs. With run, plays scenario
files in headless Chromium instead (cors-playground run --help).

Options:
${Object.values(PORT_OPTIONS)
  .map(
    (o) =>
      `  ${`${o.flag}=<port>`.padEnd(22)} port for ${o.role} (default ${o.default}, env ${o.envVar})`,
  )
  .join('\n')}
  --dev                  serve the UI through Vite with hot reload (in a clone: npm run dev)
  -h, --help             show this help
  -v, --version          print the version`;

function parsePort(text: string, source: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 65535) {
    throw new UsageError(`${source} must be a port number from 1 to 65535, got "${text}".`);
  }
  return Number(text);
}

function readOptions(): { ports: Record<PortName, number>; dev: boolean } | 'help' | 'version' {
  const { values } = parseArgs({
    options: {
      'app-port': { type: 'string' },
      'target-port': { type: 'string' },
      'second-port': { type: 'string' },
      dev: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
    strict: true,
  });
  if (values.help) return 'help';
  if (values.version) return 'version';
  if (values.dev && COMPILED) {
    throw new UsageError(
      '--dev serves the UI from its sources, with hot reload: use npm run dev in a clone of the repository.',
    );
  }
  const port = (name: PortName): number => {
    const spec = PORT_OPTIONS[name];
    const flagValue = values[spec.flag.slice(2) as 'app-port' | 'target-port' | 'second-port'];
    if (flagValue !== undefined) return parsePort(flagValue, spec.flag);
    const envValue = process.env[spec.envVar];
    if (envValue !== undefined && envValue !== '') return parsePort(envValue, spec.envVar);
    return spec.default;
  };
  const ports = { app: port('app'), target: port('target'), second: port('second') };
  if (new Set(Object.values(ports)).size !== 3) {
    throw new UsageError(
      `The app, target and second target need three different ports, got ${Object.values(ports).join(', ')}.`,
    );
  }
  return { ports, dev: values.dev };
}

async function main(): Promise<void> {
  const options = readOptions();
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  if (options === 'version') {
    const manifest = await readFile(join(ROOT, 'package.json'), 'utf8');
    console.log((JSON.parse(manifest) as { version: string }).version);
    return;
  }

  // Loaded once the arguments are read, so that --help and a mistake answer at once.
  const { serveDevPlayground, servePlayground } = await import('./serve-app.ts');
  const served = await (options.dev ? serveDevPlayground : servePlayground)(ROOT, options.ports);
  if (served.built) console.log('Built the app into dist/.');
  const { playground } = served;
  const { origins } = playground;
  console.log(`CORS Playground is running${options.dev ? ' (dev, hot reload)' : ''}:
  app              ${origins.app}   <- open this
  target           ${origins.sameSite}   (same-site, cross-origin)
  target           ${origins.crossSite}   (cross-site)
  second target    ${origins.second}
Press Ctrl+C to stop.`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping.`);
    void served.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  reportCliError(error, USAGE, [PortInUseError]);
  process.exit(1);
});
