// The package as a user gets it: packed with npm pack (which builds it), installed from the
// tarball into a project of its own outside the repository, and used there as the README and
// docs/scenarios.md say; and installed with pnpm into a second one, whose strict node_modules
// (a package sees only what it declares) is where an undeclared dependency shows. Run by npm
// run test:package (part of npm test).
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveChromium } from '../runner/chromium.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DOC = await readFile(join(ROOT, 'docs', 'scenarios.md'), 'utf8');
const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
};
/** Installed in the consumer at the versions this repository has, so npm's cache serves them. */
const installedVersion = async (name: string): Promise<string> =>
  (
    JSON.parse(await readFile(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;

let work: string;
let consumer: string;
let pnpmConsumer: string;
let tarballFiles: string[];
/** pnpm from the registry, pinned in devDependencies (10.x: 11 does not run on Node 20). */
const PNPM = join(ROOT, 'node_modules', '.bin', 'pnpm');
const env = { ...process.env, CHROMIUM_PATH: resolveChromium() };

interface Done {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string): Promise<Done> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function succeed(command: string, args: string[], cwd: string): Promise<Done> {
  const done = await run(command, args, cwd);
  if (done.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed:\n${done.stdout}\n${done.stderr}`);
  }
  return done;
}

/** The fenced blocks of one language in docs/scenarios.md, after a heading. */
function docBlocks(language: string, after = ''): string[] {
  const from = DOC.indexOf(after);
  return [
    ...DOC.slice(from).matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g')),
  ].map((match) => match[1] ?? '');
}

/** A project of its own with `scenarios` and `tests` folders, its dependencies installed. */
async function newProject(dir: string, command: string, install: string[]): Promise<void> {
  await mkdir(join(dir, 'scenarios'), { recursive: true });
  await mkdir(join(dir, 'tests'));
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  await succeed(command, install, dir);
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cors-playground-package-'));
  await succeed('npm', ['pack', '--pack-destination', work], ROOT);
  const [tarball] = (await readdir(work)).filter((name) => name.endsWith('.tgz'));
  if (tarball === undefined) throw new Error(`npm pack left no tarball in ${work}`);
  tarballFiles = (await succeed('tar', ['-tzf', join(work, tarball)], work)).stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.replace(/^package\//, ''));

  const dependencies = [
    join(work, tarball),
    `@playwright/test@${await installedVersion('@playwright/test')}`,
    `@types/node@${await installedVersion('@types/node')}`,
  ];
  consumer = join(work, 'consumer');
  pnpmConsumer = join(work, 'pnpm-consumer');
  await Promise.all([
    newProject(consumer, 'npm', [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      ...dependencies,
    ]),
    newProject(pnpmConsumer, PNPM, ['add', '--prefer-offline', ...dependencies]),
  ]);
}, 240_000);

afterAll(async () => {
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

describe('npm pack', () => {
  it('holds compiled JavaScript with types, the built app and the schemas, and nothing else', () => {
    for (const file of [
      'bin/cors-playground.js',
      'lib/runner/public-api.js',
      'lib/runner/public-api.d.ts',
      'lib/runner/playwright-fixture.js',
      'lib/runner/playwright-fixture.d.ts',
      'lib/mock-server/main.js',
      'lib/runner/cli.js',
      'dist/index.html',
      'schemas/scenario.schema.json',
    ]) {
      expect(tarballFiles).toContain(file);
    }
    expect(tarballFiles.some((file) => /^dist\/assets\/index-.*\.js$/.test(file))).toBe(true);
    const unwanted = tarballFiles.filter(
      (file) =>
        /\.test\.|\.spec\.|^e2e\/|^examples\/|^\.ci\/|^docs\/|^scripts\/|\.png$/.test(file) ||
        (file.endsWith('.ts') && !file.endsWith('.d.ts')),
    );
    expect(unwanted).toEqual([]);
  });

  it('installs without the UI build tools or any TypeScript tooling', async () => {
    const installed = await readdir(join(consumer, 'node_modules'));
    for (const tool of ['vite', 'react', 'tsx', 'typescript'])
      expect(installed).not.toContain(tool);
  });
});

describe('npx cors-playground, installed', () => {
  it('answers --help, -h and --version', async () => {
    const help = await succeed('npx', ['cors-playground', '--help'], consumer);
    expect(help.stdout).toMatch(/^Usage: cors-playground \[options\]/);
    expect((await succeed('npx', ['cors-playground', '-h'], consumer)).stdout).toBe(help.stdout);
    expect((await succeed('npx', ['cors-playground', '--version'], consumer)).stdout).toBe(
      `${manifest.version}\n`,
    );
  }, 30_000);

  it('refuses --dev in one line: hot reload needs the sources', async () => {
    const done = await run('npx', ['cors-playground', '--dev'], consumer);
    expect(done.code).toBe(1);
    expect(done.stderr.trim()).toBe(
      'cors-playground: --dev serves the UI from its sources, with hot reload: use npm run dev in a clone of the repository.',
    );
  }, 30_000);

  it('with no arguments starts the playground and serves the built app, compressed', async () => {
    // Three free ports, given through the environment so that the command line stays empty.
    const blockers = [createServer(), createServer(), createServer()];
    const ports = await Promise.all(
      blockers.map(
        (server) =>
          new Promise<number>((resolve) =>
            server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
          ),
      ),
    );
    await Promise.all(blockers.map((server) => new Promise((resolve) => server.close(resolve))));
    // In a group of its own: npx does not pass SIGTERM on to the playground it starts, which
    // then outlived the test, listening, so the whole group is stopped.
    const child = spawn('npx', ['cors-playground'], {
      cwd: consumer,
      detached: true,
      env: {
        ...env,
        PLAYGROUND_APP_PORT: String(ports[0]),
        PLAYGROUND_TARGET_PORT: String(ports[1]),
        PLAYGROUND_SECOND_PORT: String(ports[2]),
      },
    });
    try {
      let stdout = '';
      await new Promise<void>((resolve) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (stdout.includes('Press Ctrl+C to stop.')) resolve();
        });
        child.on('close', () => resolve());
      });
      expect(stdout).toContain(`app              http://localhost:${ports[0]}   <- open this`);
      const page = await fetch(`http://localhost:${ports[0]}/`, {
        headers: { 'Accept-Encoding': 'br' },
      });
      expect(page.headers.get('content-encoding')).toBe('br');
      expect(await page.text()).toContain('<title>CORS Playground</title>');
    } finally {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        const closed = new Promise((resolve) => child.once('close', resolve));
        process.kill(-child.pid, 'SIGTERM');
        await closed;
      }
    }
  }, 30_000);

  it('run plays the examples of docs/scenarios.md, as a folder (with a JUnit report) and one file by name', async () => {
    const examples = docBlocks('json');
    expect(examples.length).toBeGreaterThanOrEqual(4);
    await Promise.all(
      examples.map((json, i) =>
        writeFile(join(consumer, 'scenarios', `docs-${i + 1}.scenario.json`), json),
      ),
    );
    const done = await run(
      'npx',
      [
        'cors-playground',
        'run',
        '--json',
        '--reporter',
        'junit',
        '--output-file',
        'reports/cors.xml',
        'scenarios',
      ],
      consumer,
    );
    // Nothing but JSON lines on stdout: a line per scenario, then the summary.
    const lines = done.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; agree?: boolean; passed?: unknown });
    expect(lines.map(({ type, agree, passed }) => ({ type, agree, passed }))).toEqual([
      ...examples.map(() => ({ type: 'scenario', agree: true, passed: true })),
      { type: 'summary', agree: examples.length, passed: examples.length },
    ]);
    expect(done.code, done.stderr).toBe(0);
    const junit = await readFile(join(consumer, 'reports', 'cors.xml'), 'utf8');
    expect(junit).toMatch(
      new RegExp(
        `<testsuites name="cors-playground" tests="${examples.length}" failures="0" errors="0" time="\\d+\\.\\d{3}">`,
      ),
    );
    // And one file by name.
    const one = await run(
      'npx',
      ['cors-playground', 'run', 'scenarios/docs-1.scenario.json'],
      consumer,
    );
    expect(one.code, one.stdout + one.stderr).toBe(0);
  }, 90_000);
});

describe('the Playwright fixture, installed', () => {
  it('runs the test docs/scenarios.md shows, as written', async () => {
    const [spec] = docBlocks('ts', '## The Playwright fixture');
    await writeFile(join(consumer, 'tests', 'cors.spec.ts'), spec ?? '');
    // The consumer's own config, using the Chromium these tests use.
    await writeFile(
      join(consumer, 'playwright.config.ts'),
      `import { defineConfig } from '@playwright/test';
export default defineConfig({
  use: { launchOptions: { executablePath: process.env.CHROMIUM_PATH } },
});
`,
    );
    const done = await run('npx', ['playwright', 'test', '--reporter=line'], consumer);
    expect(done.stdout).toContain('1 passed');
    expect(done.code, done.stdout + done.stderr).toBe(0);
  }, 60_000);
});

describe('the package installed with pnpm', () => {
  it('pnpm exec cors-playground run plays a scenario of docs/scenarios.md', async () => {
    const [example] = docBlocks('json');
    await writeFile(join(pnpmConsumer, 'scenarios', 'docs-1.scenario.json'), example ?? '');
    const done = await run(
      PNPM,
      ['exec', 'cors-playground', 'run', '--json', 'scenarios'],
      pnpmConsumer,
    );
    expect(done.code, done.stdout + done.stderr).toBe(0);
    expect(JSON.parse(done.stdout.trimEnd().split('\n').at(-1) ?? '')).toMatchObject({
      type: 'summary',
      scenarios: 1,
      agree: 1,
      passed: 1,
    });
  }, 60_000);
});

/** Writes a consumer's strict tsconfig and code using every entry point, and runs tsc there. */
async function typeCheck(dir: string): Promise<Done> {
  await writeFile(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        skipLibCheck: false,
        module: 'nodenext',
        target: 'es2022',
        noEmit: true,
        types: ['node'],
      },
      include: ['*.ts', 'tests'],
    }),
  );
  await writeFile(
    join(dir, 'use-the-api.ts'),
    `import {
  loadScenarioFiles,
  parseScenario,
  runScenarios,
  startPlayground,
  type ScenarioInput,
  type ScenarioResult,
  type ServerConfigInput,
} from 'cors-playground';
import type { CorsPlayground, CorsServerConfig } from 'cors-playground/playwright';

const server: ServerConfigInput = { version: 1, cors: { allowOrigin: 'reflect' } };
const fixtureServer: CorsServerConfig = { cors: { allowOrigin: '*', maxAge: 60 } };
const input: ScenarioInput = { version: 1, title: 'GET', steps: [{ request: {} }] };
const parsed = parseScenario(input);
const { scenarios, errors } = await loadScenarioFiles(['scenarios']);
const results: ScenarioResult[] = await runScenarios(scenarios, { concurrency: 2 });
const playground = await startPlayground({
  ports: { app: 0, target: 0, second: 0 },
  app: (_request, response) => {
    response.end();
  },
});
const origin: string = playground.origins.app;
const url = (p: CorsPlayground): string => p.url('/items', 'crossSite');
await playground.close();
console.log(server, fixtureServer, parsed.ok, errors.length, results[0]?.agree, origin, url);
`,
  );
  const [library] = docBlocks('ts', '## The runner');
  await writeFile(join(dir, 'runner-example.ts'), library ?? '');
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  return run(process.execPath, [tsc, '-p', dir], dir);
}

describe('the types, installed', () => {
  it("pass a consumer's tsc --strict, library files checked too, with npm and with pnpm", async () => {
    // Side by side: each is one process, mostly the type checker's own work.
    for (const done of await Promise.all([typeCheck(consumer), typeCheck(pnpmConsumer)])) {
      expect(done.stdout).toBe('');
      expect(done.code).toBe(0);
    }
  }, 120_000);
});
