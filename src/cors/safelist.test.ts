import { describe, expect, it } from 'vitest';
import type { HeaderList } from './headers.ts';
import {
  containsCorsUnsafeRequestHeaderByte,
  corsSafelistedRequestHeaderFailure,
  corsUnsafeRequestHeaderNames,
  corsUnsafeRequestHeaders,
  forbiddenRequestHeaderReason,
  isCorsNonWildcardRequestHeaderName,
  isCorsSafelistedRequestHeader,
  isNoCorsSafelistedRequestHeader,
  parseMimeTypeEssence,
  parseSingleRangeHeaderValue,
  type ForbiddenRequestHeaderReason,
  type UnsafeHeaderReason,
} from './safelist.ts';

const long = (length: number): string => 'a'.repeat(length);

describe('CORS-safelisted request-header', () => {
  it.each<[string, string, string, UnsafeHeaderReason | undefined]>([
    // 2. Otherwise: only the listed names.
    ['step 2: X-Custom is not a safelisted name', 'X-Custom', '1', 'not-safelisted-name'],
    ['step 2: Authorization is not a safelisted name', 'Authorization', 'x', 'not-safelisted-name'],
    ['step 2: Last-Event-ID is not a safelisted name', 'Last-Event-ID', 'x', 'not-safelisted-name'],
    ['step 2: Lang is not safelisted (Chromium dropped it)', 'Lang', 'en', 'not-safelisted-name'],
    // 1. At most 128 bytes.
    ['step 1: 128 bytes pass', 'Accept', long(128), undefined],
    ['step 1: 129 bytes fail', 'Accept', long(129), 'value-too-long'],
    // 2. Accept.
    [
      'step 2 (accept): */* with q-values passes',
      'accept',
      'application/json, */*;q=0.5',
      undefined,
    ],
    ['step 2 (accept): a parenthesis is unsafe', 'Accept', 'text/(x)', 'unsafe-byte'],
    ['step 2 (accept): a tab is fine', 'Accept', 'a\tb', undefined],
    // 2. Accept-Language, Content-Language.
    [
      'step 2 (accept-language): a language list passes',
      'Accept-Language',
      'en-US,en;q=0.9',
      undefined,
    ],
    ['step 2 (accept-language): an empty value passes', 'Accept-Language', '', undefined],
    [
      'step 2 (accept-language): an underscore fails',
      'Accept-Language',
      'en_US',
      'invalid-language-value',
    ],
    [
      'step 2 (content-language): a slash fails',
      'Content-Language',
      'de/x',
      'invalid-language-value',
    ],
    // 2. Content-Type: unsafe bytes, then parse, then the three essences.
    [
      'step 2.4 (content-type): text/plain with a charset',
      'Content-Type',
      'text/plain;charset=utf-8',
      undefined,
    ],
    ['step 2.4 (content-type): case does not matter', 'Content-Type', 'TEXT/PLAIN', undefined],
    [
      'step 2.4 (content-type): multipart with a boundary',
      'Content-Type',
      'multipart/form-data; boundary=x',
      undefined,
    ],
    [
      'step 2.4 (content-type): urlencoded',
      'Content-Type',
      'application/x-www-form-urlencoded',
      undefined,
    ],
    [
      'step 2.4 (content-type): space before the semicolon',
      'Content-Type',
      'text/plain ;x=y',
      undefined,
    ],
    ['step 2.4 (content-type): a bare parameter name', 'Content-Type', 'text/plain;a', undefined],
    [
      'step 2.4 (content-type): application/json is not one of the three',
      'Content-Type',
      'application/json',
      'mime-type-not-allowed',
    ],
    [
      'step 2.4 (content-type): text/plain+x is another essence',
      'Content-Type',
      'text/plain+x',
      'mime-type-not-allowed',
    ],
    [
      'step 2.1 (content-type): a quoted charset is unsafe',
      'Content-Type',
      'text/plain; charset="utf-8"',
      'unsafe-byte',
    ],
    [
      'step 2.3 (content-type): a space inside the type fails to parse',
      'Content-Type',
      'text /plain',
      'invalid-mime-type',
    ],
    ['step 2.3 (content-type): no subtype', 'Content-Type', 'text/', 'invalid-mime-type'],
    [
      'step 2.3 (content-type): a comma-joined pair does not parse',
      'Content-Type',
      'text/plain, application/json',
      'invalid-mime-type',
    ],
    ['step 2.3 (content-type): no slash', 'Content-Type', 'text', 'invalid-mime-type'],
    // 2. Range.
    ['step 2 (range): bytes=0-10', 'Range', 'bytes=0-10', undefined],
    ['step 2 (range): bytes=10- (open end)', 'Range', 'bytes=10-', undefined],
    ['step 2 (range): bytes=-10 has no start', 'Range', 'bytes=-10', 'not-a-simple-range'],
    ['step 2 (range): two ranges', 'Range', 'bytes=0-1,2-3', 'not-a-simple-range'],
    // NOTE(chromium): client hints.
    ['chromium: Save-Data on', 'Save-Data', 'on', undefined],
    ['chromium: Save-Data ON', 'Save-Data', 'ON', undefined],
    ['chromium: Save-Data off', 'Save-Data', 'off', 'invalid-client-hint-value'],
    ['chromium: Device-Memory 0.5', 'Device-Memory', '0.5', undefined],
    ['chromium: DPR 2.0', 'DPR', '2.0', undefined],
    ['chromium: DPR 2.', 'DPR', '2.', 'invalid-client-hint-value'],
    ['chromium: DPR .5', 'DPR', '.5', 'invalid-client-hint-value'],
    ['chromium: Width 100', 'Width', '100', undefined],
    ['chromium: Width 1.5', 'Width', '1.5', 'invalid-client-hint-value'],
    ['chromium: Viewport-Width 1024', 'Viewport-Width', '1024', undefined],
    ['chromium: Intervention anything', 'Intervention', 'x', undefined],
    ['chromium: Intervention over 128 bytes', 'Intervention', long(129), 'value-too-long'],
    ['a prototype key is no safelisted name', 'constructor', 'x', 'not-safelisted-name'],
  ])('%s', (_, name, value, expected) => {
    expect(corsSafelistedRequestHeaderFailure(name, value)).toBe(expected);
    expect(isCorsSafelistedRequestHeader(name, value)).toBe(expected === undefined);
  });
});

describe('CORS-unsafe request-header byte', () => {
  it.each<[string, boolean]>([
    ['plain text;q=0.5, */*', false],
    ['tab\tis fine', false],
    ['"', true],
    ['\x01', true],
    ['\x7f', true],
    ['{', true],
  ])('%j: %s', (value, expected) => {
    expect(containsCorsUnsafeRequestHeaderByte(value)).toBe(expected);
  });
});

describe('parse a MIME type (essence)', () => {
  it.each<[string, string | undefined]>([
    [' Text/Plain ; charset=x', 'text/plain'],
    ['text/plain;charset=\u00e9', 'text/plain'],
    ['/plain', undefined],
    ['text/plain/x', undefined],
  ])('%j: %j', (value, expected) => {
    expect(parseMimeTypeEssence(value)).toBe(expected);
  });
});

describe('parse a single range header value', () => {
  it.each<[string, readonly [number | null, number | null] | undefined]>([
    ['bytes=0-10', [0, 10]],
    ['bytes=5-', [5, null]],
    ['bytes=-500', [null, 500]],
    // 17. Not both omitted; 18. not backwards; no whitespace, `bytes` only.
    ['bytes=-', undefined],
    ['bytes=10-5', undefined],
    ['bytes= 0-1', undefined],
    ['items=0-1', undefined],
  ])('%j: %j', (value, expected) => {
    expect(parseSingleRangeHeaderValue(value)).toEqual(expected);
  });
});

describe('CORS-unsafe request-header names', () => {
  it('step 4: collects unsafe names; step 6: lower-cased, sorted, once each', () => {
    const headers: HeaderList = [
      ['X-B', '1'],
      ['Accept', 'text/html'],
      ['x-a', '2'],
      ['X-A', '3'],
      ['Content-Type', 'application/json'],
    ];
    expect(corsUnsafeRequestHeaderNames(headers)).toEqual(['content-type', 'x-a', 'x-b']);
  });

  it('step 4: gives the reason of each', () => {
    expect(corsUnsafeRequestHeaders([['Content-Type', 'application/json']])).toEqual([
      { name: 'content-type', value: 'application/json', reason: 'mime-type-not-allowed' },
    ]);
  });

  const safelisted = (extra: HeaderList = []): HeaderList => [
    ['Accept', long(128)],
    ['Accept-Language', long(128)],
    ['Content-Language', long(128)],
    ['Content-Type', `text/plain;a=${long(115)}`],
    ['DPR', '1'.repeat(128)],
    ['Device-Memory', '1'.repeat(128)],
    ['Viewport-Width', '1'.repeat(128)],
    ['Width', '1'.repeat(128)],
    ...extra,
  ];

  it('step 5: exactly 1024 bytes of safelisted values is still fine', () => {
    expect(corsUnsafeRequestHeaderNames(safelisted())).toEqual([]);
  });

  it('step 5: over 1024 bytes, every safelisted name becomes unsafe too', () => {
    const unsafe = corsUnsafeRequestHeaders(
      safelisted([
        ['Save-Data', 'on'],
        ['X-A', '1'],
      ]),
    );
    expect(unsafe.map(({ name }) => name)).toEqual([
      'accept',
      'accept-language',
      'content-language',
      'content-type',
      'device-memory',
      'dpr',
      'save-data',
      'viewport-width',
      'width',
      'x-a',
    ]);
    expect(unsafe.find(({ name }) => name === 'accept')?.reason).toBe('safelist-size-exceeded');
    expect(unsafe.find(({ name }) => name === 'x-a')?.reason).toBe('not-safelisted-name');
  });
});

describe('forbidden request-header', () => {
  it.each<[string, string, ForbiddenRequestHeaderReason | undefined]>([
    // 1. The list.
    ['Cookie', 'a=b', 'forbidden-name'],
    ['origin', 'http://evil', 'forbidden-name'],
    ['Access-Control-Request-Method', 'PUT', 'forbidden-name'],
    ['Set-Cookie', 'a', 'forbidden-name'],
    ['DNT', '1', 'forbidden-name'],
    // NOTE(chromium): User-Agent, which the spec no longer forbids, in any case and value.
    ['User-Agent', 'my-app/1.0', 'chromium-forbidden-name'],
    ['user-agent', '', 'chromium-forbidden-name'],
    // 2. The prefixes.
    ['Sec-Fetch-Mode', 'cors', 'forbidden-prefix'],
    ['Proxy-Authorization', 'x', 'forbidden-prefix'],
    // 3. Method overrides naming a forbidden method.
    ['X-HTTP-Method-Override', 'TRACE', 'forbidden-method-override'],
    ['X-Method-Override', 'get, connect', 'forbidden-method-override'],
    ['X-HTTP-Method', 'PUT', undefined],
    // 4. Anything else.
    ['Authorization', 'x', undefined],
    ['Access-Control-Request-Private-Network', 'true', undefined],
  ])('%s: %s gives %j', (name, value, expected) => {
    expect(forbiddenRequestHeaderReason(name, value)).toBe(expected);
  });
});

describe('no-CORS-safelisted request-header', () => {
  it.each<[string, string, boolean]>([
    // 1. Only four names.
    ['Accept', 'text/html', true],
    ['Content-Type', 'text/plain', true],
    ['Range', 'bytes=0-1', false],
    ['Save-Data', 'on', false],
    ['X-A', '1', false],
    // 2. With a safelisted value.
    ['Content-Type', 'application/json', false],
    ['Accept', 'a(b)', false],
  ])('%s: %s is %s', (name, value, expected) => {
    expect(isNoCorsSafelistedRequestHeader(name, value)).toBe(expected);
  });
});

describe('CORS non-wildcard request-header name', () => {
  it('is Authorization, in any case', () => {
    expect(isCorsNonWildcardRequestHeaderName('AUTHORIZATION')).toBe(true);
    expect(isCorsNonWildcardRequestHeaderName('X-Auth')).toBe(false);
  });
});
