#!/usr/bin/env node
// The command. `cors-playground run …` plays scenario files (runner/cli.ts), `export …` writes
// a scenario's server config for another server (runner/export-cli.ts); anything else runs
// the playground (mock-server/main.ts, which also answers --help and --version).
// Installed from npm, it runs the compiled JavaScript in lib/; in a clone of the repository,
// where the TypeScript sources are, it runs them through tsx, so nothing needs building first.
import { existsSync } from 'node:fs';

const ENTRIES = { run: 'runner/cli', export: 'runner/export-cli' };
const command = process.argv[2];
const entry = Object.hasOwn(ENTRIES, command) ? ENTRIES[command] : 'mock-server/main';
const source = new URL(`../${entry}.ts`, import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import(new URL(`../lib/${entry}.js`, import.meta.url).href);
}
