import { describe, expect, it } from 'vitest';
import type { HeaderList } from './headers.ts';
import {
  conflictingResponseHeader,
  isOkStatus,
  isRedirectStatus,
  parsedHeaderLines,
  redirectLocation,
  type SingleValueResponseHeader,
} from './response.ts';

describe('statuses', () => {
  it.each<[number, boolean, boolean]>([
    [199, false, false],
    [200, true, false],
    [204, true, false],
    [299, true, false],
    [300, false, false],
    [301, false, true],
    [304, false, false],
    [307, false, true],
    [308, false, true],
  ])('%d: ok %s, redirect %s', (status, ok, redirect) => {
    expect(isOkStatus(status)).toBe(ok);
    expect(isRedirectStatus(status)).toBe(redirect);
  });
});

describe('redirect location', () => {
  it.each<[string, number, HeaderList, string | undefined]>([
    ['a redirect status with Location', 302, [['Location', '/next']], '/next'],
    ['a redirect status without Location is a final response', 302, [], undefined],
    ['NOTE(chromium): an empty Location is no redirect', 307, [['Location', '']], undefined],
    ['Location on a 200 is ignored', 200, [['Location', '/next']], undefined],
  ])('%s', (_, status, headers, expected) => {
    expect(redirectLocation(headers, status)).toBe(expected);
  });
});

it('header values lose the whitespace around them, as the HTTP parser drops it', () => {
  expect(parsedHeaderLines({ status: 200, headers: [['X-A', '  a b\t']] })).toEqual([
    ['X-A', 'a b'],
  ]);
});

// Each row seen in Chromium 156 (net::ERR_RESPONSE_HEADERS_MULTIPLE_*, or a response).
describe('NOTE(chromium): headers the HTTP parser refuses to see with two different values', () => {
  const CL = 'Content-Length';
  const CD = 'Content-Disposition';
  it.each<[string, HeaderList, SingleValueResponseHeader | undefined]>([
    ['one Content-Length', [[CL, '2']], undefined],
    [
      'two different Content-Length lines',
      [
        [CL, '2'],
        [CL, '3'],
      ],
      CL,
    ],
    [
      'the same Content-Length twice',
      [
        [CL, '2'],
        [CL, '2'],
      ],
      undefined,
    ],
    [
      'names compare case-insensitively',
      [
        [CL, '2'],
        ['content-length', '3'],
      ],
      CL,
    ],
    [
      'values compare as text: 02 is not 2',
      [
        [CL, '02'],
        [CL, '2'],
      ],
      CL,
    ],
    ['`2, 3` on one line is two values', [[CL, '2, 3']], CL],
    ['`2, 2` on one line is fine', [[CL, '2, 2']], undefined],
    [
      '`2,2` and `2` are fine',
      [
        [CL, '2,2'],
        [CL, '2'],
      ],
      undefined,
    ],
    ['an empty item counts: `2,`', [[CL, '2,']], CL],
    [
      'an empty line and `2` differ',
      [
        [CL, ''],
        [CL, '2'],
      ],
      CL,
    ],
    [
      'two empty lines do not',
      [
        [CL, ''],
        [CL, ''],
      ],
      undefined,
    ],
    [
      'chunked Transfer-Encoding excuses Content-Length, in any case and position',
      [
        ['Transfer-Encoding', 'identity, Chunked'],
        [CL, '2'],
        [CL, '3'],
      ],
      undefined,
    ],
    [
      'another Transfer-Encoding does not',
      [
        ['Transfer-Encoding', 'gzip'],
        [CL, '2'],
        [CL, '3'],
      ],
      CL,
    ],
    [
      'two different Content-Dispositions',
      [
        [CD, 'inline'],
        [CD, 'INLINE'],
      ],
      CD,
    ],
    ['Content-Disposition is split on commas', [[CD, 'inline, attachment']], CD],
    [
      'but not inside quotes',
      [
        [CD, 'a; filename="x,y"'],
        [CD, 'a; filename="x,y"'],
      ],
      undefined,
    ],
    [
      '`inline` and `inline, inline` agree',
      [
        [CD, 'inline'],
        [CD, 'inline, inline'],
      ],
      undefined,
    ],
    [
      'two different Locations',
      [
        ['Location', '/x'],
        ['Location', '/X'],
      ],
      'Location',
    ],
    [
      'the same Location twice',
      [
        ['Location', '/x'],
        ['location', '/x'],
      ],
      undefined,
    ],
    ['a Location line is never split', [['Location', '/x,/y']], undefined],
    [
      'so `/x,/y` and `/x` differ',
      [
        ['Location', '/x,/y'],
        ['Location', '/x'],
      ],
      'Location',
    ],
    [
      'an empty Location and another differ',
      [
        ['Location', ''],
        ['Location', '/x'],
      ],
      'Location',
    ],
    [
      'Content-Length is checked first',
      [
        ['Location', '/x'],
        ['Location', '/y'],
        [CD, 'a'],
        [CD, 'b'],
        [CL, '2'],
        [CL, '3'],
      ],
      CL,
    ],
    [
      'then Content-Disposition',
      [
        ['Location', '/x'],
        ['Location', '/y'],
        [CD, 'a'],
        [CD, 'b'],
      ],
      CD,
    ],
  ])('%s', (_, headers, expected) => {
    expect(conflictingResponseHeader(headers)).toBe(expected);
  });
});
