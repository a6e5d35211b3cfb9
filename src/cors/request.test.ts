import { describe, expect, it } from 'vitest';
import { requestConstructor, type RequestDraft, type RequestTypeError } from './request.ts';
import { testDraft as draft } from './test-drafts.ts';

// Omit on each member of the union, so every member keeps its own fields.
type WithStepNumber<T> = T extends unknown ? Omit<T, 'step'> & { step: string } : never;

function typeError(overrides: Partial<RequestDraft>) {
  const result = requestConstructor(draft(overrides));
  if (!('typeError' in result)) return undefined;
  const { step, ...error } = result.typeError;
  return { ...error, step: step.number } as WithStepNumber<RequestTypeError>;
}

describe('what fetch() rejects before sending anything, in Chromium order', () => {
  it.each<[string, Partial<RequestDraft>, ReturnType<typeof typeError>]>([
    [
      'WebIDL: a header value above U+00FF',
      { headers: [['X-A', '\u20ac']], url: 'http://[' },
      { kind: 'non-latin1', member: 'headers', step: '2' },
    ],
    [
      'WebIDL: a header name above U+00FF',
      { headers: [['X-\u20ac', 'a']] },
      { kind: 'non-latin1', member: 'headers', step: '2' },
    ],
    [
      'WebIDL: a method above U+00FF, after the headers',
      { method: 'G\u20acT' },
      { kind: 'non-latin1', member: 'method', step: '2' },
    ],
    [
      'step 5.2: a URL that does not parse',
      { url: 'http://[', method: 'CONNECT' },
      { kind: 'invalid-url', url: 'http://[', step: '5.2' },
    ],
    [
      'step 5.2: a relative URL from an opaque origin',
      { url: '/x', origin: 'null' },
      { kind: 'invalid-url', url: '/x', step: '5.2' },
    ],
    [
      'step 5.3: a URL with credentials, before the method',
      { url: 'http://u:p@localhost:5174/', method: 'CONNECT' },
      { kind: 'url-credentials', url: 'http://u:p@localhost:5174/', step: '5.3' },
    ],
    [
      'WebIDL: a header above U+00FF, before only-if-cached',
      { headers: [['X-A', '\u20ac']], cache: 'only-if-cached' },
      { kind: 'non-latin1', member: 'headers', step: '2' },
    ],
    [
      'step 5.3: a URL with credentials, before only-if-cached',
      { url: 'http://u:p@localhost:5174/', cache: 'only-if-cached' },
      { kind: 'url-credentials', url: 'http://u:p@localhost:5174/', step: '5.3' },
    ],
    [
      'step 21: only-if-cached in cors mode, before the method, the headers and the body',
      { cache: 'only-if-cached', method: 'TRACE', headers: [['x y', '1']], body: 'x' },
      { kind: 'only-if-cached-mode', mode: 'cors', step: '21' },
    ],
    [
      'step 21: only-if-cached in no-cors mode, before its method check',
      { cache: 'only-if-cached', mode: 'no-cors', method: 'PUT' },
      { kind: 'only-if-cached-mode', mode: 'no-cors', step: '21' },
    ],
    [
      'step 25.2: a method that is not a token, before the headers',
      { method: 'G T', headers: [['x y', '1']] },
      { kind: 'invalid-method', method: 'G T', step: '25.2' },
    ],
    [
      'step 25.2: a forbidden method, as typed',
      { method: 'trace', body: 'x' },
      { kind: 'forbidden-method', method: 'trace', step: '25.2' },
    ],
    [
      'step 32.1: no-cors with a method other than GET/HEAD/POST, normalized',
      { mode: 'no-cors', method: 'put', headers: [['x y', '1']] },
      { kind: 'no-cors-method', method: 'PUT', step: '32.1' },
    ],
    [
      'step 33: a header name that is not a token, before the body check',
      { headers: [['x y', '1']], body: 'x' },
      { kind: 'invalid-header-name', name: 'x y', step: '1' },
    ],
    [
      'step 33: a header value with a line break inside',
      { headers: [['X-A', 'a\nb']] },
      { kind: 'invalid-header-value', name: 'X-A', step: '1' },
    ],
    ['step 35: a body on GET', { body: 'x' }, { kind: 'body-with-get-or-head', step: '35' }],
    [
      'step 35: a body on HEAD',
      { method: 'head', body: '' },
      { kind: 'body-with-get-or-head', step: '35' },
    ],
  ])('%s', (_, overrides, expected) => {
    expect(typeError(overrides)).toEqual(expected);
  });
});

function built(overrides: Partial<RequestDraft>) {
  const result = requestConstructor(draft(overrides));
  if ('typeError' in result) throw new Error(result.typeError.kind);
  return result.request;
}

describe('the request fetch() builds', () => {
  it('step 5.1: resolves a relative URL against the page', () => {
    expect(built({ url: '/api?q=1' }).url.href).toBe('http://localhost:5173/api?q=1');
  });

  it('step 25.3: normalizes the six well-known methods only', () => {
    expect(built({ method: 'delete' }).method).toBe('DELETE');
    expect(built({ method: 'patch' }).method).toBe('patch');
  });

  it('headers: trims values, silently drops forbidden ones, keeps the rest in order', () => {
    const request = built({
      headers: [
        ['X-B', ' 1 '],
        ['Cookie', 'a=b'],
        ['Sec-Fetch-Mode', 'navigate'],
        ['X-HTTP-Method-Override', 'TRACE'],
        ['Authorization', 'Bearer t'],
      ],
    });
    expect(request.headers).toEqual([
      ['X-B', '1'],
      ['Authorization', 'Bearer t'],
    ]);
    expect(request.dropped).toEqual([
      { name: 'Cookie', value: 'a=b', reason: 'forbidden-name' },
      { name: 'Sec-Fetch-Mode', value: 'navigate', reason: 'forbidden-prefix' },
      { name: 'X-HTTP-Method-Override', value: 'TRACE', reason: 'forbidden-method-override' },
    ]);
  });

  it('no-cors: keeps only no-CORS-safelisted headers, judged on the combined value', () => {
    const request = built({
      mode: 'no-cors',
      headers: [
        ['Accept', 'text/html'],
        ['Accept', 'a(b)'],
        ['Content-Type', 'application/json'],
        ['Range', 'bytes=0-1'],
        ['X-A', '1'],
      ],
    });
    expect(request.headers).toEqual([['Accept', 'text/html']]);
    expect(request.dropped.map(({ name, reason }) => [name, reason])).toEqual([
      ['Accept', 'no-cors-not-safelisted'],
      ['Content-Type', 'no-cors-not-safelisted'],
      ['Range', 'no-cors-not-safelisted'],
      ['X-A', 'no-cors-not-safelisted'],
    ]);
  });

  it('NOTE(chromium): lines of one name are combined, named as first written', () => {
    expect(
      built({
        headers: [
          ['X-B', '1'],
          ['x-a', '2'],
          ['X-A', '3'],
        ],
      }).headers,
    ).toEqual([
      ['X-B', '1'],
      ['x-a', '2, 3'],
    ]);
  });

  it('step 37.4: a string body adds Content-Type text/plain;charset=UTF-8 unless one is set', () => {
    expect(built({ method: 'POST', body: 'x' }).headers).toEqual([
      ['Content-Type', 'text/plain;charset=UTF-8'],
    ]);
    expect(
      built({ method: 'POST', body: 'x', headers: [['content-type', 'application/json']] }).headers,
    ).toEqual([['content-type', 'application/json']]);
    expect(built({ method: 'POST', body: 'x' }).hasBody).toBe(true);
    expect(built({}).hasBody).toBe(false);
  });

  it('step 20: the cache mode, `default` unless given; only-if-cached in same-origin mode', () => {
    expect(built({}).cache).toBe('default');
    expect(built({ cache: 'no-store' }).cache).toBe('no-store');
    expect(built({ cache: 'only-if-cached', mode: 'same-origin' }).cache).toBe('only-if-cached');
  });

  it('NOTE(chromium): User-Agent is dropped, though the spec no longer forbids it', () => {
    const request = built({
      headers: [
        ['user-agent', 'my-app/1.0'],
        ['X-A', '1'],
      ],
    });
    expect(request.headers).toEqual([['X-A', '1']]);
    expect(request.dropped).toEqual([
      { name: 'user-agent', value: 'my-app/1.0', reason: 'chromium-forbidden-name' },
    ]);
  });

  it('keeps the page origin canonical and the modes as given', () => {
    const request = built({
      origin: 'HTTP://LOCALHOST:5173',
      credentials: 'include',
      redirect: 'manual',
      mode: 'same-origin',
    });
    expect([request.origin, request.credentials, request.redirect, request.mode]).toEqual([
      'http://localhost:5173',
      'include',
      'manual',
      'same-origin',
    ]);
  });
});
