import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));

function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, [MAIN, ...args], { env: { ...process.env, ...env } });
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

async function freePort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
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

  it('prints its URLs when ready and stops cleanly on SIGTERM', async () => {
    const flags = await portFlags();
    const child = spawn(TSX, [MAIN, ...flags]);
    let stdout = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('Press Ctrl+C to stop.')) resolve();
      });
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
    expect(stderr).toContain('Usage: npm start');
  }, 20_000);
});
