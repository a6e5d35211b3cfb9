import { describe, expect, it } from 'vitest';
import {
  compileCorsHeaders,
  corsHeadersFor,
  effectiveCors,
  type HeaderLines,
  type IncomingRequest,
  type ResponseKind,
} from './cors-headers.ts';
import { serverConfigSchema, type ServerConfigInput } from './server-config.ts';

const config = (input: Omit<ServerConfigInput, 'version'>) =>
  serverConfigSchema.parse({ version: 1, ...input });
type CorsInput = NonNullable<ServerConfigInput['cors']>;
type PreflightCorsInput = NonNullable<NonNullable<ServerConfigInput['preflight']>['cors']>;
type ActualCorsInput = NonNullable<NonNullable<ServerConfigInput['actual']>['cors']>;

const APP = 'http://localhost:5173';
const OTHER = 'http://evil.test';
const fromApp: IncomingRequest = { origin: APP };
const noOrigin: IncomingRequest = { origin: undefined };

const ACAO = 'Access-Control-Allow-Origin';
const ACAC = 'Access-Control-Allow-Credentials';
const ACAM = 'Access-Control-Allow-Methods';
const ACAH = 'Access-Control-Allow-Headers';
const ACMA = 'Access-Control-Max-Age';
const ACEH = 'Access-Control-Expose-Headers';

const KINDS: ResponseKind[] = ['preflight', 'actual'];

describe('allowOrigin, on the preflight and the actual response alike', () => {
  type Row = [name: string, cors: CorsInput, request: IncomingRequest, expected: HeaderLines];
  const rows: Row[] = [
    // Left out: no header (deny by omission).
    ['left out sends nothing', {}, fromApp, []],
    // '*' sends '*' whoever asks, and does not vary.
    ['"*" sends * to a page', { allowOrigin: '*' }, fromApp, [[ACAO, '*']]],
    ['"*" sends * without an Origin', { allowOrigin: '*' }, noOrigin, [[ACAO, '*']]],
    // reflect sends the request's Origin back, and varies on it.
    [
      'reflect sends the Origin back',
      { allowOrigin: 'reflect' },
      fromApp,
      [
        [ACAO, APP],
        ['Vary', 'Origin'],
      ],
    ],
    [
      'reflect sends any Origin back',
      { allowOrigin: 'reflect' },
      { origin: OTHER },
      [
        [ACAO, OTHER],
        ['Vary', 'Origin'],
      ],
    ],
    [
      'reflect sends "null" back',
      { allowOrigin: 'reflect' },
      { origin: 'null' },
      [
        [ACAO, 'null'],
        ['Vary', 'Origin'],
      ],
    ],
    [
      'reflect without an Origin sends only Vary',
      { allowOrigin: 'reflect' },
      noOrigin,
      [['Vary', 'Origin']],
    ],
    // allowList: the request's origin if listed, compared exactly.
    [
      'allowList sends a listed Origin back',
      { allowOrigin: { allowList: [APP] } },
      fromApp,
      [
        [ACAO, APP],
        ['Vary', 'Origin'],
      ],
    ],
    [
      'allowList matches any entry',
      { allowOrigin: { allowList: [OTHER, APP] } },
      fromApp,
      [
        [ACAO, APP],
        ['Vary', 'Origin'],
      ],
    ],
    [
      'allowList sends nothing to an unlisted Origin',
      { allowOrigin: { allowList: [APP] } },
      { origin: OTHER },
      [['Vary', 'Origin']],
    ],
    [
      'allowList is case-sensitive',
      { allowOrigin: { allowList: [APP] } },
      { origin: 'http://LOCALHOST:5173' },
      [['Vary', 'Origin']],
    ],
    [
      'allowList does not match a listed origin with a trailing slash',
      { allowOrigin: { allowList: [`${APP}/`] } },
      fromApp,
      [['Vary', 'Origin']],
    ],
    [
      'allowList does not match a request origin with a trailing slash',
      { allowOrigin: { allowList: [APP] } },
      { origin: `${APP}/` },
      [['Vary', 'Origin']],
    ],
    [
      'allowList does not match another port',
      { allowOrigin: { allowList: [APP] } },
      { origin: 'http://localhost:5174' },
      [['Vary', 'Origin']],
    ],
    [
      'allowList without an Origin sends only Vary',
      { allowOrigin: { allowList: [APP] } },
      noOrigin,
      [['Vary', 'Origin']],
    ],
    [
      'allowList can list "null"',
      { allowOrigin: { allowList: ['null'] } },
      { origin: 'null' },
      [
        [ACAO, 'null'],
        ['Vary', 'Origin'],
      ],
    ],
    // A literal is sent exactly, whatever the Origin, and does not vary.
    [
      'a literal is sent as written',
      { allowOrigin: { value: `${APP}/` } },
      fromApp,
      [[ACAO, `${APP}/`]],
    ],
    [
      'a literal is sent without an Origin',
      { allowOrigin: { value: APP } },
      noOrigin,
      [[ACAO, APP]],
    ],
    [
      'a literal keeps odd bytes',
      { allowOrigin: { value: ` ${APP}\u000b\u00e9` } },
      fromApp,
      [[ACAO, ` ${APP}\u000b\u00e9`]],
    ],
    [
      'a literal may be a list',
      { allowOrigin: { value: `${APP}, ${OTHER}` } },
      fromApp,
      [[ACAO, `${APP}, ${OTHER}`]],
    ],
    ['a literal may be empty', { allowOrigin: { value: '' } }, fromApp, [[ACAO, '']]],
  ];

  describe.each(KINDS)('%s', (kind) => {
    it.each(rows)('%s', (_name, cors, request, expected) => {
      expect(corsHeadersFor(config({ cors }), kind, request)).toEqual(expected);
    });
  });
});

describe('allowCredentials, on the preflight and the actual response alike', () => {
  type Row = [name: string, cors: CorsInput, expected: HeaderLines];
  const rows: Row[] = [
    ['left out sends nothing', {}, []],
    ['true sends "true"', { allowCredentials: true }, [[ACAC, 'true']]],
    ['a literal is sent as written', { allowCredentials: { value: 'True' } }, [[ACAC, 'True']]],
    ['a literal may be "false"', { allowCredentials: { value: 'false' } }, [[ACAC, 'false']]],
  ];

  describe.each(KINDS)('%s', (kind) => {
    it.each(rows)('%s', (_name, cors, expected) => {
      expect(corsHeadersFor(config({ cors }), kind, fromApp)).toEqual(expected);
    });
  });
});

describe('preflight-only fields: allowMethods, allowHeaders and maxAge', () => {
  type Row = [name: string, cors: CorsInput, request: IncomingRequest, expected: HeaderLines];
  const rows: Row[] = [
    // allowMethods: a list joined with ", ", '*', or a literal.
    ['allowMethods "*"', { allowMethods: '*' }, fromApp, [[ACAM, '*']]],
    ['allowMethods one method', { allowMethods: ['PUT'] }, fromApp, [[ACAM, 'PUT']]],
    [
      'allowMethods a list, joined with ", " and case kept',
      { allowMethods: ['PUT', 'delete', 'PATCH'] },
      fromApp,
      [[ACAM, 'PUT, delete, PATCH']],
    ],
    [
      'allowMethods a literal',
      { allowMethods: { value: 'PUT ,DELETE,' } },
      fromApp,
      [[ACAM, 'PUT ,DELETE,']],
    ],
    // allowHeaders: a list, '*', a literal, or reflect the request's list.
    ['allowHeaders "*"', { allowHeaders: '*' }, fromApp, [[ACAH, '*']]],
    [
      'allowHeaders a list, joined with ", "',
      { allowHeaders: ['Content-Type', 'x-token'] },
      fromApp,
      [[ACAH, 'Content-Type, x-token']],
    ],
    [
      'allowHeaders a literal',
      { allowHeaders: { value: 'x-token;' } },
      fromApp,
      [[ACAH, 'x-token;']],
    ],
    [
      'allowHeaders reflect sends the requested headers back exactly',
      { allowHeaders: 'reflect' },
      { origin: APP, requestHeaders: 'content-type,x-token' },
      [
        [ACAH, 'content-type,x-token'],
        ['Vary', 'Access-Control-Request-Headers'],
      ],
    ],
    [
      'allowHeaders reflect without Access-Control-Request-Headers sends only Vary',
      { allowHeaders: 'reflect' },
      fromApp,
      [['Vary', 'Access-Control-Request-Headers']],
    ],
    [
      'allowHeaders reflect with an empty Access-Control-Request-Headers sends it empty',
      { allowHeaders: 'reflect' },
      { origin: APP, requestHeaders: '' },
      [
        [ACAH, ''],
        ['Vary', 'Access-Control-Request-Headers'],
      ],
    ],
    // maxAge: seconds, or a literal.
    ['maxAge 600', { maxAge: 600 }, fromApp, [[ACMA, '600']]],
    ['maxAge 0', { maxAge: 0 }, fromApp, [[ACMA, '0']]],
    ['maxAge a literal', { maxAge: { value: '-1' } }, fromApp, [[ACMA, '-1']]],
  ];

  it.each(rows)('the preflight: %s', (_name, cors, request, expected) => {
    expect(corsHeadersFor(config({ cors }), 'preflight', request)).toEqual(expected);
  });

  it.each(rows)('the actual response: %s sends nothing', (_name, cors, request) => {
    expect(corsHeadersFor(config({ cors }), 'actual', request)).toEqual([]);
  });
});

describe('actual-only field: exposeHeaders', () => {
  type Row = [name: string, cors: CorsInput, expected: HeaderLines];
  const rows: Row[] = [
    ['exposeHeaders "*"', { exposeHeaders: '*' }, [[ACEH, '*']]],
    [
      'exposeHeaders a list, joined with ", "',
      { exposeHeaders: ['ETag', 'X-RateLimit-Remaining'] },
      [[ACEH, 'ETag, X-RateLimit-Remaining']],
    ],
    ['exposeHeaders a literal', { exposeHeaders: { value: 'ETag,,Link' } }, [[ACEH, 'ETag,,Link']]],
  ];

  it.each(rows)('the actual response: %s', (_name, cors, expected) => {
    expect(corsHeadersFor(config({ cors }), 'actual', fromApp)).toEqual(expected);
  });

  it.each(rows)('the preflight: %s sends nothing', (_name, cors) => {
    expect(corsHeadersFor(config({ cors }), 'preflight', fromApp)).toEqual([]);
  });
});

describe('vary', () => {
  type Row = [
    name: string,
    input: Omit<ServerConfigInput, 'version'>,
    preflight: string | undefined,
    actual: string | undefined,
  ];
  const reflectBoth: CorsInput = { allowOrigin: 'reflect', allowHeaders: 'reflect' };
  const rows: Row[] = [
    // auto varies on what the answer depends on, per response.
    [
      'auto (the default) with both reflected',
      { cors: reflectBoth },
      'Origin, Access-Control-Request-Headers',
      'Origin',
    ],
    [
      'auto spelled out',
      { cors: { ...reflectBoth, vary: 'auto' } },
      'Origin, Access-Control-Request-Headers',
      'Origin',
    ],
    [
      'auto with an allowList and reflected headers',
      { cors: { allowOrigin: { allowList: [APP] }, allowHeaders: 'reflect' } },
      'Origin, Access-Control-Request-Headers',
      'Origin',
    ],
    [
      'auto with only headers reflected',
      { cors: { allowOrigin: '*', allowHeaders: 'reflect' } },
      'Access-Control-Request-Headers',
      undefined,
    ],
    [
      'auto with "*" varies on nothing',
      { cors: { allowOrigin: '*', allowHeaders: ['x-token'] } },
      undefined,
      undefined,
    ],
    [
      'auto with a literal varies on nothing',
      { cors: { allowOrigin: { value: APP }, allowHeaders: '*' } },
      undefined,
      undefined,
    ],
    // off never varies: the classic caching bug.
    ['off with both reflected', { cors: { ...reflectBoth, vary: 'off' } }, undefined, undefined],
    [
      'off with an allowList',
      { cors: { allowOrigin: { allowList: [APP] }, vary: 'off' } },
      undefined,
      undefined,
    ],
    // An override sets it for one response only.
    [
      'off shared, auto on the preflight',
      { cors: { ...reflectBoth, vary: 'off' }, preflight: { cors: { vary: 'auto' } } },
      'Origin, Access-Control-Request-Headers',
      undefined,
    ],
    [
      'off shared, auto on the actual response',
      { cors: { ...reflectBoth, vary: 'off' }, actual: { cors: { vary: 'auto' } } },
      undefined,
      'Origin',
    ],
    [
      'auto shared, off on the preflight',
      { cors: reflectBoth, preflight: { cors: { vary: 'off' } } },
      undefined,
      'Origin',
    ],
    [
      'auto shared, off on the actual response',
      { cors: reflectBoth, actual: { cors: { vary: 'off' } } },
      'Origin, Access-Control-Request-Headers',
      undefined,
    ],
    // Vary follows the effective allowOrigin, overrides included.
    [
      'auto with a preflight that does not send allowOrigin',
      { cors: reflectBoth, preflight: { cors: { allowOrigin: null } } },
      'Access-Control-Request-Headers',
      'Origin',
    ],
    [
      'auto with an actual response that sends "*"',
      { cors: reflectBoth, actual: { cors: { allowOrigin: '*' } } },
      'Origin, Access-Control-Request-Headers',
      undefined,
    ],
  ];

  const varyOf = (lines: HeaderLines) => lines.filter(([name]) => name === 'Vary');

  it.each(rows)('%s', (_name, input, preflight, actual) => {
    const request = { origin: APP, requestHeaders: 'x-token' };
    const built = config(input);
    expect(varyOf(corsHeadersFor(built, 'preflight', request))).toEqual(
      preflight === undefined ? [] : [['Vary', preflight]],
    );
    expect(varyOf(corsHeadersFor(built, 'actual', request))).toEqual(
      actual === undefined ? [] : [['Vary', actual]],
    );
  });
});

describe('overrides', () => {
  type Row = [
    name: string,
    input: {
      cors?: CorsInput;
      preflight?: { cors: PreflightCorsInput };
      actual?: { cors: ActualCorsInput };
    },
    preflight: HeaderLines,
    actual: HeaderLines,
  ];
  const shared: CorsInput = {
    allowOrigin: 'reflect',
    allowCredentials: true,
    allowMethods: ['PUT'],
    allowHeaders: ['x-token'],
    exposeHeaders: ['ETag'],
    maxAge: 60,
  };
  const rows: Row[] = [
    // null: not sent on this response; the other keeps the shared value.
    [
      'preflight allowOrigin null',
      { cors: shared, preflight: { cors: { allowOrigin: null } } },
      [
        [ACAC, 'true'],
        [ACAM, 'PUT'],
        [ACAH, 'x-token'],
        [ACMA, '60'],
      ],
      [
        [ACAO, APP],
        [ACAC, 'true'],
        [ACEH, 'ETag'],
        ['Vary', 'Origin'],
      ],
    ],
    [
      'actual allowOrigin null',
      { cors: shared, actual: { cors: { allowOrigin: null } } },
      [
        [ACAO, APP],
        [ACAC, 'true'],
        [ACAM, 'PUT'],
        [ACAH, 'x-token'],
        [ACMA, '60'],
        ['Vary', 'Origin'],
      ],
      [
        [ACAC, 'true'],
        [ACEH, 'ETag'],
      ],
    ],
    [
      'preflight allowCredentials null',
      { cors: shared, preflight: { cors: { allowCredentials: null } } },
      [
        [ACAO, APP],
        [ACAM, 'PUT'],
        [ACAH, 'x-token'],
        [ACMA, '60'],
        ['Vary', 'Origin'],
      ],
      [
        [ACAO, APP],
        [ACAC, 'true'],
        [ACEH, 'ETag'],
        ['Vary', 'Origin'],
      ],
    ],
    [
      'actual allowCredentials null',
      { cors: shared, actual: { cors: { allowCredentials: null } } },
      [
        [ACAO, APP],
        [ACAC, 'true'],
        [ACAM, 'PUT'],
        [ACAH, 'x-token'],
        [ACMA, '60'],
        ['Vary', 'Origin'],
      ],
      [
        [ACAO, APP],
        [ACEH, 'ETag'],
        ['Vary', 'Origin'],
      ],
    ],
    [
      'preflight allowMethods, allowHeaders and maxAge null',
      {
        cors: shared,
        preflight: { cors: { allowMethods: null, allowHeaders: null, maxAge: null } },
      },
      [
        [ACAO, APP],
        [ACAC, 'true'],
        ['Vary', 'Origin'],
      ],
      [
        [ACAO, APP],
        [ACAC, 'true'],
        [ACEH, 'ETag'],
        ['Vary', 'Origin'],
      ],
    ],
    [
      'actual exposeHeaders null',
      { cors: shared, actual: { cors: { exposeHeaders: null } } },
      [
        [ACAO, APP],
        [ACAC, 'true'],
        [ACAM, 'PUT'],
        [ACAH, 'x-token'],
        [ACMA, '60'],
        ['Vary', 'Origin'],
      ],
      [
        [ACAO, APP],
        [ACAC, 'true'],
        ['Vary', 'Origin'],
      ],
    ],
    // null for a field the shared config leaves out changes nothing.
    [
      'null with nothing shared',
      {
        preflight: { cors: { allowOrigin: null, allowMethods: null } },
        actual: { cors: { exposeHeaders: null } },
      },
      [],
      [],
    ],
    // A value replaces the shared one on this response only.
    [
      'preflight allowOrigin "*" over reflect',
      { cors: shared, preflight: { cors: { allowOrigin: '*' } } },
      [
        [ACAO, '*'],
        [ACAC, 'true'],
        [ACAM, 'PUT'],
        [ACAH, 'x-token'],
        [ACMA, '60'],
      ],
      [
        [ACAO, APP],
        [ACAC, 'true'],
        [ACEH, 'ETag'],
        ['Vary', 'Origin'],
      ],
    ],
    [
      'actual allowOrigin allowList over reflect, missing',
      { cors: shared, actual: { cors: { allowOrigin: { allowList: [OTHER] } } } },
      [
        [ACAO, APP],
        [ACAC, 'true'],
        [ACAM, 'PUT'],
        [ACAH, 'x-token'],
        [ACMA, '60'],
        ['Vary', 'Origin'],
      ],
      [
        [ACAC, 'true'],
        [ACEH, 'ETag'],
        ['Vary', 'Origin'],
      ],
    ],
    [
      'preflight allowMethods, allowHeaders, maxAge and credentials replaced',
      {
        cors: shared,
        preflight: {
          cors: {
            allowMethods: '*',
            allowHeaders: { value: 'X' },
            maxAge: { value: '1' },
            allowCredentials: { value: 'TRUE' },
          },
        },
      },
      [
        [ACAO, APP],
        [ACAC, 'TRUE'],
        [ACAM, '*'],
        [ACAH, 'X'],
        [ACMA, '1'],
        ['Vary', 'Origin'],
      ],
      [
        [ACAO, APP],
        [ACAC, 'true'],
        [ACEH, 'ETag'],
        ['Vary', 'Origin'],
      ],
    ],
    [
      'actual exposeHeaders replaced',
      { cors: shared, actual: { cors: { exposeHeaders: '*' } } },
      [
        [ACAO, APP],
        [ACAC, 'true'],
        [ACAM, 'PUT'],
        [ACAH, 'x-token'],
        [ACMA, '60'],
        ['Vary', 'Origin'],
      ],
      [
        [ACAO, APP],
        [ACAC, 'true'],
        [ACEH, '*'],
        ['Vary', 'Origin'],
      ],
    ],
    // An override may set what the shared config leaves out.
    [
      'preflight-only allowOrigin and allowMethods',
      { preflight: { cors: { allowOrigin: '*', allowMethods: ['DELETE'] } } },
      [
        [ACAO, '*'],
        [ACAM, 'DELETE'],
      ],
      [],
    ],
    [
      'actual-only allowOrigin and credentials',
      { actual: { cors: { allowOrigin: { value: APP }, allowCredentials: true } } },
      [],
      [
        [ACAO, APP],
        [ACAC, 'true'],
      ],
    ],
  ];

  it.each(rows)('%s', (_name, input, preflight, actual) => {
    const built = config(input);
    expect(corsHeadersFor(built, 'preflight', fromApp)).toEqual(preflight);
    expect(corsHeadersFor(built, 'actual', fromApp)).toEqual(actual);
  });
});

describe('which headers belong where, and their order', () => {
  const every: CorsInput = {
    allowOrigin: 'reflect',
    allowCredentials: true,
    allowMethods: ['PUT', 'DELETE'],
    allowHeaders: ['x-token'],
    exposeHeaders: ['ETag'],
    maxAge: 600,
  };

  it('the preflight gets origin, credentials, methods, headers, max-age, then Vary', () => {
    expect(corsHeadersFor(config({ cors: every }), 'preflight', fromApp)).toEqual([
      [ACAO, APP],
      [ACAC, 'true'],
      [ACAM, 'PUT, DELETE'],
      [ACAH, 'x-token'],
      [ACMA, '600'],
      ['Vary', 'Origin'],
    ]);
  });

  it('the actual response gets origin, credentials, exposed headers, then Vary', () => {
    expect(corsHeadersFor(config({ cors: every }), 'actual', fromApp)).toEqual([
      [ACAO, APP],
      [ACAC, 'true'],
      [ACEH, 'ETag'],
      ['Vary', 'Origin'],
    ]);
  });

  it('reflected allow-headers take the allow-headers place, between methods and max-age', () => {
    const request = { origin: APP, requestHeaders: 'x-a, x-b' };
    expect(
      corsHeadersFor(config({ cors: { ...every, allowHeaders: 'reflect' } }), 'preflight', request),
    ).toEqual([
      [ACAO, APP],
      [ACAC, 'true'],
      [ACAM, 'PUT, DELETE'],
      [ACAH, 'x-a, x-b'],
      [ACMA, '600'],
      ['Vary', 'Origin, Access-Control-Request-Headers'],
    ]);
  });

  it('reflected allow-headers come right after credentials when no methods are sent', () => {
    const request = { origin: APP, requestHeaders: 'x-a' };
    expect(
      corsHeadersFor(
        config({
          cors: { allowOrigin: '*', allowCredentials: true, allowHeaders: 'reflect', maxAge: 5 },
        }),
        'preflight',
        request,
      ),
    ).toEqual([
      [ACAO, '*'],
      [ACAC, 'true'],
      [ACAH, 'x-a'],
      [ACMA, '5'],
      ['Vary', 'Access-Control-Request-Headers'],
    ]);
  });

  it('the names are written in canonical case', () => {
    const names = [
      ...corsHeadersFor(config({ cors: every }), 'preflight', fromApp),
      ...corsHeadersFor(config({ cors: every }), 'actual', fromApp),
    ].map(([name]) => name);
    expect(new Set(names)).toEqual(new Set([ACAO, ACAC, ACAM, ACAH, ACMA, ACEH, 'Vary']));
  });

  it('effectiveCors keeps only the fields of each response', () => {
    const built = config({ cors: { ...every, vary: 'off' } });
    expect(effectiveCors(built, 'preflight')).toEqual({
      allowOrigin: 'reflect',
      allowCredentials: true,
      allowMethods: ['PUT', 'DELETE'],
      allowHeaders: ['x-token'],
      maxAge: 600,
      vary: 'off',
    });
    expect(effectiveCors(built, 'actual')).toEqual({
      allowOrigin: 'reflect',
      allowCredentials: true,
      exposeHeaders: ['ETag'],
      vary: 'off',
    });
  });
});

describe('a compiled plan', () => {
  it('answers each request from the same compiled config', () => {
    const plan = compileCorsHeaders(
      config({ cors: { allowOrigin: { allowList: [APP, OTHER] }, allowHeaders: 'reflect' } }),
      'preflight',
    );
    expect(plan({ origin: APP, requestHeaders: 'x-a' })).toEqual([
      [ACAO, APP],
      [ACAH, 'x-a'],
      ['Vary', 'Origin, Access-Control-Request-Headers'],
    ]);
    expect(plan({ origin: 'http://third.test' })).toEqual([
      ['Vary', 'Origin, Access-Control-Request-Headers'],
    ]);
    expect(plan({ origin: OTHER, requestHeaders: 'x-b' })).toEqual([
      [ACAO, OTHER],
      [ACAH, 'x-b'],
      ['Vary', 'Origin, Access-Control-Request-Headers'],
    ]);
  });

  it('gives the same lines as corsHeadersFor', () => {
    const built = config({ cors: { allowOrigin: 'reflect', maxAge: 1 } });
    for (const kind of KINDS) {
      expect(compileCorsHeaders(built, kind)(fromApp)).toEqual(
        corsHeadersFor(built, kind, fromApp),
      );
    }
  });
});
