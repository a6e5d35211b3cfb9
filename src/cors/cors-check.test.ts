import { describe, expect, it } from 'vitest';
import {
  asPreflightFailure,
  corsCheck,
  type CorsCheckError,
  type CredentialsMode,
} from './cors-check.ts';
import type { HeaderList } from './headers.ts';
import { fetchStep } from './errors.ts';

const ORIGIN = 'http://localhost:5173';
const ACAO = 'Access-Control-Allow-Origin';
const ACAC = 'Access-Control-Allow-Credentials';

type Row = [
  name: string,
  headers: HeaderList,
  credentials: CredentialsMode,
  expected: { corsError: CorsCheckError; failedParameter: string; step: string } | undefined,
];

function check(headers: HeaderList, credentials: CredentialsMode, serializedOrigin = ORIGIN) {
  const failure = corsCheck({ credentials, serializedOrigin }, headers);
  return (
    failure && {
      corsError: failure.corsError,
      failedParameter: failure.failedParameter,
      step: failure.step.number,
    }
  );
}

describe('CORS check: Access-Control-Allow-Origin', () => {
  it.each<Row>([
    // 2. Absent.
    [
      'step 2: fails when Access-Control-Allow-Origin is absent',
      [],
      'omit',
      { corsError: 'MissingAllowOriginHeader', failedParameter: '', step: '2' },
    ],
    [
      'step 2: an unrelated header does not count',
      [['Vary', 'Origin']],
      'omit',
      { corsError: 'MissingAllowOriginHeader', failedParameter: '', step: '2' },
    ],
    // 3. The wildcard.
    [
      'step 3: passes with * when credentials are not included',
      [[ACAO, '*']],
      'same-origin',
      undefined,
    ],
    [
      'step 3: fails with * when credentials are included, even with Allow-Credentials',
      [
        [ACAO, '*'],
        [ACAC, 'true'],
      ],
      'include',
      { corsError: 'WildcardOriginNotAllowed', failedParameter: '', step: '3' },
    ],
    // 4. Byte-exact.
    ['step 4: passes with the exact origin', [[ACAO, ORIGIN]], 'omit', undefined],
    [
      'step 4: fails with a trailing slash',
      [[ACAO, `${ORIGIN}/`]],
      'omit',
      { corsError: 'AllowOriginMismatch', failedParameter: `${ORIGIN}/`, step: '4' },
    ],
    [
      'step 4: fails with another case',
      [[ACAO, 'HTTP://LOCALHOST:5173']],
      'omit',
      { corsError: 'AllowOriginMismatch', failedParameter: 'HTTP://LOCALHOST:5173', step: '4' },
    ],
    [
      'step 4: fails with another scheme',
      [[ACAO, 'https://localhost:5173']],
      'omit',
      { corsError: 'AllowOriginMismatch', failedParameter: 'https://localhost:5173', step: '4' },
    ],
    [
      'step 4: fails without the port',
      [[ACAO, 'http://localhost']],
      'omit',
      { corsError: 'AllowOriginMismatch', failedParameter: 'http://localhost', step: '4' },
    ],
    [
      'step 4: fails with `null` for a real origin',
      [[ACAO, 'null']],
      'omit',
      { corsError: 'AllowOriginMismatch', failedParameter: 'null', step: '4' },
    ],
    [
      'step 4: fails with two lines, even both right',
      [
        [ACAO, ORIGIN],
        [ACAO, ORIGIN],
      ],
      'omit',
      {
        corsError: 'MultipleAllowOriginValues',
        failedParameter: `${ORIGIN}, ${ORIGIN}`,
        step: '4',
      },
    ],
    [
      'step 4: fails with a comma-separated list',
      [[ACAO, `${ORIGIN},http://a`]],
      'omit',
      { corsError: 'MultipleAllowOriginValues', failedParameter: `${ORIGIN},http://a`, step: '4' },
    ],
    [
      'step 4: fails with *, *',
      [[ACAO, '*, *']],
      'omit',
      { corsError: 'MultipleAllowOriginValues', failedParameter: '*, *', step: '4' },
    ],
    [
      'step 4: fails with a value that is not a URL',
      [[ACAO, 'foo']],
      'omit',
      { corsError: 'InvalidAllowOriginValue', failedParameter: 'foo', step: '4' },
    ],
    [
      'step 4: fails with an empty value',
      [[ACAO, '']],
      'omit',
      { corsError: 'InvalidAllowOriginValue', failedParameter: '', step: '4' },
    ],
    [
      'step 4: host:port parses (as a scheme) so it is a mismatch',
      [[ACAO, 'localhost:5173']],
      'omit',
      { corsError: 'AllowOriginMismatch', failedParameter: 'localhost:5173', step: '4' },
    ],
  ])('%s', (_, headers, credentials, expected) => {
    expect(check(headers, credentials)).toEqual(expected);
  });

  it('step 4: after a cross-origin redirect the origin is `null`, and `null` matches', () => {
    expect(check([[ACAO, 'null']], 'omit', 'null')).toBeUndefined();
    expect(check([[ACAO, ORIGIN]], 'omit', 'null')).toEqual({
      corsError: 'AllowOriginMismatch',
      failedParameter: ORIGIN,
      step: '4',
    });
  });
});

describe('CORS check: Access-Control-Allow-Credentials', () => {
  it.each<Row>([
    // 5. Not needed without credentials.
    [
      'step 5: ignored without credentials',
      [
        [ACAO, ORIGIN],
        [ACAC, 'nope'],
      ],
      'same-origin',
      undefined,
    ],
    // 6.-8. Exactly `true` with them.
    [
      'step 7: passes with true',
      [
        [ACAO, ORIGIN],
        [ACAC, 'true'],
      ],
      'include',
      undefined,
    ],
    [
      'step 7: fails when absent',
      [[ACAO, ORIGIN]],
      'include',
      { corsError: 'InvalidAllowCredentials', failedParameter: '', step: '7' },
    ],
    [
      'step 7: fails with True',
      [
        [ACAO, ORIGIN],
        [ACAC, 'True'],
      ],
      'include',
      { corsError: 'InvalidAllowCredentials', failedParameter: 'True', step: '7' },
    ],
    [
      'step 7: fails with two lines of true',
      [
        [ACAO, ORIGIN],
        [ACAC, 'true'],
        [ACAC, 'true'],
      ],
      'include',
      { corsError: 'InvalidAllowCredentials', failedParameter: 'true, true', step: '7' },
    ],
  ])('%s', (_, headers, credentials, expected) => {
    expect(check(headers, credentials)).toEqual(expected);
  });
});

describe('on a preflight response', () => {
  it.each<[CorsCheckError, string]>([
    ['WildcardOriginNotAllowed', 'PreflightWildcardOriginNotAllowed'],
    ['MissingAllowOriginHeader', 'PreflightMissingAllowOriginHeader'],
    ['MultipleAllowOriginValues', 'PreflightMultipleAllowOriginValues'],
    ['InvalidAllowOriginValue', 'PreflightInvalidAllowOriginValue'],
    ['AllowOriginMismatch', 'PreflightAllowOriginMismatch'],
    ['InvalidAllowCredentials', 'PreflightInvalidAllowCredentials'],
  ])('%s is named %s', (corsError, expected) => {
    const step = fetchStep('concept-cors-check', '2');
    expect(asPreflightFailure({ corsError, failedParameter: 'x', step })).toEqual({
      corsError: expected,
      failedParameter: 'x',
      step,
    });
  });
});
