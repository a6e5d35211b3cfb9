// npm run build (and npm pack, through prepack): the app's production build into dist/ when
// its sources changed, and the package's JavaScript and type declarations into lib/, from
// nothing, so that no file of a module since renamed or removed is left to be packed.
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../mock-server/build.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

if ((await ensureBuilt(root)) === 'built') console.log('Built the app into dist/.');
await rm(join(root, 'lib'), { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiler = spawn(process.execPath, [tsc, '-p', join(root, 'tsconfig.package.json')], {
  stdio: 'inherit',
});
const code = await new Promise<number | null>((resolve) => compiler.once('close', resolve));
if (code !== 0) {
  console.error('The package did not compile (tsc -p tsconfig.package.json).');
  process.exit(1);
}
console.log('Compiled the package into lib/.');
