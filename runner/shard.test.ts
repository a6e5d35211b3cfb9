import { describe, expect, it } from 'vitest';
import { parseShard, shardOf } from './shard.ts';

describe('parseShard', () => {
  it('reads <current>/<total>', () => {
    expect(parseShard('2/4')).toEqual({ current: 2, total: 4 });
    expect(parseShard('1/1')).toEqual({ current: 1, total: 1 });
  });

  it.each(['0/4', '5/4', '2', '2/', '/4', '2/0', '-1/4', '1.5/4', ' 2/4', 'a/b'])(
    'refuses %j',
    (text) => {
      expect(parseShard(text)).toBeUndefined();
    },
  );
});

describe('shardOf', () => {
  const items = Array.from({ length: 10 }, (_, index) => index);

  it('splits as Playwright does: consecutive runs, the first shards one longer', () => {
    const parts = [1, 2, 3, 4].map((current) => shardOf(items, { current, total: 4 }));
    expect(parts).toEqual([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7],
      [8, 9],
    ]);
  });

  it('puts every item in exactly one shard, whatever the sizes', () => {
    for (let length = 0; length <= 12; length += 1) {
      for (let total = 1; total <= 6; total += 1) {
        const list = Array.from({ length }, (_, index) => index);
        const joined = Array.from({ length: total }, (_, index) =>
          shardOf(list, { current: index + 1, total }),
        ).flat();
        expect(joined).toEqual(list);
      }
    }
  });

  it('leaves the last shards empty when there are fewer items than shards', () => {
    expect(shardOf([7, 8], { current: 3, total: 4 })).toEqual([]);
  });
});
