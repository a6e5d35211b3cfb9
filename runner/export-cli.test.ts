import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `cors-playground export`: the command as a user runs it, in a child process.

const run = (...args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile('node', ['bin/cors-playground.js', 'export', ...args], (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr }),
    );
  });

describe('cors-playground export', () => {
  let dir: string;
  const file = (name: string) => join(dir, name);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'export-cli-'));
    const scenario = (server: object) =>
      JSON.stringify({
        version: 1,
        title: 't',
        server,
        steps: [{ request: { method: 'GET', path: '/' } }],
      });
    await writeFile(
      file('list.json'),
      scenario({ cors: { allowOrigin: { allowList: ['{{origin}}'] } } }),
    );
    await writeFile(file('raw.json'), scenario({ raw: { actual: { status: 200, headers: [] } } }));
    await writeFile(file('bad.json'), '{"version": 1, "title": "t", "steps": []}');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes the server on stdout, {{origin}} as the page origin given', async () => {
    const result = await run(
      file('list.json'),
      '--to',
      'express',
      '--page-origin',
      'https://app.example',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('origin: ["https://app.example"]');
    expect(result.stdout).toContain("import cors from 'cors';");
  });

  it('listens where --server-origin says, for the servers configured by file', async () => {
    const result = await run(
      file('list.json'),
      '--to',
      'nginx',
      '--server-origin',
      'http://127.0.0.1:8081',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('listen 127.0.0.1:8081;');
  });

  it('writes nothing and exits 1 with each reason where the server cannot express the config', async () => {
    const result = await run(file('raw.json'), '--to', 'caddy');
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: expect.stringContaining('  raw.actual: an exact raw response') as string,
    });
  });

  it('exits 2 on an invalid scenario, naming where', async () => {
    const result = await run(file('bad.json'), '--to', 'node');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('bad.json:1:');
  });

  it('exits 2 on an unknown server, listing the known ones', async () => {
    const result = await run(file('list.json'), '--to', 'iis');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      '--to must be one of express, fastify, hono, node, nginx, apache, caddy',
    );
  });

  it('exits 2 on a folder of several scenarios, rather than export one of them', async () => {
    const folder = join(dir, 'several');
    await mkdir(folder);
    for (const name of ['a', 'b']) {
      await writeFile(
        join(folder, `${name}.scenario.json`),
        JSON.stringify({ version: 1, title: name, steps: [{ request: {} }] }),
      );
    }
    const result = await run(folder, '--to', 'node');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('holds 2 scenario files; export one file at a time');
    expect(result.stdout).toBe('');
  });
});
