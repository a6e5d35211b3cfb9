import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError, locateJsonPath, positionAt } from './json-source.ts';
import { MAX_JSON_DEPTH } from './parse-json.ts';

/** Where a marker `|` stands in the text, and the text without it. */
function marked(text: string): { text: string; offset: number } {
  return { text: text.replace('|', ''), offset: text.indexOf('|') };
}

describe('positionAt', () => {
  it('counts lines by LF, CRLF included, and columns from 1', () => {
    const text = '{\r\n  "a": 1,\n  "b": 2\n}';
    expect(positionAt(text, 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt(text, text.indexOf('"a"'))).toEqual({ line: 2, column: 3 });
    expect(positionAt(text, text.indexOf('2'))).toEqual({ line: 3, column: 8 });
    expect(positionAt(text, text.length)).toEqual({ line: 4, column: 2 });
  });
});

describe('findJsonSyntaxError', () => {
  it.each(['{}', ' [1, -0.5e+3, "a\\n\\u00e9", true, false, null, {"k": {}}] ', '"\\"[["', '0'])(
    'finds nothing wrong in %s',
    (text) => {
      expect(findJsonSyntaxError(text)).toBeUndefined();
      expect(() => JSON.parse(text) as unknown).not.toThrow();
    },
  );

  // Each row marks with | where the error is reported.
  it.each([
    ['', '|', 'expected a value, found the end of the file'],
    [
      'an unclosed object',
      '{"version": 1|',
      'expected `,` or `}` after a property value, found the end of the file',
    ],
    [
      'a missing comma',
      '{"a": 1\n |"b": 2}',
      'expected `,` or `}` after a property value, found `"`',
    ],
    ['a trailing comma in an object', '{"a": 1|, }', 'a trailing comma is not allowed in JSON'],
    ['a trailing comma in an array', '[1, 2|,\n]', 'a trailing comma is not allowed in JSON'],
    ['a missing colon', '{"a" |1}', 'expected `:` after a property name, found `1`'],
    [
      'an unquoted key',
      '{|version: 1}',
      'expected a property name in double quotes, found `version`',
    ],
    ['single quotes', '{"a": |\'b\'}', 'strings must be in double quotes'],
    ['a bare word', '{"a": |undefined}', 'expected a value, found `undefined`'],
    ['an unclosed string', '{"a": |"b}', 'this string is never closed: a `"` is missing'],
    [
      'a line break in a string',
      '{"a": "b|\n"}',
      'a string cannot hold a line break: write it as \\n, or close the string with `"`',
    ],
    ['a tab in a string', '["|\t"]', 'a string cannot hold control character U+0009: escape it'],
    ['an unknown escape', '["|\\x"]', '`\\x` is not an escape JSON knows'],
    ['a short unicode escape', '["|\\u12"]', '`\\u` must be followed by four hex digits'],
    ['a leading zero', '[|01]', 'a number cannot have a leading zero'],
    ['a bare minus', '[-|]', 'expected a digit after `-`, found `]`'],
    ['a bare decimal point', '[1.|]', 'expected a digit after the decimal point, found `]`'],
    ['an empty exponent', '[1e|]', 'expected a digit in the exponent, found `]`'],
    [
      'text after the value',
      '{} |x',
      'expected the end of the file after the JSON value, found `x`',
    ],
  ])('reports %s where it is, with what was expected', (_name, source, message) => {
    const { text, offset } = marked(source);
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect(findJsonSyntaxError(text)).toEqual({ offset, message });
  });

  it(`reports nesting deeper than ${MAX_JSON_DEPTH} levels at the first bracket too deep`, () => {
    const text = `${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`;
    expect(findJsonSyntaxError(text)).toEqual({
      offset: MAX_JSON_DEPTH,
      message: `nested more than ${MAX_JSON_DEPTH} levels deep (objects and arrays)`,
    });
    expect(findJsonSyntaxError('[[]]', 1)).toMatchObject({ offset: 1 });
  });
});

describe('locateJsonPath', () => {
  const text = `{
  "version": 1,
  "steps": [
    { "request": { "method": "GE T" } },
    { "request": {}, "expect": { "outcome": "ok" } }
  ],
  "title": "first",
  "title": "second"
}`;

  it('finds a value and its key through objects and arrays', () => {
    expect(locateJsonPath(text, ['steps', 0, 'request', 'method'])).toEqual({
      offset: text.indexOf('"GE T"'),
      keyOffset: text.indexOf('"method"'),
      found: true,
    });
    expect(locateJsonPath(text, ['steps', 1])).toEqual({
      offset: text.indexOf('{ "request": {}'),
      found: true,
    });
    expect(locateJsonPath(text, [])).toEqual({ offset: 0, found: true });
  });

  it('finds a key given twice where JSON.parse takes it from: the last', () => {
    expect(locateJsonPath(text, ['title'])).toMatchObject({ offset: text.indexOf('"second"') });
  });

  it('gives the deepest part present when the path is not all there', () => {
    expect(locateJsonPath(text, ['steps', 1, 'request', 'method'])).toEqual({
      offset: text.indexOf('{}'),
      keyOffset: text.indexOf('"request": {}'),
      found: false,
    });
    expect(locateJsonPath(text, ['steps', 5])).toMatchObject({
      offset: text.indexOf('['),
      found: false,
    });
    expect(locateJsonPath(text, ['version', 'x'])).toMatchObject({ found: false });
  });

  it('gives, in text that is not JSON, the deepest part read whole before the error', () => {
    expect(locateJsonPath('{"a": {"b": 1}, "c": }', ['a', 'b'])).toEqual({
      offset: 0,
      found: false,
    });
    expect(locateJsonPath('{"a": [{"b": 1}, {]}', ['a', 0, 'b'])).toEqual({
      offset: 0,
      found: false,
    });
  });
});
