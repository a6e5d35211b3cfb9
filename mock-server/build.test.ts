import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildApp } from './build.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

let outDir: string | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  if (outDir !== undefined) await rm(outDir, { recursive: true, force: true });
});

describe('the app build', () => {
  it('is a production build whatever NODE_ENV the caller has', async () => {
    vi.stubEnv('NODE_ENV', 'test');
    outDir = await mkdtemp(join(tmpdir(), 'cors-playground-build-'));
    await buildApp(ROOT, outDir);
    const assets = join(outDir, 'assets');
    const scripts = (await readdir(assets)).filter((name) => name.endsWith('.js'));
    const code = (
      await Promise.all(scripts.map((name) => readFile(join(assets, name), 'utf8')))
    ).join('\n');
    // (Booleans: a failure would otherwise print the whole bundle.)
    expect(code.includes('Re-send the last request when the server changes'), 'the app').toBe(true);
    // Only development builds have the JSX dev runtime and preact/debug's warnings (which a
    // build under NODE_ENV=test includes).
    expect(code.includes('jsxDEV'), 'the JSX development runtime').toBe(false);
    expect(
      code.includes('Hook can only be invoked from render methods'),
      "preact/debug's development warnings",
    ).toBe(false);
  }, 60_000);
});
