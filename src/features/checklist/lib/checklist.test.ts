import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ExchangeLogEntry } from '../../../scenario/control-api.ts';
import type { JsOutcome } from '../../../scenario/js-outcome.ts';
import { judge } from '../../../scenario/judge.ts';
import type { RequestDraftInput } from '../../../scenario/request-draft.ts';
import {
  FAILED_TO_FETCH,
  logEntry,
  resolvedJs,
  TEST_PAGE,
  testExchange,
} from '../../../scenario/test-exchange.ts';
import { checklist } from './checklist.ts';

function answers(draft: RequestDraftInput, js: JsOutcome, wire: ExchangeLogEntry[]) {
  const exchange = testExchange(draft, js, wire);
  const items = checklist({ exchange, judgement: judge(exchange) });
  return Object.fromEntries(items.map((item) => [item.id, item.answer]));
}

const ORIGIN: [string, string][] = [['Origin', TEST_PAGE]];

describe('checklist', () => {
  it('before any Send, leaves every question to the learner', () => {
    expect(checklist(undefined).map((item) => item.answer.kind)).toEqual(Array(7).fill('ask'));
  });

  it('links each question to a preset that exists, by its title', () => {
    for (const { preset } of checklist(undefined)) {
      const file = new URL(`../../../../presets/${preset.id}.scenario.json`, import.meta.url);
      expect(existsSync(file), preset.id).toBe(true);
      expect((JSON.parse(readFileSync(file, 'utf8')) as { title: string }).title).toBe(
        preset.title,
      );
    }
  });

  it('a preflight answered 404: the preflight question says so, from the result', () => {
    const found = answers({ method: 'PUT', path: '/x' }, FAILED_TO_FETCH, [
      logEntry(
        'OPTIONS',
        '/s/abc/x',
        [...ORIGIN, ['Access-Control-Request-Method', 'PUT']],
        404,
        'Not Found',
        [],
      ),
    ]);
    expect(found.who?.kind).toBe('fine');
    expect(found.preflight).toEqual({
      kind: 'problem',
      text: expect.stringContaining('No: the OPTIONS got 404 Not Found') as string,
    });
  });

  it('credentials with *: a problem, named', () => {
    const found = answers({ credentials: 'include' }, FAILED_TO_FETCH, [
      logEntry('GET', '/s/abc/', ORIGIN, 200, 'OK', [['Access-Control-Allow-Origin', '*']]),
    ]);
    expect(found.credentials?.kind).toBe('problem');
    expect(found.preflight?.text).toBe('No preflight was needed: this is a simple request.');
  });

  it('Authorization not allowed by the preflight: the header is named', () => {
    const found = answers({ headers: [['Authorization', 'Bearer x']] }, FAILED_TO_FETCH, [
      logEntry(
        'OPTIONS',
        '/s/abc/',
        [
          ...ORIGIN,
          ['Access-Control-Request-Method', 'GET'],
          ['Access-Control-Request-Headers', 'authorization'],
        ],
        204,
        'No Content',
        [['Access-Control-Allow-Origin', TEST_PAGE]],
      ),
    ]);
    expect(found['allow-headers']?.text).toContain('did not allow authorization');
  });

  it('an allowed response with hidden headers: Expose-Headers is needed, for them by name', () => {
    const found = answers({}, resolvedJs(200, 'OK', [['content-type', 'text/plain']]), [
      logEntry('GET', '/s/abc/', ORIGIN, 200, 'OK', [
        ['Access-Control-Allow-Origin', '*'],
        ['Content-Type', 'text/plain'],
        ['ETag', '"1"'],
      ]),
    ]);
    expect(found.expose).toEqual({
      kind: 'problem',
      text: 'To read ETag: each reads null until named in Access-Control-Expose-Headers.',
    });
    expect(found.proxy?.kind).toBe('fine');
  });

  it('two Access-Control-Allow-Origin lines: doubled, as by a proxy', () => {
    const found = answers({}, FAILED_TO_FETCH, [
      logEntry('GET', '/s/abc/', ORIGIN, 200, 'OK', [
        ['Access-Control-Allow-Origin', TEST_PAGE],
        ['Access-Control-Allow-Origin', '*'],
      ]),
    ]);
    expect(found.proxy?.text).toMatch(/^Doubled: 2 Access-Control-Allow-Origin lines/);
  });

  it('nothing reached the target: no answer claims what only an answer could show', () => {
    const found = answers(
      { method: 'PUT', credentials: 'include', headers: [['Authorization', 'x']] },
      FAILED_TO_FETCH,
      [],
    );
    expect(found.who?.kind).toBe('ask');
    expect(found.who?.text).toContain('Nothing reached the target');
    expect(found.credentials?.kind).toBe('ask');
    expect(found['allow-headers']?.kind).toBe('ask');
    expect(found['allow-headers']?.text).not.toContain('got through');
  });

  it('an opaque response: Expose-Headers cannot make any header readable', () => {
    const opaque: JsOutcome = {
      kind: 'resolved',
      status: 0,
      statusText: '',
      type: 'opaque',
      url: '',
      redirected: false,
      headers: [],
      body: '',
    };
    const found = answers({ mode: 'no-cors' }, opaque, [
      logEntry('GET', '/s/abc/', ORIGIN, 200, 'OK', [['ETag', '"1"']]),
    ]);
    expect(found.expose?.text).not.toContain('until named in Access-Control-Expose-Headers');
    expect(found.expose?.text).toContain("mode 'cors'");
  });
});
