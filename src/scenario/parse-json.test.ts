import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, parseJson } from './parse-json.ts';

const nested = (depth: number, open = '[', close = ']'): string =>
  `${open.repeat(depth)}${close.repeat(depth)}`;

describe('parseJson', () => {
  it('parses JSON nested exactly MAX_JSON_DEPTH levels deep', () => {
    expect(parseJson(nested(MAX_JSON_DEPTH))).toMatchObject({ ok: true });
    const objects = `${'{"a":'.repeat(MAX_JSON_DEPTH - 1)}{}${'}'.repeat(MAX_JSON_DEPTH - 1)}`;
    expect(parseJson(objects)).toMatchObject({ ok: true });
  });

  it.each([
    ['arrays', nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH],
    ['objects', `${'{"a":'.repeat(MAX_JSON_DEPTH + 1)}1${'}'.repeat(MAX_JSON_DEPTH + 1)}`, 160],
    // Deep enough to overflow the stack of any recursive walk, refused without one.
    ['a hundred thousand levels', nested(100_000), MAX_JSON_DEPTH],
  ])('refuses %s nested deeper, saying where', (_name, text, at) => {
    expect(parseJson(text)).toEqual({
      ok: false,
      error: `JSON nested more than ${MAX_JSON_DEPTH} levels deep (objects and arrays, at character ${at}) is refused`,
    });
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const value = `"\\"${'['.repeat(100)}"`;
    expect(parseJson(`{"a":${value}}`)).toEqual({ ok: true, value: { a: `"${'['.repeat(100)}` } });
  });

  it('reports malformed JSON with the parser’s reason', () => {
    expect(parseJson('{"a":')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Malformed JSON: /),
    });
  });
});
