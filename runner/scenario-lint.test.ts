import { describe, expect, it } from 'vitest';
import { checkScenarioText, formatPath, positionOf } from './scenario-lint.ts';

const STEP = { request: {} };

/** The messages for a scenario given as a value (written one key per line). */
function messages(scenario: unknown): string[] {
  const checked = checkScenarioText(JSON.stringify(scenario, null, 2));
  return checked.ok ? [] : checked.problems.map((problem) => problem.message);
}

describe('checkScenarioText', () => {
  it('reads a valid scenario, with a byte order mark or without', () => {
    const text = JSON.stringify({ version: 1, title: 't', steps: [STEP] });
    expect(checkScenarioText(text)).toMatchObject({ ok: true, scenario: { title: 't' } });
    expect(checkScenarioText(`\uFEFF${text}`)).toMatchObject({ ok: true });
  });

  // One row per kind of sentence: the schema's own words where it has them, else what the
  // value must be; then what the file has instead.
  it.each([
    ['a missing key', { version: 1, steps: [STEP] }, '`title` is required'],
    [
      'a string where a number is wanted',
      { version: '1', title: 't', steps: [STEP] },
      '`version` must be `1`, got the string `1`',
    ],
    [
      'a wrong type',
      { version: 1, title: 't', steps: [{ request: { method: 3 } }] },
      '`steps[0].request.method` must be a string, got the number `3`',
    ],
    [
      'a whole number',
      { version: 1, title: 't', steps: [{ ...STEP, waitMs: 1.5 }] },
      '`steps[0].waitMs` must be a whole number, got the number `1.5`',
    ],
    [
      'a number too big',
      { version: 1, title: 't', steps: [{ ...STEP, waitMs: 20_000 }] },
      '`steps[0].waitMs` must be at most 15000, got `20000`',
    ],
    [
      'an empty string',
      { version: 1, title: '', steps: [STEP] },
      '`title` must not be empty, got an empty string',
    ],
    [
      'a string too long',
      { version: 1, title: 'x'.repeat(201), steps: [STEP] },
      '`title` must be at most 200 characters long, got a string of 201 characters',
    ],
    [
      'an empty list',
      { version: 1, title: 't', steps: [] },
      '`steps` must have at least 1 item, got an empty array',
    ],
    [
      'a list too long',
      { version: 1, title: 't', steps: Array.from({ length: 21 }, () => STEP) },
      '`steps` must have at most 20 items, got an array of 21 items',
    ],
    [
      'an object where a list is wanted',
      { version: 1, title: 't', steps: {} },
      '`steps` must be an array, got an object',
    ],
    [
      "the schema's own words",
      { version: 1, title: 't', server: { cors: { allowCredentials: false } }, steps: [STEP] },
      '`server.cors.allowCredentials` must be true or { "value": "..." }, got `false`',
    ],
    [
      'a URL that is not absolute',
      { version: 1, title: 't', steps: [{ request: { url: '/api' } }] },
      '`steps[0].request.url` must be an absolute URL such as "http://localhost:3000/api/items", got `/api`',
    ],
    [
      'a URL with credentials',
      { version: 1, title: 't', steps: [{ request: { url: 'https://u:p@api.test/' } }] },
      '`steps[0].request.url` must not include a user name or password, got `https://u:p@api.test/`',
    ],
    [
      'a URL with a path besides',
      { version: 1, title: 't', steps: [{ request: { url: 'http://api.test/a', path: '/b' } }] },
      '`steps[0].request.path` cannot be given with `url`, which names the whole URL: put the path in `url`, or drop `url` to use a built-in target, got `/b`',
    ],
    [
      'a page origin with a path',
      { version: 1, title: 't', page: { origin: 'https://app.test/' }, steps: [STEP] },
      '`page.origin` must be written as browsers serialize it: "https://app.test", got `https://app.test/`',
    ],
    [
      "a step to the page's own origin",
      {
        version: 1,
        title: 't',
        page: { origin: 'https://app.test' },
        steps: [{ request: { url: 'https://app.test/api' } }],
      },
      "`steps[0].request.url` is on the page's own origin (https://app.test), where the runner serves its page: a same-origin request needs no CORS, and cannot reach your server here, got `https://app.test/api`",
    ],
    [
      "the playground's origin beside a page origin",
      {
        version: 1,
        title: 't',
        page: { origin: 'https://app.test' },
        steps: [{ request: { target: 'sameOrigin' } }],
      },
      "`steps[0].request.target` is the playground's own origin, which is not the page's with `page.origin` (https://app.test), got `sameOrigin`",
    ],
    ['a file that is not an object', [], 'the scenario must be an object, got an empty array'],
    [
      'an unknown key that is no identifier',
      { version: 1, title: 't', steps: [STEP], 'x-y': null },
      '`["x-y"]` is not a known key',
    ],
  ])('says what is wrong with %s', (_name, scenario, message) => {
    expect(messages(scenario)).toEqual([message]);
  });

  it('gives a JSON syntax error its line and column, and no path', () => {
    expect(checkScenarioText('\uFEFF{\n  "version": 1,\n}')).toEqual({
      ok: false,
      reason: 'not valid JSON',
      problems: [{ line: 2, column: 15, message: 'a trailing comma is not allowed in JSON' }],
    });
  });
});

describe('positionOf', () => {
  const text = '\uFEFF{\n  "steps": [\n    { "request": {}, "expect": {} }\n  ]\n}';

  it('finds a value or its key, not counting a byte order mark as a column', () => {
    expect(positionOf(text, ['steps', 0])).toEqual({ line: 3, column: 5 });
    expect(positionOf(text, ['steps', 0, 'expect'], 'key')).toEqual({ line: 3, column: 22 });
  });
});

describe('formatPath', () => {
  it('writes a path as JavaScript does', () => {
    expect(formatPath(['steps', 0, 'request', 'headers', 1, 0])).toBe(
      'steps[0].request.headers[1][0]',
    );
    expect(formatPath(['raw', 'a b'])).toBe('raw["a b"]');
    expect(formatPath([])).toBe('');
  });
});
