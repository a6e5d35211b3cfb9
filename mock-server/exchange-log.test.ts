import { describe, expect, it } from 'vitest';
import { ExchangeLog } from './exchange-log.ts';

const entry = (method: string) => ({
  receivedAt: 0,
  durationMs: 0,
  listener: 'target' as const,
  request: { method, target: '/', host: 'h', httpVersion: '1.1', headers: [], bodySize: 0 },
  response: { status: 200, reason: 'OK', headers: [], bodySize: 0 },
});

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
