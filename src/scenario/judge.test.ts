import { describe, expect, it } from 'vitest';
import type { ExchangeRecord } from './exchange.ts';
import { judge } from './judge.ts';
import { FAILED_TO_FETCH, logEntry, resolvedJs, testExchange, TEST_PAGE } from './test-exchange.ts';

// The same wire judged with the page's browser's profile and the other's: a departure the
// profiles model (here Firefox 153's, seen in the browser) shows as a note; agreement shows none.

const URL = 'http://localhost:5174/s/abc/';
const ORIGIN: [string, string] = ['Origin', TEST_PAGE];
const ACAO: [string, string] = ['Access-Control-Allow-Origin', TEST_PAGE];
const USER_AGENT = { headers: [['User-Agent', 'probe/1']] as [string, string][] };
const FIREFOX_NETWORK_ERROR = {
  kind: 'rejected',
  name: 'TypeError',
  message: 'NetworkError when attempting to fetch resource.',
} as const;

const inFirefox = (exchange: ExchangeRecord): ExchangeRecord => ({
  ...exchange,
  browser: 'firefox',
});

describe('judge, in the browser the page ran in and the other', () => {
  it('no note where both browsers would do the same', () => {
    const judged = judge(
      testExchange({}, resolvedJs(200, 'OK'), [
        logEntry('GET', '/s/abc/', [ORIGIN], 200, 'OK', [ACAO]),
      ]),
    );
    expect(judged.browser).toBe('chromium');
    expect(judged.other.browser).toBe('firefox');
    expect(judged.other.note).toBeUndefined();
  });

  it('in Chromium, a page-set User-Agent: Firefox would send a preflight first', () => {
    // Chromium drops the header and sends its own: no preflight, and the GET passes.
    const judged = judge(
      testExchange(USER_AGENT, resolvedJs(200, 'OK'), [
        logEntry('GET', '/s/abc/', [ORIGIN], 200, 'OK', [ACAO]),
      ]),
    );
    expect(judged.verdict.outcome).toBe('allowed');
    expect(judged.other.note).toBe(
      `Firefox would send a preflight (OPTIONS) to ${URL} first, where Chromium sent none: user-agent is not a CORS-safelisted request header. What happens next would depend on the server's answer to it.`,
    );
  });

  it('in Firefox, the same request: Chromium would send no preflight, and why', () => {
    const preflight = logEntry(
      'OPTIONS',
      '/s/abc/',
      [
        ORIGIN,
        ['Access-Control-Request-Method', 'GET'],
        ['Access-Control-Request-Headers', 'user-agent'],
      ],
      204,
      'No Content',
      [ACAO],
    );
    const judged = judge(inFirefox(testExchange(USER_AGENT, FIREFOX_NETWORK_ERROR, [preflight])));
    expect(judged.verdict.outcome).toBe('blocked');
    expect(judged.explanation.check).toBe('CORSMissingAllowHeaderFromPreflight');
    expect(judged.explanation.js).toBe(
      'TypeError: NetworkError when attempting to fetch resource.',
    );
    expect(judged.disagreements).toEqual([]);
    expect(judged.other.note).toMatch(
      new RegExp(
        `^Chromium would send no preflight to ${URL}, where Firefox needs one: user-agent is not a CORS-safelisted request header\\. Chromium drops User-Agent without an error and sends its own`,
      ),
    );
  });
});

describe("judge words the fix with the user's private-data mark at Send", () => {
  const blocked = (privateData: boolean) =>
    judge({
      ...testExchange({}, FAILED_TO_FETCH, [logEntry('GET', '/s/abc/', [ORIGIN], 200, 'OK', [])]),
      privateData,
    }).explanation.fix;

  it('offers `*` for a public response, and only the exact origin for a private one', () => {
    expect(blocked(false)).toContain('`Access-Control-Allow-Origin: *` if the response is public');
    expect(blocked(true)).toBe(
      `Have the server send \`Access-Control-Allow-Origin: ${TEST_PAGE}\`, not \`*\`: the response carries private data, and \`*\` would let every site read it.`,
    );
  });
});
