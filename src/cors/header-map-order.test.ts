import { describe, expect, it } from 'vitest';
import { caseFoldingHash, chromiumHeaderCheckOrder, hashMapOrder } from './header-map-order.ts';

describe('hashMapOrder', () => {
  it("gives the order Chromium 156 wrote a fetch()'s Blink headers on the wire", () => {
    // The actual PUT after `fetch(url, { method: 'PUT', headers: { 'x-a': '1' } })` carried
    // these lines between the network service's own, in this order (x-a and sec-ch-ua-mobile
    // share a bucket of 16, and x-a, inserted first, keeps it).
    expect(
      hashMapOrder(['x-a', 'User-Agent', 'sec-ch-ua', 'sec-ch-ua-mobile', 'sec-ch-ua-platform']),
    ).toEqual(['sec-ch-ua-platform', 'User-Agent', 'sec-ch-ua', 'x-a', 'sec-ch-ua-mobile']);
  });

  it('keeps every key as the table grows, whatever the length of the names', () => {
    const keys = Array.from({ length: 40 }, (_, index) => `x-${'n'.repeat(index)}`);
    expect([...hashMapOrder(keys)].sort()).toEqual([...keys].sort());
  });
});

describe('caseFoldingHash', () => {
  it('folds case, and keeps 24 bits', () => {
    for (const name of ['a', 'X-Custom', 'x'.repeat(20), 'y'.repeat(30)]) {
      expect(caseFoldingHash(name)).toBe(caseFoldingHash(name.toLowerCase()));
      expect(caseFoldingHash(name)).toBeGreaterThan(0);
      expect(caseFoldingHash(name)).toBeLessThan(1 << 24);
    }
  });
});

describe('chromiumHeaderCheckOrder', () => {
  it('lists the request headers once each, lower-cased, whatever their order and case', () => {
    const order = chromiumHeaderCheckOrder(['X-B', 'x-a', 'X-A'], 'http://localhost:5174/x');
    expect(order).toEqual(chromiumHeaderCheckOrder(['x-a', 'x-b'], 'http://localhost:5174/x'));
    expect([...order].sort()).toEqual(['x-a', 'x-b']);
  });

  it('leaves the client hints out of the table for a URL that is not potentially trustworthy', () => {
    // Twelve headers and four added keys grow the table to 32 buckets; with one, it stays at 16.
    const names = Array.from({ length: 12 }, (_, index) => `x-${index}`);
    const first = (url: string) => chromiumHeaderCheckOrder(names, url)[0];
    expect(first('http://localhost:5174/x')).toBe('x-3');
    expect(first('http://127.0.0.1:5174/x')).toBe('x-3');
    expect(first('http://[::1]:5174/x')).toBe('x-3');
    expect(first('http://app.localhost/x')).toBe('x-3');
    expect(first('https://api.example/x')).toBe('x-3');
    expect(first('http://api.example/x')).toBe('x-2');
    expect(first('not a url')).toBe('x-2');
  });
});
