import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** What the built app depends on: when any of these is newer than the build, rebuild. */
const BUILD_INPUTS = ['src', 'public', 'index.html', 'vite.config.ts', 'package-lock.json'];

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
  const { build } = await import('vite');
  await build({ root, logLevel: 'warn' });
  return 'built';
}
