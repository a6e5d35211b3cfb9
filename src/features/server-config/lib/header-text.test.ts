import { describe, expect, it } from 'vitest';
import {
  formatHeaderLines,
  parseHeaderLines,
  parseLiteral,
  parseOriginList,
  parseTokenList,
  parseWholeNumber,
} from './header-text.ts';

const firstError = (parsed: { ok: boolean; errors?: Readonly<Record<string, string>> }) =>
  parsed.ok ? undefined : Object.values(parsed.errors ?? {})[0];

describe('parseTokenList', () => {
  it.each([
    // Items are trimmed; empty ones (a trailing comma while typing) are skipped.
    ['PUT, DELETE', ['PUT', 'DELETE']],
    ['PUT,DELETE,', ['PUT', 'DELETE']],
    // Case is kept: `patch` is a lesson of its own.
    ['patch', ['patch']],
  ])('reads %j', (text, expected) => {
    expect(parseTokenList(text, 'method')).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['GET POST', /“GET POST” is not a method: it contains a space/],
    ['X:Y', /“:” is not allowed in an HTTP token/],
    ['', /Type at least one method/],
    [' , ', /Type at least one method/],
  ])('refuses %j', (text, message) => {
    expect(firstError(parseTokenList(text, 'method'))).toMatch(message);
  });
});

describe('parseLiteral', () => {
  it('keeps spaces, commas and the empty value as typed', () => {
    expect(parseLiteral(' a, b ')).toEqual({ ok: true, value: { value: ' a, b ' } });
    expect(parseLiteral('')).toEqual({ ok: true, value: { value: '' } });
  });

  it.each([
    ['café', undefined],
    ['a→b', /“→” \(U\+2192\) is not Latin-1/],
    ['a\nb', /line break/],
    ['a\0b', /NUL/],
  ])('%j', (text, message) => {
    const error = firstError(parseLiteral(text));
    if (message === undefined) expect(error).toBeUndefined();
    else expect(error).toMatch(message);
  });
});

describe('parseOriginList', () => {
  it('splits on commas and spaces, and compares nothing', () => {
    expect(parseOriginList('http://a.test, http://B.test/\nhttp://c.test')).toEqual({
      ok: true,
      value: ['http://a.test', 'http://B.test/', 'http://c.test'],
    });
  });
});

describe('parseWholeNumber', () => {
  it.each([
    ['600', 600],
    [' 0 ', 0],
  ])('reads %j', (text, expected) => {
    expect(parseWholeNumber(text, 0, 2_147_483_647, 'Max age')).toEqual({
      ok: true,
      value: expected,
    });
  });

  it.each(['1.5', '-1', 'ten', ''])('refuses %j', (text) => {
    expect(parseWholeNumber(text, 0, 10, 'Max age').ok).toBe(false);
  });
});

describe('parseHeaderLines', () => {
  it('keeps order, case and duplicates, and spaces after the first', () => {
    const text = 'Access-Control-Allow-Origin: *\naccess-control-allow-origin: *\nX-A:1\nX-B:  two';
    const parsed = parseHeaderLines(text);
    expect(parsed).toEqual({
      ok: true,
      value: [
        ['Access-Control-Allow-Origin', '*'],
        ['access-control-allow-origin', '*'],
        ['X-A', '1'],
        ['X-B', ' two'],
      ],
    });
    // Written back, it reads the same.
    if (parsed.ok) expect(parseHeaderLines(formatHeaderLines(parsed.value))).toEqual(parsed);
  });

  it('skips blank lines and accepts CRLF', () => {
    expect(parseHeaderLines('A: 1\r\n\r\nB: 2')).toEqual({
      ok: true,
      value: [
        ['A', '1'],
        ['B', '2'],
      ],
    });
  });

  it.each([
    ['A: 1\n continued', /Line 2 starts with a space/],
    ['A 1', /Line 1 has no colon/],
    ['Bad Name: 1', /Line 1: “Bad Name” is not a header name/],
    [': 1', /Line 1: “” is not a header name: it is empty/],
    ['A: ✓', /Line 1: “✓” \(U\+2713\) is not Latin-1/],
  ])('refuses %j', (text, message) => {
    expect(firstError(parseHeaderLines(text))).toMatch(message);
  });
});
