import { describe, expect, it } from 'vitest';
import type { FirefoxReasonCode } from './errors.ts';
import {
  FIREFOX_REASONS,
  firefoxConsoleMessage,
  firefoxReason,
  parseFirefoxConsole,
} from './firefox-reasons.ts';

describe('Firefox reasons', () => {
  it('reads the messages Firefox 153 wrote, typographic quotes and status included', () => {
    expect(
      parseFirefoxConsole(
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at http://localhost:41087/plain. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.',
      ),
    ).toEqual({ code: 'CORSMissingAllowOrigin', param: '', url: 'http://localhost:41087/plain' });
    expect(
      parseFirefoxConsole(
        'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at http://a.test/x?y=(1). (Reason: header ‘x-token’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).',
      ),
    ).toEqual({
      code: 'CORSMissingAllowHeaderFromPreflight',
      param: 'x-token',
      url: 'http://a.test/x?y=(1)',
    });
    expect(parseFirefoxConsole('Some other console line')).toBeUndefined();
  });

  it('writes every code’s message so that it reads back as the same reason', () => {
    for (const code of Object.keys(FIREFOX_REASONS) as FirefoxReasonCode[]) {
      const param = FIREFOX_REASONS[code].reason.includes('{param}') ? 'X-Val' : '';
      const text = firefoxConsoleMessage('http://t.test/p', { code, param }, 404);
      expect(parseFirefoxConsole(text)).toEqual({ code, param, url: 'http://t.test/p' });
    }
  });

  it('prints the status only for the codes whose message has one, (null) when none arrived', () => {
    const missing = { code: 'CORSMissingAllowOrigin', param: '' } as const;
    expect(firefoxConsoleMessage('http://t.test/', missing, 200)).toMatch(/\. Status code: 200\.$/);
    expect(firefoxConsoleMessage('http://t.test/', missing, undefined)).toMatch(
      /Status code: \(null\)\.$/,
    );
    expect(
      firefoxConsoleMessage('http://t.test/', { code: 'CORSMethodNotFound', param: '' }, 200),
    ).toMatch(/‘Access-Control-Allow-Methods’\)\.$/);
  });

  it('names the model’s failures in Firefox’s words, quoting only what Firefox quotes', () => {
    expect(firefoxReason('AllowOriginMismatch', 'http://b.test')).toEqual({
      code: 'CORSAllowOriginNotMatchingOrigin',
      param: 'http://b.test',
    });
    expect(firefoxReason('MethodDisallowedByPreflightResponse', 'PUT')).toEqual({
      code: 'CORSMethodNotFound',
      param: '',
    });
    expect(firefoxReason('InsecureLocalNetwork', '')).toBeUndefined();
  });
});
