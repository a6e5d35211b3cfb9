import { randomInt } from 'node:crypto';

/**
 * A small deterministic generator (mulberry32) for the fuzzers: the same seed gives the
 * same cases on every machine, so a failure is reproduced from the seed it prints.
 */
export class SeededRandom {
  #state: number;

  constructor(readonly seed: number) {
    this.#state = seed >>> 0;
  }

  /** A generator of its own for case `index`, so each case replays without the others. */
  fork(index: number): SeededRandom {
    return new SeededRandom(
      Math.imul(this.seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index, 0xc2b2ae35),
    );
  }

  /** A float in [0, 1). */
  next(): number {
    // https://gist.github.com/tommyettinger/46a874533244883189143505d203312c (mulberry32)
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(0, items.length - 1)];
    if (item === undefined) throw new Error('pick() from an empty list');
    return item;
  }

  /** `length` characters drawn from `alphabet`. */
  string(alphabet: string, length: number): string {
    let text = '';
    for (let i = 0; i < length; i += 1) text += alphabet[this.int(0, alphabet.length - 1)];
    return text;
  }
}

/**
 * The run's seed: `ROBUSTNESS_SEED` to replay a failure, else a fresh one, so that every
 * run explores new cases. The seed is in every failure message.
 */
export function runSeed(): number {
  const given = process.env.ROBUSTNESS_SEED;
  if (given === undefined || given === '') return randomInt(2 ** 31);
  const seed = Number(given);
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new Error(`ROBUSTNESS_SEED must be a non-negative integer, got "${given}".`);
  }
  return seed;
}
