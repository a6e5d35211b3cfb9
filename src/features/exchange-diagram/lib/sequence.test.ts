import { describe, expect, it } from 'vitest';
import type { ExchangeLogEntry } from '../../../scenario/control-api.ts';
import type { JsOutcome } from '../../../scenario/js-outcome.ts';
import { judge } from '../../../scenario/judge.ts';
import type { RequestDraftInput } from '../../../scenario/request-draft.ts';
import {
  FAILED_TO_FETCH as FAILED,
  logEntry as entry,
  resolvedJs,
  TEST_PAGE as PAGE,
  testExchange,
} from '../../../scenario/test-exchange.ts';
import { displayPath, sequenceOf } from './sequence.ts';

function sequence(draft: RequestDraftInput, js: JsOutcome, wire: ExchangeLogEntry[]) {
  const exchange = testExchange(draft, js, wire);
  return sequenceOf(exchange, judge(exchange));
}

describe('sequenceOf', () => {
  it('a preflight that allows the origin but not the method: the browser stops at its answer', () => {
    const steps = sequence({ method: 'PUT', path: '/items' }, FAILED, [
      entry(
        'OPTIONS',
        '/s/abc/items',
        [
          ['Origin', PAGE],
          ['Access-Control-Request-Method', 'PUT'],
          ['Accept', '*/*'],
        ],
        204,
        'No Content',
        [
          ['Access-Control-Allow-Origin', PAGE],
          ['Date', 'x'],
        ],
      ),
    ]);
    expect(steps.map((step) => step.text)).toEqual([
      'The page calls fetch() for PUT /items.',
      `The browser sends a preflight, OPTIONS /items, to localhost:5174, with Origin: ${PAGE}, Access-Control-Request-Method: PUT.`,
      `localhost:5174 answers 204 No Content, with Access-Control-Allow-Origin: ${PAGE}, and no Access-Control-Allow-Methods.`,
      'The browser stops here: MethodDisallowedByPreflightResponse (Access-Control-Allow-Methods).',
      'fetch() rejects: TypeError: Failed to fetch.',
    ]);
    expect(steps[2]?.lines).toEqual([
      { name: 'Access-Control-Allow-Origin', value: PAGE, failing: false },
      { name: 'Access-Control-Allow-Methods', value: undefined, failing: true },
    ]);
    expect(steps.filter((step) => step.failing).map((step) => step.kind)).toEqual([
      'response',
      'stop',
      'settle',
    ]);
  });

  it('a redirect hop, then an allowed answer: each request on the wire, and how fetch() resolved', () => {
    const steps = sequence({ path: '/old' }, resolvedJs(200, 'OK'), [
      entry('GET', '/s/abc/old', [['Origin', PAGE]], 302, 'Found', [
        ['Location', 'http://localhost:5175/s/abc/_hop/1/old'],
        ['Access-Control-Allow-Origin', '*'],
      ]),
      entry(
        'GET',
        '/s/abc/_hop/1/old',
        [['Origin', 'null']],
        200,
        'OK',
        [['Access-Control-Allow-Origin', '*']],
        'localhost:5175',
      ),
    ]);
    expect(steps.map((step) => step.kind)).toEqual([
      'call',
      'request',
      'response',
      'request',
      'response',
      'settle',
    ]);
    expect(steps[3]?.text).toBe(
      'The browser sends the request after redirect 1, GET /old, to localhost:5175, with Origin: null.',
    );
    expect(steps.at(-1)?.text).toBe('fetch() resolves: 200 OK, response.type "cors".');
    expect(steps.some((step) => step.failing)).toBe(false);
  });
});

describe('displayPath', () => {
  it("leaves out the session's prefix, a redirect hop's and a fresh cache's", () => {
    expect(displayPath('/s/abc/items?x=1')).toBe('/items?x=1');
    expect(displayPath('/s/abc/_hop/2/fresh-3/items')).toBe('/items');
    expect(displayPath('/s/abc')).toBe('/');
  });
});
