import { describe, expect, it } from 'vitest';
import {
  actualTailLines,
  isFramed,
  preflightAnswerLines,
  reasonPhrase,
  redirectLines,
} from './response-parts.ts';
import { defaultServerConfig, type ServerConfig } from './server-config.ts';

const actual = (change: Partial<ServerConfig['actual']>): ServerConfig['actual'] => ({
  ...defaultServerConfig.actual,
  ...change,
});

describe('response parts', () => {
  it('reason phrases: the standard one, or none for a status without one', () => {
    expect(reasonPhrase(200)).toBe('OK');
    expect(reasonPhrase(418)).toBe("I'm a Teapot");
    expect(reasonPhrase(299)).toBe('');
  });

  it('the actual tail: extra lines, cookies, then Content-Type and Content-Length', () => {
    const tail = actualTailLines(
      actual({
        headers: [['ETag', '"v1"']],
        cookies: [{ name: 'sid', value: '1', httpOnly: true }],
        body: { text: 'hé', contentType: 'text/plain' },
      }),
      3,
    );
    expect(tail).toEqual([
      ['ETag', '"v1"'],
      ['Set-Cookie', 'sid=1; HttpOnly'],
      ['Content-Type', 'text/plain'],
      ['Content-Length', '3'],
    ]);
  });

  it('no framing lines for 204 and 304', () => {
    for (const status of [204, 304]) {
      expect(actualTailLines(actual({ status }), 0)).toEqual([]);
      expect(preflightAnswerLines(status, [], [])).toEqual([]);
    }
    expect(preflightAnswerLines(200, [['A', '1']], [['B', '2']])).toEqual([
      ['A', '1'],
      ['B', '2'],
      ['Content-Length', '0'],
    ]);
  });

  it('a redirect: CORS lines, extra lines, Location, an empty body', () => {
    expect(redirectLines([['A', '1']], [['B', '2']], 'http://x/')).toEqual([
      ['A', '1'],
      ['B', '2'],
      ['Location', 'http://x/'],
      ['Content-Length', '0'],
    ]);
  });

  it('raw lines are framed by a Content-Length in any case', () => {
    expect(isFramed([['content-LENGTH', '2']])).toBe(true);
    expect(isFramed([['Content-Type', 'text/plain']])).toBe(false);
  });
});
