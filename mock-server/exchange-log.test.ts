import { afterEach, describe, expect, it } from 'vitest';
import type { ExchangeLogPage } from '../src/scenario/control-api.ts';
import type { HeaderLines } from '../src/scenario/cors-headers.ts';
import {
  DEFAULT_LOG_BYTES,
  DEFAULT_TOTAL_LOG_BYTES,
  ExchangeLog,
  LogBudget,
  MAX_LOGGED_VALUE,
} from './exchange-log.ts';
import type { Playground } from './playground.ts';
import { SessionStore } from './sessions.ts';
import { callApi, rawExchange, startTestPlayground } from './testing.ts';

const entry = (method: string, headers: HeaderLines = []) => ({
  receivedAt: 0,
  durationMs: 0,
  listener: 'target' as const,
  request: { method, target: '/', host: 'h', httpVersion: '1.1', headers, bodySize: 0 },
  response: { status: 200, reason: 'OK', headers: [], bodySize: 0 },
});

/** An entry whose request holds one header value of `size` bytes (kept whole below 8 KiB). */
const sized = (method: string, size: number) => entry(method, [['X-Big', 'v'.repeat(size)]]);

const seqs = (log: ExchangeLog) => log.list().entries.map((e) => e.seq);

describe('ExchangeLog', () => {
  it('numbers entries from 1 and lists those after a sequence number', () => {
    const log = new ExchangeLog(10);
    ['A', 'B', 'C'].forEach((method) => log.append(entry(method)));
    expect(log.list().entries.map((e) => [e.seq, e.request.method])).toEqual([
      [1, 'A'],
      [2, 'B'],
      [3, 'C'],
    ]);
    expect(log.list(2)).toMatchObject({ entries: [{ seq: 3 }], nextSeq: 4 });
    expect(log.list(3).entries).toEqual([]);
  });

  it('keeps only the newest entries under a burst', () => {
    const log = new ExchangeLog(5);
    for (let i = 0; i < 10_000; i += 1) log.append(entry(`M${i}`));
    const { entries, nextSeq } = log.list();
    expect(entries.map((e) => e.seq)).toEqual([9996, 9997, 9998, 9999, 10000]);
    expect(nextSeq).toBe(10_001);
  });
});

describe('ExchangeLog: bounded by bytes too', () => {
  it('drops its oldest entries to stay under its byte bound, whatever their count', () => {
    const log = new ExchangeLog(200, 20_000);
    for (let i = 0; i < 100; i += 1) log.append(sized(`M${i}`, 6_000));
    // Three entries of about 6 KB fit in 20 KB; the ring (200) never filled.
    expect(seqs(log)).toEqual([98, 99, 100]);
    expect(log.bytes).toBeLessThanOrEqual(20_000);
    expect(log.list().nextSeq).toBe(101);
  });

  it('keeps the newest entry even when it alone is over the bound', () => {
    const log = new ExchangeLog(200, 1_000);
    log.append(sized('A', 10));
    log.append(sized('B', 5_000));
    expect(seqs(log)).toEqual([2]);
  });

  it('cuts a huge header value, saying how much was cut, and leaves others whole', () => {
    const log = new ExchangeLog();
    const huge = 'x'.repeat(MAX_LOGGED_VALUE + 12_345);
    const whole = 'y'.repeat(MAX_LOGGED_VALUE);
    const logged = log.append(
      entry('GET', [
        ['X-Huge', huge],
        ['X-Whole', whole],
      ]),
    );
    expect(logged.request.headers).toEqual([
      ['X-Huge', `${'x'.repeat(MAX_LOGGED_VALUE)}... [12345 more bytes cut from the log]`],
      ['X-Whole', whole],
    ]);
    expect(log.list().entries[0]).toEqual(logged);
  });

  it('cuts response header values too', () => {
    const log = new ExchangeLog();
    const logged = log.append({
      ...entry('GET'),
      response: {
        status: 200,
        reason: 'OK',
        headers: [['X-Huge', 'z'.repeat(MAX_LOGGED_VALUE + 1)]],
        bodySize: 0,
      },
    });
    expect(logged.response.headers[0]?.[1]).toMatch(/\.\.\. \[1 more bytes cut from the log\]$/);
  });

  it('gives its bytes back to the budget when cleared or closed, and keeps nothing after', () => {
    const budget = new LogBudget(1_000_000);
    const log = new ExchangeLog(200, 100_000, budget);
    log.append(sized('A', 5_000));
    expect(budget.used).toBe(log.bytes);
    log.clear();
    expect([log.bytes, budget.used]).toEqual([0, 0]);
    log.append(sized('B', 5_000));
    log.close();
    log.append(sized('C', 5_000));
    expect([log.bytes, budget.used, log.list().entries]).toEqual([0, 0, []]);
  });
});

describe('LogBudget: every log of the process together', () => {
  it('drops the oldest entries of any log to stay under the whole bound', () => {
    const budget = new LogBudget(30_000);
    const [a, b] = [new ExchangeLog(200, 100_000, budget), new ExchangeLog(200, 100_000, budget)];
    for (let i = 0; i < 4; i += 1) a.append(sized(`A${i}`, 6_000));
    // b's entries push out a's oldest first, then b's own once a is empty.
    for (let i = 0; i < 3; i += 1) b.append(sized(`B${i}`, 6_000));
    expect([seqs(a), seqs(b)]).toEqual([[4], [1, 2, 3]]);
    for (let i = 3; i < 8; i += 1) b.append(sized(`B${i}`, 6_000));
    expect([seqs(a), seqs(b)]).toEqual([[], [5, 6, 7, 8]]);
    expect(budget.used).toBe(a.bytes + b.bytes);
    expect(budget.used).toBeLessThanOrEqual(30_000);
  });

  it('drops entries in the order they came, across interleaved logs', () => {
    // Four entries of about 6.3 KB fit in 30 KB.
    const budget = new LogBudget(30_000);
    const [a, b, c] = [1, 2, 3].map(() => new ExchangeLog(200, 100_000, budget)) as [
      ExchangeLog,
      ExchangeLog,
      ExchangeLog,
    ];
    const order: [ExchangeLog, string][] = [
      [a, 'a1'],
      [b, 'b1'],
      [c, 'c1'],
      [b, 'b2'],
      [a, 'a2'], // drops a1
      [c, 'c2'], // drops b1
      [a, 'a3'], // drops c1
      [b, 'b3'], // drops b2
    ];
    for (const [log, method] of order) log.append(sized(method, 6_000));
    expect([seqs(a), seqs(b), seqs(c)]).toEqual([[2, 3], [3], [2]]);
    expect(budget.used).toBe(a.bytes + b.bytes + c.bytes);
  });

  it('passes over entries a log already dropped itself', () => {
    const budget = new LogBudget(30_000);
    // a keeps one entry: its 99 older ones are dropped by its ring, not by the budget.
    const a = new ExchangeLog(1, 100_000, budget);
    const [b, c] = [new ExchangeLog(200, 100_000, budget), new ExchangeLog(200, 100_000, budget)];
    for (let i = 0; i < 100; i += 1) a.append(sized(`A${i}`, 6_000));
    b.append(sized('B0', 6_000));
    a.append(sized('A100', 6_000)); // a drops its 100th, queued before b's first
    b.append(sized('B1', 6_000));
    b.append(sized('B2', 6_000));
    c.append(sized('C0', 6_000)); // drops b's first, the oldest kept, not a's newest
    expect([seqs(a), seqs(b), seqs(c)]).toEqual([[101], [2, 3], [1]]);
    expect(budget.used).toBe(a.bytes + b.bytes + c.bytes);
  });

  it('is shared by a SessionStore: forgetting a session gives its bytes back', () => {
    const store = new SessionStore({ maxSessions: 2, logBytesTotal: 50_000 });
    const first = store.create();
    first.log.append(sized('A', 6_000));
    expect(store.logBytes).toBe(first.log.bytes);
    store.create();
    store.create(); // evicts the first
    expect(store.logBytes).toBe(0);
  });
});

describe('the log over real sockets', () => {
  let playground: Playground | undefined;
  afterEach(async () => {
    await playground?.close();
    playground = undefined;
  });

  // Heads of 30 KB were kept 200 to a session (6 MB); at 500 sessions, 3 GB. (Each line
  // stays under the reader's 16 KiB line limit.)
  it('keeps a session of 30 KB heads under its byte bound, huge values cut', async () => {
    const p = (playground = await startTestPlayground());
    const id = (await callApi(p, '/sessions', { method: 'POST', body: '{}' })).body.id as string;
    const head = (i: number) =>
      [
        `GET /s/${id}/r${i} HTTP/1.1`,
        `Host: localhost:${p.ports.target}`,
        `X-Big: ${'b'.repeat(12_000)}`,
        ...Array.from({ length: 4 }, (_, n) => `X-Part-${n}: ${'p'.repeat(4_000)}`),
        '',
        '',
      ].join('\r\n');
    for (let batch = 0; batch < 10; batch += 1) {
      const requests = Array.from({ length: 20 }, (_, i) => head(batch * 20 + i)).join('');
      await rawExchange(
        p.ports.target,
        `${requests}GET /s/${id}/end HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      );
    }
    const log = p.sessions.get(id)?.log;
    expect(log?.bytes).toBeLessThanOrEqual(DEFAULT_LOG_BYTES);
    expect(p.sessions.logBytes).toBeLessThanOrEqual(DEFAULT_TOTAL_LOG_BYTES);
    const page = (await callApi(p, `/sessions/${id}/log`)).body as unknown as ExchangeLogPage;
    expect(page.nextSeq).toBe(211);
    // Fewer than the ring's 200: the bytes bound them, and the newest are kept.
    expect(page.entries.length).toBeLessThan(200);
    expect(page.entries.at(-1)?.seq).toBe(210);
    const big = page.entries.at(-2)?.request.headers.find(([name]) => name === 'X-Big')?.[1];
    expect(big).toBe(
      `${'b'.repeat(MAX_LOGGED_VALUE)}... [${12_000 - MAX_LOGGED_VALUE} more bytes cut from the log]`,
    );
  });
});
