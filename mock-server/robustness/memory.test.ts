// Clients and traffic that once grew the server's memory without bound (issue 11, defects
// 1, 2 and 4). Each flood sends several times the bound asserted, to a playground in a
// process of its own, and measures what that process holds after a full collection.
// `npm run bench:robustness` runs the same floods larger.
import { afterEach, describe, expect, it } from 'vitest';
import { floodLogStream, floodLogs, floodPipelineWithoutReading } from './floods.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';

const MB = 1024 * 1024;
let server: ServerProcess | undefined;

afterEach(() => {
  server?.stop();
  server = undefined;
});

const figures = (flood: object): string => JSON.stringify(flood);

// Each flood takes a few seconds; without the bounds, several times longer.
describe('memory stays bounded', { timeout: 30_000 }, () => {
  it('under a log-stream client that stops reading, before and after its session ends', async () => {
    server = await startServerProcess({ maxSessions: 2, inUseMs: 0 });
    // Loopback's socket buffers absorb a few MB on each of the two hops (the app origin's
    // front, then node:http): the flood must be well beyond them.
    const flood = await floodLogStream(server, { events: 2000, padBytes: 30 * 1024 });
    expect(flood.pushedBytes).toBeGreaterThan(50 * MB);
    expect(flood.during.held, figures(flood)).toBeLessThan(16 * MB);
    expect(flood.afterEnd.held, figures(flood)).toBeLessThan(16 * MB);
    expect(await server.trouble()).toBeUndefined();
  });

  it('under one connection pipelining requests for a large body without reading', async () => {
    server = await startServerProcess();
    const flood = await floodPipelineWithoutReading(server, {
      requests: 1500,
      bodyBytes: 60 * 1024,
    });
    expect(flood.during.held, figures(flood)).toBeLessThan(32 * MB);
    expect(flood.during.rss, figures(flood)).toBeLessThan(128 * MB);
    expect(await server.trouble()).toBeUndefined();
  });

  it('under large request heads logged across many sessions', async () => {
    server = await startServerProcess();
    const flood = await floodLogs(server, { sessions: 20, entries: 200, padBytes: 24 * 1024 });
    expect(flood.sentBytes).toBeGreaterThan(90 * MB);
    // Each session's log holds about 1 MiB (docs/architecture.md); the rest is room for
    // what V8 spends on the entries and for the run's noise.
    expect(flood.after.held, figures(flood)).toBeLessThan(48 * MB);
    expect(await server.trouble()).toBeUndefined();
  });
});
