/** One of `total` parts of a suite, numbered from 1, as Playwright's `--shard 2/4`. */
export interface Shard {
  current: number;
  total: number;
}

/** Reads `2/4`; undefined when it is not `<current>/<total>` with 1 <= current <= total. */
export function parseShard(text: string): Shard | undefined {
  const match = /^([1-9]\d{0,5})\/([1-9]\d{0,5})$/.exec(text);
  if (match === null) return undefined;
  const shard = { current: Number(match[1]), total: Number(match[2]) };
  return shard.current <= shard.total ? shard : undefined;
}

/**
 * The shard's part of a list, as Playwright splits tests: consecutive runs in the list's order,
 * the first `length % total` shards one longer than the rest. Every item is in exactly one
 * shard, whichever machine computes it, as long as the list is the same.
 */
export function shardOf<T>(items: readonly T[], shard: Shard): T[] {
  const size = Math.floor(items.length / shard.total);
  const longer = items.length % shard.total;
  const index = shard.current - 1;
  const start = index * size + Math.min(index, longer);
  return items.slice(start, start + size + (index < longer ? 1 : 0));
}
