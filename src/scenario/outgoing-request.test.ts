import { describe, expect, it } from 'vitest';
import type { ExchangeLogEntry } from './control-api.ts';
import { curlCommand } from './curl.ts';
import type { ExchangeRecord } from './exchange.ts';
import type { JsOutcome } from './js-outcome.ts';
import { judge } from './judge.ts';
import { browserRequests } from './outgoing-request.ts';
import { targetDraftSchema, type TargetDraftInput } from './request-draft.ts';

const PAGE = 'http://localhost:5173';
const URL_ = 'http://localhost:5174/s/x/items?a=1';

type Lines = [string, string][];

function entry(method: string, headers: Lines, status: number): ExchangeLogEntry {
  return {
    seq: 0,
    receivedAt: 0,
    durationMs: 0,
    listener: 'target',
    request: {
      method,
      target: '/s/x/items?a=1',
      host: 'localhost:5174',
      httpVersion: '1.1',
      headers,
      bodySize: 0,
    },
    response: { status, reason: '', headers: [], bodySize: 0 },
  };
}

const FAILED: JsOutcome = { kind: 'rejected', name: 'TypeError', message: 'Failed to fetch' };

function requestsOf(draft: TargetDraftInput, js: JsOutcome, wire: ExchangeLogEntry[]) {
  const exchange: ExchangeRecord = {
    id: 1,
    draft: targetDraftSchema.parse(draft),
    url: URL_,
    pageOrigin: PAGE,
    sentAt: 0,
    durationMs: 0,
    js,
    wire,
    browser: 'chromium',
    cacheBefore: [],
    otherCacheBefore: [],
  };
  return browserRequests(exchange, judge(exchange).verdict);
}

const PREFLIGHT_LINES: Lines = [
  ['Host', 'localhost:5174'],
  ['Accept', '*/*'],
  ['Access-Control-Request-Method', 'patch'],
  ['Access-Control-Request-Headers', 'x-trace'],
  ['Origin', PAGE],
  ['User-Agent', 'Chromium'],
];

describe('browserRequests', () => {
  it('repeats what crossed the wire exactly, but the lines a client sets from URL and body', () => {
    const actualLines: Lines = [
      ['Host', 'localhost:5174'],
      ['Content-Length', '2'],
      ['X-Trace', 'a'],
      ['Origin', PAGE],
    ];
    const requests = requestsOf(
      { method: 'patch', headers: [['X-Trace', 'a']], body: 'hi' },
      FAILED,
      [entry('OPTIONS', PREFLIGHT_LINES, 204), entry('patch', actualLines, 200)],
    );
    expect(requests).toEqual({
      preflight: {
        source: 'sent',
        request: { method: 'OPTIONS', url: URL_, headers: PREFLIGHT_LINES.slice(1) },
      },
      actual: {
        source: 'sent',
        request: {
          method: 'patch',
          url: URL_,
          headers: [
            ['X-Trace', 'a'],
            ['Origin', PAGE],
          ],
          body: 'hi',
        },
      },
    });
  });

  it('gives the request a failed preflight stopped as the browser would have sent it', () => {
    const requests = requestsOf({ method: 'patch', headers: [['X-Trace', 'a']] }, FAILED, [
      entry('OPTIONS', PREFLIGHT_LINES, 404),
    ]);
    expect(requests.actual).toEqual({
      source: 'not-sent',
      request: {
        method: 'patch',
        url: URL_,
        headers: [
          ['X-Trace', 'a'],
          ['Origin', PAGE],
        ],
      },
    });
  });

  it('gives the preflight the model expects when none arrived', () => {
    const requests = requestsOf({ method: 'PUT' }, FAILED, []);
    expect(requests.preflight).toEqual({
      source: 'not-sent',
      request: {
        method: 'OPTIONS',
        url: URL_,
        headers: [
          ['Accept', '*/*'],
          ['Access-Control-Request-Method', 'PUT'],
          ['Origin', PAGE],
        ],
      },
    });
  });

  it('has nothing for a fetch() that refused its arguments', () => {
    expect(requestsOf({ method: 'GET', body: 'x' }, { ...FAILED, message: 'bad' }, [])).toEqual({});
  });
});

describe('curlCommand', () => {
  it('keeps the method case, every line in order and the body, quoted for a shell', () => {
    expect(
      curlCommand({
        method: 'patch',
        url: "http://localhost:5174/s/x/it's",
        headers: [
          ['X-Quote', "a'b"],
          ['X-Empty', ''],
        ],
        body: '{"a":\n1}',
      }),
    ).toBe(
      [
        "curl -i -X 'patch' 'http://localhost:5174/s/x/it'\\''s'",
        "-H 'X-Quote: a'\\''b'",
        "-H 'X-Empty;'",
        `--data-raw '{"a":\n1}'`,
      ].join(' \\\n  '),
    );
  });

  it('sends HEAD with --head, which expects no body', () => {
    expect(curlCommand({ method: 'HEAD', url: 'http://a/', headers: [] })).toBe(
      "curl -i --head 'http://a/'",
    );
  });
});
