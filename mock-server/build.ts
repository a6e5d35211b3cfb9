import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** What the built app depends on: when any of these is newer than the build, rebuild. */
const BUILD_INPUTS = [
  'src',
  'presets',
  'challenges',
  'public',
  'index.html',
  'vite.config.ts',
  'package-lock.json',
  'mock-server/build.ts',
];

async function newestMtime(path: string): Promise<number> {
  let info;
  try {
    info = await stat(path);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((entry) => newestMtime(join(path, entry))));
  return Math.max(info.mtimeMs, ...times);
}

/** Builds the app into `<root>/dist` when it is missing or older than its sources. */
export async function ensureBuilt(root: string): Promise<'up-to-date' | 'built'> {
  const built = await newestMtime(join(root, 'dist', 'index.html'));
  const sources = Math.max(
    ...(await Promise.all(BUILD_INPUTS.map((p) => newestMtime(join(root, p))))),
  );
  if (built > sources) return 'up-to-date';
  await buildApp(root);
  return 'built';
}

/**
 * Builds the app with Vite into `outDir`: always a production build. Vite and the Preact
 * preset take development or production from `process.env.NODE_ENV` when it is set, so under
 * a test runner (`NODE_ENV=test`) they would ship preact/debug's development code; the build runs in
 * a child process with `NODE_ENV=production` rather than changing this process's environment.
 */
export async function buildApp(root: string, outDir = join(root, 'dist')): Promise<void> {
  const vite = join(
    dirname(createRequire(join(root, 'package.json')).resolve('vite/package.json')),
    'bin',
    'vite.js',
  );
  const child = spawn(
    process.execPath,
    [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    { cwd: root, env: { ...process.env, NODE_ENV: 'production' }, stdio: 'inherit' },
  );
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) throw new Error(`The app's build (vite build in ${root}) failed.`);
}
