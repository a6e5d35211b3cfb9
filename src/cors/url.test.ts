import { describe, expect, it } from 'vitest';
import {
  canonicalOrigin,
  includesCredentials,
  isHttpScheme,
  isSameOrigin,
  isSameSite,
  parseUrl,
  serializeOrigin,
  type ParsedUrl,
} from './url.ts';

function href(input: string, base?: string): string | undefined {
  return parseUrl(input, base === undefined ? undefined : parseUrl(base))?.href;
}

describe('parsing absolute URLs', () => {
  it.each<[string, string | undefined]>([
    ['http://localhost:5174/s/x?y#z', 'http://localhost:5174/s/x?y#z'],
    ['HTTP://LOCALHOST:80/A', 'http://localhost/A'],
    ['https://example.com:443', 'https://example.com/'],
    ['  http://example.com/ \n', 'http://example.com/'],
    ['http://exa\tmple.com/', 'http://example.com/'],
    ['http:example.com', 'http://example.com/'],
    ['http:\\\\example.com\\a\\b', 'http://example.com/a/b'],
    ['http://u:p@example.com/', 'http://u:p@example.com/'],
    ['http://u@example.com/', 'http://u@example.com/'],
    ['http://[::1]:5174/', 'http://[::1]:5174/'],
    ['http://example.com:08080/', 'http://example.com:8080/'],
    ['http://example.com/a/./b/../c', 'http://example.com/a/c'],
    ['http://example.com/a/..', 'http://example.com/'],
    ['http://example.com/..', 'http://example.com/'],
    ['https://*.example.com', 'https://*.example.com/'],
    // Failures.
    ['http://', undefined],
    ['http://exa<mple.com', undefined],
    ['http://example.com:65536/', undefined],
    ['http://example.com:8x/', undefined],
    ['http://[::1/', undefined],
    ['http://[::1]x/', undefined],
    ['http://[zz]/', undefined],
    ['localhost', undefined],
    ['1:2', undefined],
    ['', undefined],
    // Non-special schemes keep an opaque path and are valid.
    ['mailto:a', 'mailto:a'],
    ['localhost:5173', 'localhost:5173'],
  ])('%j parses to %j', (input, expected) => {
    expect(href(input)).toBe(expected);
  });
});

describe('resolving references (Location, relative fetch URLs)', () => {
  const base = 'http://u:p@localhost:5174/a/b/c?q#f';
  it.each<[string, string | undefined]>([
    ['//other:1/x', 'http://other:1/x'],
    ['/x/y', 'http://u:p@localhost:5174/x/y'],
    ['\\x', 'http://u:p@localhost:5174/x'],
    ['d', 'http://u:p@localhost:5174/a/b/d'],
    ['../d?z', 'http://u:p@localhost:5174/a/d?z'],
    ['?z', 'http://u:p@localhost:5174/a/b/c?z'],
    ['#g', 'http://u:p@localhost:5174/a/b/c?q#g'],
    ['', 'http://u:p@localhost:5174/a/b/c?q'],
  ])('%j against the base gives %j', (reference, expected) => {
    expect(href(reference, base)).toBe(expected);
  });

  it('cannot resolve without a base, or against a non-special base', () => {
    expect(href('/x')).toBeUndefined();
    expect(href('/x', 'mailto:a')).toBeUndefined();
  });
});

describe('origins', () => {
  const url = (input: string): ParsedUrl => parseUrl(input) as ParsedUrl;
  it.each<[string, string]>([
    ['http://localhost:5174/x', 'http://localhost:5174'],
    ['https://Example.com:443/', 'https://example.com'],
    ['http://[::1]/', 'http://[::1]'],
    ['mailto:a', 'null'],
  ])('the origin of %j is %j', (input, expected) => {
    expect(serializeOrigin(url(input))).toBe(expected);
  });

  it.each<[string, string]>([
    ['http://LOCALHOST:5173', 'http://localhost:5173'],
    ['http://localhost:80', 'http://localhost'],
    ['null', 'null'],
    ['garbage', 'null'],
  ])('canonicalOrigin(%j) is %j', (input, expected) => {
    expect(canonicalOrigin(input)).toBe(expected);
  });

  it('same origin means the same serialization, and an opaque origin never is', () => {
    expect(isSameOrigin('http://a', 'http://a')).toBe(true);
    expect(isSameOrigin('http://a', 'http://a:81')).toBe(false);
    expect(isSameOrigin('null', 'null')).toBe(false);
  });

  it.each([
    ['two ports of one host', 'http://localhost:5173/', 'http://localhost:5174/x', true],
    ['localhost and 127.0.0.1', 'http://localhost:5173/', 'http://127.0.0.1:5174/', false],
    ['two IP addresses', 'http://127.0.0.1/', 'http://127.0.0.2/', false],
    ['subdomains of one domain', 'https://app.example.com/', 'https://api.example.com/', true],
    ['another scheme', 'http://example.com/', 'https://example.com/', false],
  ])('same site: %s', (_name, a, b, expected) => {
    expect(isSameSite(url(a), url(b))).toBe(expected);
  });

  it('knows credentials in URLs and HTTP(S) schemes', () => {
    expect(includesCredentials(url('http://u@a/'))).toBe(true);
    expect(includesCredentials(url('http://:p@a/'))).toBe(true);
    expect(includesCredentials(url('http://a/'))).toBe(false);
    expect(isHttpScheme(url('https://a/'))).toBe(true);
    expect(isHttpScheme(url('ftp://a/'))).toBe(false);
  });
});
