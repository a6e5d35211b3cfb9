import { describe, expect, it } from 'vitest';
import { securityLints, type LintContext } from './security-lints.ts';
import { serverConfigSchema, type ServerConfigInput } from './server-config.ts';

const ids = (config: Omit<ServerConfigInput, 'version'>, context?: LintContext) =>
  securityLints(serverConfigSchema.parse({ version: 1, ...config }), context).map(
    (lint) => `${lint.id} (${lint.response})`,
  );

describe('securityLints', () => {
  // A config that knows nothing of CORS, or allows one origin by name, carries none.
  it.each<[string, Omit<ServerConfigInput, 'version'>]>([
    ['no CORS headers', {}],
    [
      'one origin by name, with credentials',
      {
        cors: { allowOrigin: { value: 'https://app.test' }, allowCredentials: true },
      },
    ],
    ['reflect with Vary left on', { cors: { allowOrigin: 'reflect' } }],
    ['max-age at the cap', { cors: { maxAge: 7200 } }],
  ])('none for %s', (_name, config) => {
    expect(ids(config)).toEqual([]);
  });

  // Reflecting any origin with credentials: every site reads the user's data.
  it.each<[string, Omit<ServerConfigInput, 'version'>]>([
    ['true', { cors: { allowOrigin: 'reflect', allowCredentials: true } }],
    ['a literal "true"', { cors: { allowOrigin: 'reflect', allowCredentials: { value: 'true' } } }],
    [
      'an override on the actual response',
      {
        cors: { allowCredentials: true },
        actual: { cors: { allowOrigin: 'reflect' } },
      },
    ],
  ])('reflecting any origin with credentials given as %s', (_name, config) => {
    expect(ids(config)).toEqual(['reflect-with-credentials (actual)']);
  });

  it('not for reflection the actual response overrides away', () => {
    expect(
      ids({
        cors: { allowOrigin: 'reflect', allowCredentials: true },
        actual: { cors: { allowOrigin: null } },
      }),
    ).toEqual([]);
  });

  // * on a response that sets cookies.
  it.each<[string, Omit<ServerConfigInput, 'version'>]>([
    ['a cookie', { cors: { allowOrigin: '*' }, actual: { cookies: [{ name: 'id', value: '1' }] } }],
    [
      'a Set-Cookie line',
      {
        cors: { allowOrigin: { value: '*' } },
        actual: { headers: [['set-cookie', 'id=1']] },
      },
    ],
  ])('* on a response that sets %s', (_name, config) => {
    expect(ids(config)).toEqual(['wildcard-private (actual)']);
  });

  it('* on a response the user marks sensitive, and not on one unmarked', () => {
    expect(ids({ cors: { allowOrigin: '*' } }, { sensitive: true })).toEqual([
      'wildcard-private (actual)',
    ]);
    expect(ids({ cors: { allowOrigin: '*' } })).toEqual([]);
    expect(ids({ cors: { allowOrigin: 'reflect' } }, { sensitive: true })).toEqual([]);
  });

  // The null origin, wherever it is allowed.
  it.each<[string, Omit<ServerConfigInput, 'version'>, string]>([
    ['as a literal', { cors: { allowOrigin: { value: 'null' } } }, 'actual'],
    [
      'in an allow-list',
      { cors: { allowOrigin: { allowList: ['https://a.test', 'null'] } } },
      'actual',
    ],
    [
      'on the preflight only',
      { preflight: { cors: { allowOrigin: { value: 'null' } } } },
      'preflight',
    ],
  ])('the null origin %s', (_name, config, response) => {
    expect(ids(config)).toEqual([`null-origin (${response})`]);
  });

  // An origin-dependent answer without Vary: Origin poisons shared caches.
  it.each<[string, Omit<ServerConfigInput, 'version'>]>([
    ['reflect', { cors: { allowOrigin: 'reflect', vary: 'off' } }],
    [
      'an allow-list',
      {
        cors: { allowOrigin: { allowList: ['https://a.test'] } },
        actual: { cors: { vary: 'off' } },
      },
    ],
  ])('%s with Vary off', (_name, config) => {
    expect(ids(config)).toEqual(['no-vary-origin (actual)']);
  });

  it('not when an extra Vary line names Origin', () => {
    expect(
      ids({
        cors: { allowOrigin: 'reflect', vary: 'off' },
        actual: { headers: [['Vary', 'Origin']] },
      }),
    ).toEqual([]);
  });

  // Access-Control-Allow-Headers: * relied on for Authorization fails in the spec and Firefox: a
  // functional failure, which the model's warning says in the prediction and the result.
  it('* for a request with Authorization is not a security risk', () => {
    expect(ids({ cors: { allowHeaders: '*' } })).toEqual([]);
  });

  // A max-age the browser caps.
  it.each<[string, Omit<ServerConfigInput, 'version'>]>([
    ['a number', { cors: { maxAge: 86_400 } }],
    ['a literal', { preflight: { cors: { maxAge: { value: '7201' } } } }],
  ])('a max-age past Chromium’s 2 h, as %s', (_name, config) => {
    expect(ids(config)).toEqual(['long-max-age (preflight)']);
  });

  it('leaves an exact raw response alone', () => {
    expect(
      ids({
        cors: { allowOrigin: 'reflect', allowCredentials: true },
        raw: { actual: { status: 200, headers: [] } },
      }),
    ).toEqual([]);
  });

  it('says each attack in one sentence', () => {
    const lints = securityLints(
      serverConfigSchema.parse({
        version: 1,
        cors: { allowOrigin: 'reflect', allowCredentials: true, vary: 'off', maxAge: 99_999 },
      }),
    );
    expect(lints).toHaveLength(3);
    for (const lint of lints) expect(lint.why).toMatch(/^[A-Z][^.]*(\.[^ ][^.]*)*\.$/);
  });
});
