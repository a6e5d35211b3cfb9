import { describe, expect, it } from 'vitest';
import type { CredentialsMode } from './cors-check.ts';
import {
  corsExposedHeaderNameList,
  jsVisibleHeaders,
  responseHeaderExposure,
  type ExposureReason,
} from './exposure.ts';
import type { HeaderList } from './headers.ts';
import type { ResponseType } from './response.ts';

const ACEH = 'Access-Control-Expose-Headers';

function reasons(
  type: ResponseType | undefined,
  headers: HeaderList,
  credentials: CredentialsMode = 'omit',
) {
  return responseHeaderExposure(type, headers, credentials).map(({ name, reason }) => [
    name,
    reason,
  ]);
}

describe('CORS-exposed header-name list (main fetch step 14.1)', () => {
  it.each<[string, HeaderList, CredentialsMode, ReturnType<typeof corsExposedHeaderNameList>]>([
    ['absent: nothing listed', [], 'omit', { kind: 'listed', names: [], wildcardIgnored: false }],
    [
      'step 14.1.3: the names of every line, lower-cased',
      [
        [ACEH, 'X-A,,'],
        [ACEH, 'x-b'],
      ],
      'omit',
      { kind: 'listed', names: ['x-a', 'x-b'], wildcardIgnored: false },
    ],
    [
      'step 14.1.2: * without credentials exposes all',
      [[ACEH, '*']],
      'same-origin',
      { kind: 'all' },
    ],
    [
      'step 14.1.3: * with credentials is only a name',
      [[ACEH, '*, X-A']],
      'include',
      { kind: 'listed', names: ['*', 'x-a'], wildcardIgnored: true },
    ],
    [
      'a list that does not parse exposes nothing',
      [[ACEH, 'X-A, x(b)']],
      'omit',
      { kind: 'invalid' },
    ],
  ])('%s', (_, headers, credentials, expected) => {
    expect(corsExposedHeaderNameList(headers, credentials)).toEqual(expected);
  });
});

describe('which headers JavaScript reads', () => {
  it.each<
    [string, ResponseType | undefined, HeaderList, CredentialsMode, [string, ExposureReason][]]
  >([
    [
      'a basic response shows all but Set-Cookie',
      'basic',
      [
        ['X-Secret', '1'],
        ['Set-Cookie', 'a=b'],
        ['set-cookie2', 'x'],
      ],
      'include',
      [
        ['X-Secret', 'same-origin'],
        ['Set-Cookie', 'forbidden-response-header'],
        ['set-cookie2', 'forbidden-response-header'],
      ],
    ],
    [
      'a CORS response shows safelisted names',
      'cors',
      [
        ['Content-Type', 'text/plain'],
        ['Content-Length', '0'],
        ['Cache-Control', 'x'],
        ['Expires', '0'],
        ['Last-Modified', 'x'],
        ['Pragma', 'x'],
        ['Content-Language', 'en'],
        ['Server', 'y'],
      ],
      'omit',
      [
        ['Content-Type', 'safelisted'],
        ['Content-Length', 'safelisted'],
        ['Cache-Control', 'safelisted'],
        ['Expires', 'safelisted'],
        ['Last-Modified', 'safelisted'],
        ['Pragma', 'safelisted'],
        ['Content-Language', 'safelisted'],
        ['Server', 'not-exposed'],
      ],
    ],
    [
      'a CORS response shows listed names, case-insensitively',
      'cors',
      [
        [ACEH, 'x-a'],
        ['X-A', '1'],
        ['X-B', '2'],
      ],
      'omit',
      [
        [ACEH, 'not-exposed'],
        ['X-A', 'exposed'],
        ['X-B', 'not-exposed'],
      ],
    ],
    [
      '* exposes everything but Set-Cookie without credentials',
      'cors',
      [
        [ACEH, '*'],
        ['X-A', '1'],
        ['Set-Cookie', 'a=b'],
      ],
      'omit',
      [
        [ACEH, 'wildcard'],
        ['X-A', 'wildcard'],
        ['Set-Cookie', 'forbidden-response-header'],
      ],
    ],
    [
      '* exposes nothing more with credentials',
      'cors',
      [
        [ACEH, '*'],
        ['X-A', '1'],
      ],
      'include',
      [
        [ACEH, 'wildcard-with-credentials'],
        ['X-A', 'wildcard-with-credentials'],
      ],
    ],
    [
      'listing Set-Cookie does not expose it',
      'cors',
      [
        [ACEH, 'Set-Cookie'],
        ['Set-Cookie', 'a=b'],
      ],
      'omit',
      [
        [ACEH, 'not-exposed'],
        ['Set-Cookie', 'forbidden-response-header'],
      ],
    ],
    [
      'an unparsable list leaves only the safelisted',
      'cors',
      [
        [ACEH, 'x a'],
        ['X-A', '1'],
        ['Content-Type', 'x'],
      ],
      'omit',
      [
        [ACEH, 'expose-headers-invalid'],
        ['X-A', 'expose-headers-invalid'],
        ['Content-Type', 'safelisted'],
      ],
    ],
    [
      'an opaque response shows nothing',
      'opaque',
      [['Content-Type', 'x']],
      'omit',
      [['Content-Type', 'opaque']],
    ],
    [
      'an opaque-redirect response shows nothing',
      'opaqueredirect',
      [['Location', '/x']],
      'omit',
      [['Location', 'opaque-redirect']],
    ],
    [
      'a failed fetch shows nothing',
      undefined,
      [['Content-Type', 'x']],
      'omit',
      [['Content-Type', 'fetch-failed']],
    ],
  ])('%s', (_, type, headers, credentials, expected) => {
    expect(reasons(type, headers, credentials)).toEqual(expected);
  });

  it('gives what `[...response.headers]` lists: readable lines, sorted and combined', () => {
    const exposures = responseHeaderExposure(
      'cors',
      [
        [ACEH, 'X-A'],
        ['X-A', '1'],
        ['Content-Type', 't'],
        ['X-A', '2'],
        ['X-B', '3'],
      ],
      'omit',
    );
    expect(jsVisibleHeaders(exposures)).toEqual([
      ['content-type', 't'],
      ['x-a', '1, 2'],
    ]);
  });
});
