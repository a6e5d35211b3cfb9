import { describe, expect, it } from 'vitest';
import {
  deleteHeader,
  extractHeaderListValues,
  FAILURE,
  getDecodeSplit,
  getHeader,
  isHeaderValue,
  normalizeHeaderValue,
  sortAndCombine,
  type HeaderList,
} from './headers.ts';

describe('get', () => {
  it.each<[string, HeaderList, string | null]>([
    // 1. Absent is null, not the string `null`.
    ['step 1: returns null when no line has the name', [['B', 'x']], null],
    // 2. Every value, case-insensitively, joined by comma and space, in order.
    ['step 2: returns the only value', [['A', 'x']], 'x'],
    [
      'step 2: joins duplicate lines with ", " in order',
      [
        ['A', 'x'],
        ['b', 'y'],
        ['a', 'z'],
      ],
      'x, z',
    ],
    ['step 2: keeps an empty value', [['a', '']], ''],
  ])('%s', (_, list, expected) => {
    expect(getHeader(list, 'a')).toBe(expected);
  });
});

describe('get, decode, and split', () => {
  // The spec's own examples (https://fetch.spec.whatwg.org/#example-header-list-get-decode-split).
  it.each<[string, string[]]>([
    ['nosniff,', ['nosniff', '']],
    ['', ['']],
    ['text/html;", x/x', ['text/html;", x/x']],
    ['x/x;test="hi",y/y', ['x/x;test="hi"', 'y/y']],
    ['x / x,,,1', ['x / x', '', '', '1']],
    ['"1,2", 3', ['"1,2"', '3']],
    ['"a\\",b", c', ['"a\\",b"', 'c']],
  ])('splits %j into %j', (value, expected) => {
    expect(getDecodeSplit(value)).toEqual(expected);
  });
});

describe('extract header list values (#token lists)', () => {
  it.each<[string, HeaderList, readonly string[] | null | typeof FAILURE]>([
    // 1. Absent: null.
    ['step 1: null when the header is absent', [], null],
    // 4. Every line, every item.
    [
      'step 4: items of all lines, in order',
      [
        ['X-L', 'GET, PUT'],
        ['x-l', 'DELETE'],
      ],
      ['GET', 'PUT', 'DELETE'],
    ],
    ['step 4: skips empty items, as HTTP #rule allows', [['X-L', ' ,GET,,PUT, ']], ['GET', 'PUT']],
    ['step 4: an empty line is an empty list', [['X-L', '']], []],
    // 4.2. One bad item fails it all.
    ['step 4.2: fails on an item with a space inside', [['X-L', 'x a, y']], FAILURE],
    ['step 4.2: fails on a quoted item', [['X-L', '"PUT"']], FAILURE],
    ['step 4.2: fails on a semicolon', [['X-L', 'PUT;']], FAILURE],
    [
      'step 4.2: fails when any line fails',
      [
        ['X-L', 'GET'],
        ['X-L', 'x(b)'],
      ],
      FAILURE,
    ],
  ])('%s', (_, list, expected) => {
    expect(extractHeaderListValues(list, 'x-l')).toEqual(expected);
  });
});

describe('sort and combine (what Headers iterates)', () => {
  it('lower-cases, sorts, combines by name, and keeps each set-cookie apart', () => {
    const list: HeaderList = [
      ['X-B', '1'],
      ['Set-Cookie', 'a=1'],
      ['x-a', '2'],
      ['X-B', '3'],
      ['set-cookie', 'b=2'],
    ];
    expect(sortAndCombine(list)).toEqual([
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
      ['x-a', '2'],
      ['x-b', '1, 3'],
    ]);
  });
});

describe('header values', () => {
  it.each<[string, boolean]>([
    ['plain', true],
    ['', true],
    ['inner space', true],
    [' leading', false],
    ['trailing\t', false],
    ['a\nb', false],
    ['a\rb', false],
    ['a\0b', false],
  ])('%j is a header value: %s', (value, expected) => {
    expect(isHeaderValue(value)).toBe(expected);
  });

  it('normalize strips tabs, newlines and spaces at both ends only', () => {
    expect(normalizeHeaderValue('\t\r\n a b \n')).toBe('a b');
  });

  it('delete removes every line of a name, in any case', () => {
    expect(
      deleteHeader(
        [
          ['A', '1'],
          ['b', '2'],
          ['a', '3'],
        ],
        'a',
      ),
    ).toEqual([['b', '2']]);
  });
});
