/**
 * NOTE(chromium): the order in which Chromium checks a request's headers against a preflight's
 * `Access-Control-Allow-Headers`, so that with several headers missing the model names the one
 * Chromium names (its console line and `failedParameter`).
 *
 * The facts, from Chromium's source and held against Chromium 156 by the scenarios in
 * `e2e/scenarios/allow-headers-order/`:
 * - `PreflightResult::EnsureAllowedCrossOriginHeaders` (services/network/cors/preflight_result.cc)
 *   reports the first CORS-unsafe, non-forbidden name that is not allowed, walking the request's
 *   headers in the order of their `net::HttpRequestHeaders` vector.
 * - That vector is filled from Blink's `HTTPHeaderMap`, a WTF `HashMap` keyed with
 *   `CaseFoldingHashTraits`, in the order of its buckets. The map holds the fetch's header list
 *   (sorted by lower-cased name, as Blink's `FetchHeaderList` keeps it), then `User-Agent` and,
 *   to a potentially trustworthy URL, the low-entropy client hints `sec-ch-ua`,
 *   `sec-ch-ua-mobile`, `sec-ch-ua-platform` (the bytes a request carries on the wire, in that
 *   order, between the network service's own lines). The `Accept` line fetch() adds comes later, outside it.
 * - The key's hash: Chromium's rapidhash (default seed and secrets) over the name case-folded
 *   and widened to UTF-16 little-endian, keeping the low 24 bits (0 becomes 0x800000).
 * - The table: 8 buckets at first; a key goes to `hash & (size - 1)`, probing on by 1, 2, 3...
 *   buckets; after an insert that fills half the table it doubles, re-inserting the keys in
 *   bucket order.
 *
 * @module
 */
import { byteLowercase } from './headers.ts';
import { parseUrl } from './url.ts';

const MASK_64 = (1n << 64n) - 1n;
// third_party/rapidhash: the default seed and secrets Chromium hashes strings with.
const SEED = 0xbdd89aa982704029n;
const SECRET = [0x2d358dccaa6c78a5n, 0x8bb84b93962eacc9n, 0x4b33a62ed433d4a3n] as const;

/** The 128-bit product of two 64-bit numbers, as its low and high halves. */
function multiply(a: bigint, b: bigint): [bigint, bigint] {
  const product = a * b;
  return [product & MASK_64, product >> 64n];
}

function mix(a: bigint, b: bigint): bigint {
  const [low, high] = multiply(a, b);
  return low ^ high;
}

/** rapidhash over `bytes`; `small` is what the reader gives for a 1- to 3-byte input. */
function rapidhash(bytes: readonly number[], small: () => bigint): bigint {
  const length = bytes.length;
  const read32 = (at: number): bigint =>
    BigInt(
      ((bytes[at] ?? 0) |
        ((bytes[at + 1] ?? 0) << 8) |
        ((bytes[at + 2] ?? 0) << 16) |
        ((bytes[at + 3] ?? 0) << 24)) >>>
        0,
    );
  const read64 = (at: number): bigint => read32(at) | (read32(at + 4) << 32n);
  let seed = SEED ^ mix(SEED ^ SECRET[0], SECRET[1]) ^ BigInt(length);
  let a: bigint;
  let b: bigint;
  if (length <= 16) {
    if (length >= 4) {
      // The first and last 32 bits, and two more 4 bytes in from each end past 8 bytes.
      const last = length - 4;
      const delta = (length & 24) >> (length >> 3);
      a = (read32(0) << 32n) | read32(last);
      b = (read32(delta) << 32n) | read32(last - delta);
    } else {
      a = length > 0 ? small() : 0n;
      b = 0n;
    }
  } else {
    let at = 0;
    let left = length;
    if (left > 48) {
      let see1 = seed;
      let see2 = seed;
      do {
        seed = mix(read64(at) ^ SECRET[0], read64(at + 8) ^ seed);
        see1 = mix(read64(at + 16) ^ SECRET[1], read64(at + 24) ^ see1);
        see2 = mix(read64(at + 32) ^ SECRET[2], read64(at + 40) ^ see2);
        at += 48;
        left -= 48;
      } while (left >= 48);
      seed ^= see1 ^ see2;
    }
    if (left > 16) {
      seed = mix(read64(at) ^ SECRET[2], read64(at + 8) ^ seed ^ SECRET[1]);
      if (left > 32) seed = mix(read64(at + 16) ^ SECRET[2], read64(at + 24) ^ seed);
    }
    a = read64(at + left - 16);
    b = read64(at + left - 8);
  }
  [a, b] = multiply(a ^ SECRET[1], b ^ seed);
  return mix(a ^ SECRET[0] ^ BigInt(length), b ^ SECRET[1]);
}

/** Blink's `CaseFoldingHash` of a header name (a token: ASCII, so folding is lower-casing). */
export function caseFoldingHash(name: string): number {
  const folded = byteLowercase(name);
  const bytes: number[] = [];
  for (let index = 0; index < folded.length; index += 1) {
    bytes.push(folded.charCodeAt(index) & 0xff, 0);
  }
  // The reader's short read takes the first folded character alone.
  const hash = Number(rapidhash(bytes, () => BigInt(bytes[0] ?? 0)) & 0xffffffn);
  return hash === 0 ? 0x800000 : hash;
}

/** The keys of a WTF `HashMap` after inserting `keys` in order, in bucket order. */
export function hashMapOrder(keys: readonly string[]): string[] {
  let table: (string | undefined)[] = new Array<string | undefined>(8).fill(undefined);
  const place = (into: (string | undefined)[], key: string): void => {
    const mask = into.length - 1;
    let index = caseFoldingHash(key) & mask;
    for (let probe = 1; into[index] !== undefined; probe += 1) index = (index + probe) & mask;
    into[index] = key;
  };
  let count = 0;
  for (const key of keys) {
    place(table, key);
    count += 1;
    if (count * 2 >= table.length) {
      const bigger = new Array<string | undefined>(table.length * 2).fill(undefined);
      for (const kept of table) if (kept !== undefined) place(bigger, kept);
      table = bigger;
    }
  }
  return table.filter((key): key is string => key !== undefined);
}

// https://w3c.github.io/webappsec-secure-contexts/#is-url-trustworthy (the loopback cases)
function isPotentiallyTrustworthy(url: string): boolean {
  const parsed = parseUrl(url);
  if (parsed === undefined) return false;
  if (parsed.scheme === 'https' || parsed.scheme === 'wss') return true;
  const host = parsed.host;
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    /^127\.\d+\.\d+\.\d+$/.test(host)
  );
}

/**
 * The request's distinct header names, lower-cased, in the order Chromium checks them against
 * `Access-Control-Allow-Headers`.
 */
export function chromiumHeaderCheckOrder(names: readonly string[], url: string): string[] {
  const requested = [...new Set(names.map(byteLowercase))].sort();
  const added = isPotentiallyTrustworthy(url)
    ? ['user-agent', 'sec-ch-ua', 'sec-ch-ua-mobile', 'sec-ch-ua-platform']
    : ['user-agent'];
  const own = new Set(requested);
  return hashMapOrder([...requested, ...added.filter((name) => !own.has(name))]).filter((name) =>
    own.has(name),
  );
}
