// Floods that once grew the playground's memory without bound (issue 11, defects 1, 2 and
// 4), each measuring what the server process holds after a full collection. The
// robustness tests run them small and assert a bound; `npm run bench:robustness` runs
// them large and prints the figures.
import { connect, type Socket } from 'node:net';
import { API_PREFIX } from '../../src/scenario/control-api.ts';
import { callApi } from '../testing.ts';
import type { ServerProcess } from './server-process.ts';
import { exchange } from './wire.ts';

/** What a process holds after a full collection: V8's heap and memory outside it (buffers). */
export const held = (usage: NodeJS.MemoryUsage): number => usage.heapUsed + usage.external;

export interface Growth {
  /** Growth of heapUsed + external, in bytes. */
  held: number;
  /** Growth of the resident set, in bytes (noisy: freed pages are not always returned). */
  rss: number;
}

function growth(before: NodeJS.MemoryUsage, after: NodeJS.MemoryUsage): Growth {
  return { held: held(after) - held(before), rss: after.rss - before.rss };
}

/**
 * The server's memory once what it holds has settled: right after a flood, connections
 * still closing hold their buffers through a collection or two.
 */
async function settledMemory(server: ServerProcess): Promise<NodeJS.MemoryUsage> {
  let usage = await server.memory();
  for (let tries = 0; tries < 10; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const next = await server.memory();
    const settled = held(usage) - held(next) < 256 * 1024;
    usage = next;
    if (settled) break;
  }
  return usage;
}

export async function createSession(server: ServerProcess, config?: unknown): Promise<string> {
  const body = config === undefined ? '{}' : JSON.stringify({ config });
  const created = await callApi(server, '/sessions', { method: 'POST', body });
  if (created.status !== 201) throw new Error(`POST /sessions: ${created.status}`);
  return created.body.id as string;
}

/** The largest cursor the log accepts: the page it gives has no entries, only `nextSeq`. */
const LAST_SEQ = '9'.repeat(15);

/** The session's next log sequence number: one more than the exchanges it has logged. */
export async function nextSeq(server: ServerProcess, id: string): Promise<number> {
  const page = await callApi(server, `/sessions/${id}/log?after=${LAST_SEQ}`);
  return page.body.nextSeq as number;
}

/** Polls `read` until it gives the same value for `quietMs` (or `maxMs` passes). */
async function settle(read: () => Promise<number>, quietMs = 300, maxMs = 15_000): Promise<number> {
  const end = Date.now() + maxMs;
  let last = await read();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const now = await read();
    if (now === last || Date.now() > end) return now;
    last = now;
  }
}

/**
 * Header lines adding up to about `bytes`, each value under the log's per-value cut, so
 * the log keeps them whole (the cut is exercised by the fuzzer's long lines).
 */
function padding(bytes: number): string[] {
  const lines: string[] = [];
  for (let left = bytes; left > 0; left -= 4096) {
    lines.push(`X-Pad-${lines.length}: ${'x'.repeat(Math.min(left, 4096))}`);
  }
  return lines;
}

/**
 * Sends `count` GETs with about `padBytes` of header lines each to the session, pipelined
 * in batches over connections that read every answer.
 */
export async function logPaddedRequests(
  server: ServerProcess,
  id: string,
  count: number,
  padBytes: number,
): Promise<void> {
  const pad = padding(padBytes);
  const host = `Host: localhost:${server.ports.target}`;
  for (let sent = 0; sent < count; sent += 100) {
    const batch = Math.min(100, count - sent);
    const requests = Array.from({ length: batch }, (_, index) =>
      [
        `GET /s/${id}/${sent + index} HTTP/1.1`,
        host,
        ...pad,
        ...(index === batch - 1 ? ['Connection: close'] : []),
        '',
        '',
      ].join('\r\n'),
    );
    await exchange(server.ports.target, [requests.join('')]);
  }
}

/** Opens the session's log stream and stops reading it once its head has come. */
function openStreamWithoutReading(server: ServerProcess, id: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port: server.ports.app, host: '127.0.0.1' }, () => {
      socket.write(
        `GET ${API_PREFIX}/sessions/${id}/log/stream HTTP/1.1\r\nHost: localhost:${server.ports.app}\r\n\r\n`,
      );
    });
    socket.once('data', () => {
      socket.pause();
      resolve(socket);
    });
    socket.on('error', reject);
  });
}

export interface StreamFlood {
  /** Bytes of log entries the stream was sent while its client did not read. */
  pushedBytes: number;
  /** While the client still held the stream open. */
  during: Growth;
  /** After the session was evicted (the stream's end), with the client still not reading. */
  afterEnd: Growth;
}

/**
 * Defect 1: a client opens the log stream and never reads while `events` entries of about
 * `padBytes` each are logged; then the session is evicted. Start the server with
 * `maxSessions: 2` and `inUseMs: 0`, so that two new sessions evict it (an open stream
 * otherwise keeps its session in use).
 */
export async function floodLogStream(
  server: ServerProcess,
  { events, padBytes }: { events: number; padBytes: number },
): Promise<StreamFlood> {
  const id = await createSession(server);
  const before = await settledMemory(server);
  const stream = await openStreamWithoutReading(server, id);
  try {
    await logPaddedRequests(server, id, events, padBytes);
    const during = await settledMemory(server);
    await createSession(server);
    await createSession(server);
    const afterEnd = await settledMemory(server);
    return {
      pushedBytes: events * padBytes,
      during: growth(before, during),
      afterEnd: growth(before, afterEnd),
    };
  } finally {
    stream.destroy();
  }
}

export interface PipelineFlood {
  /** How many of the requests the server had answered when it settled. */
  answered: number;
  during: Growth;
}

/**
 * Defect 2: one connection pipelines `requests` GETs for a body of `bodyBytes` and never
 * reads an answer. The server should stop reading it while its answers wait.
 */
export async function floodPipelineWithoutReading(
  server: ServerProcess,
  { requests, bodyBytes }: { requests: number; bodyBytes: number },
): Promise<PipelineFlood> {
  const id = await createSession(server, {
    version: 1,
    actual: { body: { contentType: 'text/plain', text: 'x'.repeat(bodyBytes) } },
  });
  const before = await settledMemory(server);
  const socket = connect({ port: server.ports.target, host: '127.0.0.1' });
  socket.pause();
  socket.on('error', () => undefined);
  try {
    const request = `GET /s/${id}/big HTTP/1.1\r\nHost: localhost:${server.ports.target}\r\n\r\n`;
    socket.write(request.repeat(requests));
    const answered = (await settle(() => nextSeq(server, id))) - 1;
    return {
      answered,
      during: growth(before, await settledMemory(server)),
    };
  } finally {
    socket.destroy();
  }
}

export interface LogFlood {
  /** Bytes of header lines sent to be logged, over all sessions. */
  sentBytes: number;
  after: Growth;
}

/** Defect 4: `sessions` sessions each log `entries` requests with about `padBytes` of headers. */
export async function floodLogs(
  server: ServerProcess,
  { sessions, entries, padBytes }: { sessions: number; entries: number; padBytes: number },
): Promise<LogFlood> {
  const before = await settledMemory(server);
  for (let index = 0; index < sessions; index += 1) {
    await logPaddedRequests(server, await createSession(server), entries, padBytes);
  }
  return {
    sentBytes: sessions * entries * padBytes,
    after: growth(before, await settledMemory(server)),
  };
}
