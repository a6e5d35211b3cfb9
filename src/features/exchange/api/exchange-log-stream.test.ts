import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExchangeLogEntry, ExchangeLogPage } from '../../../scenario/control-api.ts';
import type { JsOutcome } from '../../../scenario/js-outcome.ts';
import {
  ANSWER_WAIT_MS,
  ExchangeLogStream,
  type LogEventSource,
  MAX_HELD_ENTRIES,
} from './exchange-log-stream.ts';

const HOST = 'localhost:5174';
const SENT_AT = 1_000;

function entry(seq: number, method = 'GET', receivedAt = SENT_AT): ExchangeLogEntry {
  return {
    seq,
    receivedAt,
    durationMs: 0,
    listener: 'target',
    request: {
      method,
      target: '/s/x/a',
      host: HOST,
      httpVersion: '1.1',
      headers: method === 'OPTIONS' ? [['Access-Control-Request-Method', 'PUT']] : [],
      bodySize: 0,
    },
    response: { status: 200, reason: 'OK', headers: [], bodySize: 0 },
  };
}

const ok: JsOutcome = {
  kind: 'resolved',
  status: 200,
  statusText: 'OK',
  type: 'cors',
  url: `http://${HOST}/s/x/a`,
  redirected: false,
  headers: [],
  body: '',
};
const failed: JsOutcome = { kind: 'rejected', name: 'TypeError', message: 'Failed to fetch' };

/** An EventSource the test drives: it delivers what `push` gives, as the server would. */
class FakeSource implements LogEventSource {
  readyState = 1;
  readonly listeners = new Map<string, (event: Event) => void>();
  addEventListener(type: string, listener: (event: Event) => void): void {
    this.listeners.set(type, listener);
  }
  close(): void {
    this.readyState = 2;
  }
  push(...entries: ExchangeLogEntry[]): void {
    for (const logged of entries) {
      this.listeners.get('entry')?.({ data: JSON.stringify(logged) } as MessageEvent<string>);
    }
  }
  fail(): void {
    this.readyState = 2;
    this.listeners.get('error')?.(new Event('error'));
  }
}

/**
 * A stream opened at `position` over a fake source; its log reads answer from `log`, which a
 * test fills as the server's log grows.
 */
async function follow(position = 0) {
  const log: ExchangeLogEntry[] = [];
  const source = new FakeSource();
  const reads: number[] = [];
  const read = (after: number): Promise<ExchangeLogPage> => {
    reads.push(after);
    const entries = log.filter((logged) => logged.seq > after);
    return Promise.resolve({ entries, nextSeq: (log.at(-1)?.seq ?? position) + 1 });
  };
  const openedAfter: number[] = [];
  const stream = new ExchangeLogStream(read, (after) => {
    openedAfter.push(after);
    return source;
  });
  await stream.ready;
  reads.length = 0;
  return { stream, source, reads, openedAfter, log };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('ExchangeLogStream', () => {
  it('follows the log from where it stood when opened', async () => {
    const { openedAfter } = await follow(41);
    expect(openedAfter).toEqual([41]);
  });

  it('takes the entries up to the answer JavaScript got, arrived before the fetch settled', async () => {
    const { stream, source, reads } = await follow(4);
    source.push(entry(5, 'OPTIONS'), entry(6));
    expect((await stream.take(ok, SENT_AT)).map((taken) => taken.seq)).toEqual([5, 6]);
    expect(reads).toEqual([]);
  });

  it('waits for an answer that arrives after the fetch settled, without reading the log', async () => {
    const { stream, source, reads } = await follow(4);
    source.push(entry(5, 'OPTIONS'));
    const taken = stream.take(ok, SENT_AT);
    source.push(entry(6));
    expect((await taken).map((logged) => logged.seq)).toEqual([5, 6]);
    expect(reads).toEqual([]);
  });

  it('leaves what came after the answer to the next exchange', async () => {
    const { stream, source } = await follow(0);
    source.push(entry(1), entry(2, 'GET', SENT_AT + 5));
    expect((await stream.take(ok, SENT_AT)).map((taken) => taken.seq)).toEqual([1]);
    expect((await stream.take(ok, SENT_AT + 5)).map((taken) => taken.seq)).toEqual([2]);
  });

  it('does not take a cancelled request’s late answer for this one’s', async () => {
    const { stream, source } = await follow(0);
    const taken = stream.take(ok, SENT_AT);
    source.push(entry(1, 'GET', SENT_AT - 1));
    source.push(entry(2));
    expect((await taken).map((logged) => logged.seq)).toEqual([1, 2]);
  });

  it('ignores what a reconnected stream repeats', async () => {
    const { stream, source } = await follow(0);
    source.push(entry(1, 'OPTIONS'), entry(1, 'OPTIONS'), entry(2), entry(1, 'OPTIONS'));
    expect((await stream.take(ok, SENT_AT)).map((taken) => taken.seq)).toEqual([1, 2]);
    source.push(entry(2));
    vi.useFakeTimers();
    const next = stream.take(ok, SENT_AT);
    await vi.advanceTimersByTimeAsync(ANSWER_WAIT_MS);
    expect(await next).toEqual([]);
  });

  it('reads the log once when JavaScript got no response to name', async () => {
    const { stream, source, reads, log } = await follow(0);
    log.push(entry(1, 'OPTIONS'));
    source.push(...log);
    expect((await stream.take(failed, SENT_AT)).map((taken) => taken.seq)).toEqual([1]);
    expect(reads).toEqual([0]);
    // What the read covered is not taken again.
    source.push(entry(2));
    expect((await stream.take(ok, SENT_AT)).map((taken) => taken.seq)).toEqual([2]);
  });

  it('reads the log when the answer does not come in time (served from the HTTP cache)', async () => {
    const { stream, reads } = await follow(3);
    vi.useFakeTimers();
    const taken = stream.take(ok, SENT_AT);
    await vi.advanceTimersByTimeAsync(ANSWER_WAIT_MS - 1);
    expect(reads).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(await taken).toEqual([]);
    expect(reads).toEqual([3]);
  });

  it('finds the log’s position again after a failed first try', async () => {
    const source = new FakeSource();
    let failures = 1;
    const read = (): Promise<ExchangeLogPage> =>
      failures-- > 0
        ? Promise.reject(new Error('503 Service Unavailable'))
        : Promise.resolve({ entries: [], nextSeq: 8 });
    const openedAfter: number[] = [];
    const stream = new ExchangeLogStream(read, (after) => {
      openedAfter.push(after);
      return source;
    });
    await expect(stream.ready).rejects.toThrow('503');
    await stream.ready;
    expect(openedAfter).toEqual([7]);
  });

  it('reads the log once the stream has given up', async () => {
    const { stream, source, reads, log } = await follow(0);
    log.push(entry(1));
    const taken = stream.take(ok, SENT_AT);
    source.fail();
    expect((await taken).map((logged) => logged.seq)).toEqual([1]);
    expect(reads).toEqual([0]);
  });

  it('holds a bounded number of entries, and reads the log when it dropped some', async () => {
    const { stream, source, reads, log } = await follow(0);
    log.push(...Array.from({ length: MAX_HELD_ENTRIES + 1 }, (_, index) => entry(index + 1)));
    source.push(...log);
    expect(await stream.take(ok, SENT_AT)).toHaveLength(MAX_HELD_ENTRIES + 1);
    expect(reads).toEqual([0]);
  });

  it('lets go of the stream while paused, reads the log meanwhile, and resumes after what it knows', async () => {
    const { stream, source, reads, log, openedAfter } = await follow(0);
    source.push(entry(1), entry(2, 'GET', SENT_AT + 5));
    expect((await stream.take(ok, SENT_AT)).map((taken) => taken.seq)).toEqual([1]);
    stream.pause();
    expect(source.readyState).toBe(2);
    log.push(entry(1), entry(2, 'GET', SENT_AT + 5), entry(3, 'GET', SENT_AT + 5));
    expect((await stream.take(ok, SENT_AT + 5)).map((taken) => taken.seq)).toEqual([2, 3]);
    expect(reads).toEqual([1]);
    stream.resume();
    // After the newest entry known: 3, which the read took.
    expect(openedAfter).toEqual([0, 3]);
  });
});
