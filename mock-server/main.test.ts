import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { PORT_OPTIONS } from './origins.ts';
import { freePort } from './testing.ts';

// The command as npm start and npx cors-playground run it.
const BIN = fileURLToPath(new URL('../bin/cors-playground.js', import.meta.url));

function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let blocker: Server | undefined;
afterEach(
  () => new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve())),
);

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : 0);
    });
  });
}

async function portFlags(occupied?: string): Promise<string[]> {
  const flags: string[] = [];
  for (const flag of ['--app-port', '--target-port', '--second-port']) {
    if (flag === occupied) {
      blocker = createServer();
      flags.push(`${flag}=${await listen(blocker)}`);
    } else {
      flags.push(`${flag}=${await freePort()}`);
    }
  }
  return flags;
}

describe('npm start', () => {
  it.each([
    ['--app-port', 'the app and control API', 'PLAYGROUND_APP_PORT'],
    ['--target-port', 'the target', 'PLAYGROUND_TARGET_PORT'],
    ['--second-port', 'the second target', 'PLAYGROUND_SECOND_PORT'],
  ])(
    'a port in use is one clear line naming %s',
    async (flag, role, envVar) => {
      const flags = await portFlags(flag);
      const port = flags.find((f) => f.startsWith(flag))?.split('=')[1];
      const { code, stderr } = await run(flags);
      expect(code).toBe(1);
      // The last line: a first start may print the app's build output above it.
      expect(stderr.trim().split('\n').at(-1)).toBe(
        `cors-playground: Port ${port} (${role}) is already in use. Stop what is using it, or choose another port with ${flag}=<port> (or ${envVar}).`,
      );
    },
    60_000,
  );

  it('with no arguments, prints its URLs when ready and stops cleanly on SIGTERM', async () => {
    const flags = await portFlags();
    // Free ports through the environment, so the command line stays empty.
    const env = Object.fromEntries(
      Object.values(PORT_OPTIONS).map((option, i) => [option.envVar, flags[i]?.split('=')[1]]),
    );
    const child = spawn(process.execPath, [BIN], { env: { ...process.env, ...env } });
    let stdout = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('Press Ctrl+C to stop.')) resolve();
      });
      // A start that fails fails the test at once, with its output below.
      child.on('close', () => resolve());
    });
    const [app, target, second] = flags.map((f) => f.split('=')[1]);
    expect(stdout).toContain(`app              http://localhost:${app}`);
    expect(stdout).toContain(
      `target           http://localhost:${target}   (same-site, cross-origin)`,
    );
    expect(stdout).toContain(`target           http://127.0.0.1:${target}   (cross-site)`);
    expect(stdout).toContain(`second target    http://localhost:${second}`);
    const page = await fetch(`http://localhost:${app}/`);
    expect(await page.text()).toContain('<title>CORS Playground</title>');
    child.kill('SIGTERM');
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
  }, 120_000);

  it('takes ports from the environment and names the variable when one is wrong', async () => {
    const { code, stderr } = await run([], { PLAYGROUND_APP_PORT: 'eighty' });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      'cors-playground: PLAYGROUND_APP_PORT must be a port number from 1 to 65535, got "eighty".',
    );
  }, 20_000);

  it('refuses an unknown flag with the usage', async () => {
    const { code, stderr } = await run(['--prot=1']);
    expect(code).toBe(1);
    expect(stderr).toContain("Unknown option '--prot'");
    expect(stderr).toContain('Usage: cors-playground [options]');
  }, 20_000);

  it.each(['--help', '-h'])(
    '%s names both commands and every option',
    async (flag) => {
      const { code, stdout } = await run([flag]);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Usage: cors-playground \[options\]/);
      expect(stdout).toContain('cors-playground run [options] <scenario files or folders...>');
      for (const option of ['--app-port=<port>', '--dev', '-h, --help', '-v, --version']) {
        expect(stdout).toContain(option);
      }
    },
    20_000,
  );

  it.each(['--version', '-v'])(
    '%s prints the package version',
    async (flag) => {
      const { version } = JSON.parse(
        await readFile(new URL('../package.json', import.meta.url), 'utf8'),
      ) as { version: string };
      const { code, stdout } = await run([flag]);
      expect(code).toBe(0);
      expect(stdout).toBe(`${version}\n`);
    },
    20_000,
  );

  it.each(['--help', '-h'])(
    'run %s shows the runner usage',
    async (flag) => {
      const { code, stdout } = await run(['run', flag]);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Usage: cors-playground run \[options\]/);
    },
    20_000,
  );
});
