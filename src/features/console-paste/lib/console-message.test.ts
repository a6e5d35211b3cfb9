import { describe, expect, it } from 'vitest';
import { CORS_ERRORS, fetchStep, type CorsError } from '../../../cors/errors.ts';
import { explainCorsFailure } from '../../../cors/explain.ts';
import { MAX_PASTE_CHARS, parseConsoleMessage, type ConsoleReading } from './console-message.ts';

const URL_ = 'http://localhost:3000/api/items?page=2';
const ORIGIN = 'https://app.example.com';
const BLOCKED = `Access to fetch at '${URL_}' from origin '${ORIGIN}' has been blocked by CORS policy: `;
const PREFLIGHT = `${BLOCKED}Response to preflight request doesn't pass access control check: `;
const FIREFOX = `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${URL_}. (Reason: `;

function read(text: string): ConsoleReading {
  const parsed = parseConsoleMessage(text);
  if (!parsed.ok) throw new Error(`not recognised: ${text}`);
  return parsed.reading;
}

const gist = (reading: ConsoleReading) => ({
  corsErrors: reading.corsErrors,
  failedParameter: reading.failedParameter,
});

describe('Chromium 156, every observed form (reference/chromium-156-console.md)', () => {
  const rows: [string, string, CorsError, string?][] = [
    [
      'missing header',
      `${BLOCKED}No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
      'MissingAllowOriginHeader',
    ],
    [
      'preflight missing header',
      `${PREFLIGHT}No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
      'PreflightMissingAllowOriginHeader',
    ],
    ['preflight status', `${PREFLIGHT}It does not have HTTP ok status.`, 'PreflightInvalidStatus'],
    [
      'preflight mismatch',
      `${PREFLIGHT}The 'Access-Control-Allow-Origin' header has a value 'http://example.com' that is not equal to the supplied origin. Have the server send the header with a valid value.`,
      'PreflightAllowOriginMismatch',
      'http://example.com',
    ],
    [
      'preflight credentials empty',
      `${PREFLIGHT}The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'.`,
      'PreflightInvalidAllowCredentials',
      '',
    ],
    [
      'allow-methods unparsable',
      `${BLOCKED}Cannot parse Access-Control-Allow-Methods response header field in preflight response.`,
      'InvalidAllowMethodsPreflightResponse',
    ],
    [
      'allow-headers unparsable',
      `${BLOCKED}Cannot parse Access-Control-Allow-Headers response header field in preflight response.`,
      'InvalidAllowHeadersPreflightResponse',
    ],
    [
      'method PUT',
      `${BLOCKED}Method PUT is not allowed by Access-Control-Allow-Methods in preflight response.`,
      'MethodDisallowedByPreflightResponse',
      'PUT',
    ],
    [
      'method patch',
      `${BLOCKED}Method patch is not allowed by Access-Control-Allow-Methods in preflight response.`,
      'MethodDisallowedByPreflightResponse',
      'patch',
    ],
    [
      'header x-custom',
      `${BLOCKED}Request header field x-custom is not allowed by Access-Control-Allow-Headers in preflight response.`,
      'HeaderDisallowedByPreflightResponse',
      'x-custom',
    ],
    [
      'header authorization',
      `${BLOCKED}Request header field authorization is not allowed by Access-Control-Allow-Headers in preflight response.`,
      'HeaderDisallowedByPreflightResponse',
      'authorization',
    ],
    [
      'multiple values',
      `${BLOCKED}The 'Access-Control-Allow-Origin' header contains multiple values '${ORIGIN}, ${ORIGIN}', but only one is allowed. Have the server send the header with a valid value.`,
      'MultipleAllowOriginValues',
      `${ORIGIN}, ${ORIGIN}`,
    ],
    [
      'trailing slash',
      `${BLOCKED}The 'Access-Control-Allow-Origin' header has a value '${ORIGIN}/' that is not equal to the supplied origin. Have the server send the header with a valid value.`,
      'AllowOriginMismatch',
      `${ORIGIN}/`,
    ],
    [
      'null',
      `${BLOCKED}The 'Access-Control-Allow-Origin' header has a value 'null' that is not equal to the supplied origin. Have the server send the header with a valid value.`,
      'AllowOriginMismatch',
      'null',
    ],
    [
      'invalid value',
      `${BLOCKED}The 'Access-Control-Allow-Origin' header contains the invalid value 'foo'. Have the server send the header with a valid value.`,
      'InvalidAllowOriginValue',
      'foo',
    ],
    [
      'wildcard',
      `${BLOCKED}The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.`,
      'WildcardOriginNotAllowed',
    ],
    [
      'preflight wildcard',
      `${PREFLIGHT}The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.`,
      'PreflightWildcardOriginNotAllowed',
    ],
    [
      'credentials True',
      `${BLOCKED}The value of the 'Access-Control-Allow-Credentials' header in the response is 'True' which must be 'true' when the request's credentials mode is 'include'.`,
      'InvalidAllowCredentials',
      'True',
    ],
    [
      'preflight multiple',
      `${PREFLIGHT}The 'Access-Control-Allow-Origin' header contains multiple values '${ORIGIN}, ${ORIGIN}', but only one is allowed. Have the server send the header with a valid value.`,
      'PreflightMultipleAllowOriginValues',
      `${ORIGIN}, ${ORIGIN}`,
    ],
    [
      'preflight redirect',
      `${PREFLIGHT}Redirect is not allowed for a preflight request.`,
      'PreflightDisallowedRedirect',
    ],
  ];
  it.each(rows)('%s', (_name, text, corsError, failedParameter) => {
    const reading = read(text);
    expect(reading).toMatchObject({ engine: 'chromium', url: URL_, pageOrigin: ORIGIN });
    expect(gist(reading)).toEqual({ corsErrors: [corsError], failedParameter });
  });
});

describe('older Chromium wording (reference/cors-error-reasons.json)', () => {
  it('the no-cors hint after the missing-header message is read past', () => {
    const text = `${BLOCKED}No 'Access-Control-Allow-Origin' header is present on the requested resource. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.`;
    expect(gist(read(text))).toEqual({
      corsErrors: ['MissingAllowOriginHeader'],
      failedParameter: undefined,
    });
  });
  it('a value quoted before the long no-cors tail', () => {
    const text = `${BLOCKED}The 'Access-Control-Allow-Origin' header has a value 'http://a' that is not equal to the supplied origin. Have the server send the header with a valid value, or, if an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.`;
    expect(read(text).failedParameter).toBe('http://a');
  });
  it('a preflight multiple-values message without the "valid value" sentence', () => {
    const text = `${PREFLIGHT}The 'Access-Control-Allow-Origin' header contains multiple values 'a, b', but only one is allowed.`;
    expect(gist(read(text))).toEqual({
      corsErrors: ['PreflightMultipleAllowOriginValues'],
      failedParameter: 'a, b',
    });
  });
  it('the network-service variant of DisallowedByMode', () => {
    expect(
      read(`${BLOCKED}Cross origin requests are not allowed by request mode.`).corsErrors,
    ).toEqual(['DisallowedByMode']);
  });
  it('XMLHttpRequest instead of fetch', () => {
    const text = `Access to XMLHttpRequest at '${URL_}' from origin '${ORIGIN}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.`;
    expect(read(text)).toMatchObject({ url: URL_, corsErrors: ['MissingAllowOriginHeader'] });
  });
});

describe('every message the model writes reads back as its code and value', () => {
  const parameters: Partial<Record<CorsError, string>> = {
    MultipleAllowOriginValues: `${ORIGIN}, ${ORIGIN}`,
    PreflightMultipleAllowOriginValues: `${ORIGIN}, *`,
    InvalidAllowOriginValue: 'foo',
    PreflightInvalidAllowOriginValue: '',
    AllowOriginMismatch: `${ORIGIN}/`,
    PreflightAllowOriginMismatch: "http://it's.example",
    InvalidAllowCredentials: 'True',
    PreflightInvalidAllowCredentials: '',
    PreflightInvalidAllowExternal: 'false',
    MethodDisallowedByPreflightResponse: 'patch',
    HeaderDisallowedByPreflightResponse: 'x-custom',
    RedirectContainsCredentials: 'http://user:pass@localhost:5175/x',
    InsecureLocalNetwork: 'local',
    InvalidLocalNetworkAccess: 'loopback',
    LocalNetworkAccessPermissionDenied: 'local',
    CorsDisabledScheme: 'ftp',
  };
  it.each(CORS_ERRORS)('%s', (corsError) => {
    const failedParameter = parameters[corsError] ?? '';
    const wording = explainCorsFailure({
      failure: { corsError, failedParameter, step: fetchStep('concept-cors-check', '1') },
      stage: corsError.startsWith('Preflight')
        ? 'preflight'
        : corsError === 'CorsDisabledScheme'
          ? 'request'
          : 'actual',
      url: URL_,
      initialUrl: URL_,
      origin: ORIGIN,
      serializedOrigin: ORIGIN,
      method: 'GET',
      credentials: 'include',
    });
    const reading = read(`index.js:3 ${wording.console}\n  GET ${URL_} net::ERR_FAILED`);
    expect(reading.corsErrors).toEqual([corsError]);
    expect(reading.failedParameter ?? '').toBe(failedParameter);
    expect(reading.url).toBe(URL_);
  });
});

describe('what surrounds the message in a console copy', () => {
  it('the request line gives the method and the status', () => {
    const text = `app.js:12 ${BLOCKED}No 'Access-Control-Allow-Origin' header is present on the requested resource.\napp.js:12  PUT ${URL_} net::ERR_FAILED 200 (OK)`;
    expect(read(text)).toMatchObject({ method: 'PUT', status: 200 });
  });
  it('a message wrapped over several lines reads as one', () => {
    const text = `Access to fetch at '${URL_}' from origin\n'${ORIGIN}' has been blocked by CORS policy:\nMethod DELETE is not allowed by\nAccess-Control-Allow-Methods in preflight response.`;
    expect(gist(read(text))).toEqual({
      corsErrors: ['MethodDisallowedByPreflightResponse'],
      failedParameter: 'DELETE',
    });
  });
  it('a redirect names both URLs', () => {
    const text = `Access to fetch at 'http://b.test/x' (redirected from '${URL_}') from origin '${ORIGIN}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.`;
    expect(read(text)).toMatchObject({ url: 'http://b.test/x', redirectedFrom: URL_ });
  });
  it('an unknown reason still gives the URL and origin, and says what it could not read', () => {
    const reading = read(`${BLOCKED}Something new in Chromium 200.`);
    expect(reading).toMatchObject({ url: URL_, pageOrigin: ORIGIN, corsErrors: [] });
    expect(reading.gaps).toHaveLength(1);
  });
});

describe("Chromium's renderer refusals (fetch_manager.cc)", () => {
  it('same-origin mode', () => {
    const text = `Fetch API cannot load ${URL_}. Request mode is "same-origin" but the URL's origin is not same as the request origin ${ORIGIN}.`;
    expect(read(text)).toMatchObject({
      url: URL_,
      pageOrigin: ORIGIN,
      corsErrors: ['DisallowedByMode'],
    });
  });
  it('no-cors with a redirect mode other than follow', () => {
    const text = `Fetch API cannot load ${URL_}. Request mode is "no-cors" but the redirect mode is not "follow".`;
    expect(read(text)).toMatchObject({ url: URL_, corsErrors: ['NoCorsRedirectModeNotFollow'] });
  });
  it('an unsupported scheme', () => {
    expect(
      gist(read('Fetch API cannot load ftp://x/y. URL scheme "ftp" is not supported.')),
    ).toEqual({ corsErrors: ['CorsDisabledScheme'], failedParameter: 'ftp' });
  });
});

describe('Chromium, when the server was never reached: not CORS', () => {
  it.each([
    ['ERR_CONNECTION_REFUSED', 'refused'],
    ['ERR_NAME_NOT_RESOLVED', 'DNS'],
    ['ERR_CERT_AUTHORITY_INVALID', 'TLS'],
  ])('%s', (error, word) => {
    const reading = read(`GET ${URL_} net::${error}`);
    expect(reading).toMatchObject({ corsErrors: [], url: URL_, method: 'GET' });
    expect(reading.network).toContain(word);
  });
});

describe('Firefox, every blocking reason (reference/cors-error-reasons.json), curly or straight quotes', () => {
  const MISMATCH_FAMILY: CorsError[] = [
    'MultipleAllowOriginValues',
    'PreflightMultipleAllowOriginValues',
    'InvalidAllowOriginValue',
    'PreflightInvalidAllowOriginValue',
    'AllowOriginMismatch',
    'PreflightAllowOriginMismatch',
  ];
  const first = (code: CorsError) => [code, ...MISMATCH_FAMILY.filter((other) => other !== code)];
  const rows: [string, CorsError[], string?, boolean?][] = [
    [
      'CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.',
      ['MissingAllowOriginHeader', 'PreflightMissingAllowOriginHeader'],
    ],
    [
      "Multiple CORS header 'Access-Control-Allow-Origin' not allowed).",
      ['MultipleAllowOriginValues', 'PreflightMultipleAllowOriginValues'],
    ],
    [
      'CORS header ‘Access-Control-Allow-Origin’ does not match ‘https://app.example.com/’).',
      first('AllowOriginMismatch'),
      'https://app.example.com/',
    ],
    [
      "CORS header 'Access-Control-Allow-Origin' does not match 'a.test, b.test').",
      first('MultipleAllowOriginValues'),
      'a.test, b.test',
    ],
    [
      'CORS header ‘Access-Control-Allow-Origin’ does not match ‘foo’).',
      first('InvalidAllowOriginValue'),
      'foo',
    ],
    [
      'Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).',
      ['WildcardOriginNotAllowed', 'PreflightWildcardOriginNotAllowed'],
    ],
    [
      'expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).',
      ['InvalidAllowCredentials', 'PreflightInvalidAllowCredentials'],
    ],
    [
      'CORS preflight response did not succeed). Status code: 404.',
      ['PreflightInvalidStatus', 'InvalidResponse'],
    ],
    [
      'invalid token ‘GET POST’ in CORS header ‘Access-Control-Allow-Methods’).',
      ['InvalidAllowMethodsPreflightResponse'],
      'GET POST',
    ],
    [
      'Did not find method in CORS header ‘Access-Control-Allow-Methods’).',
      ['MethodDisallowedByPreflightResponse'],
    ],
    [
      "invalid token 'a b' in CORS header 'Access-Control-Allow-Headers').",
      ['InvalidAllowHeadersPreflightResponse'],
      'a b',
    ],
    [
      'header ‘x-custom’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).',
      ['HeaderDisallowedByPreflightResponse'],
      'x-custom',
    ],
    ['CORS request not HTTP).', ['CorsDisabledScheme']],
    ['CORS request external redirect not allowed).', ['PreflightDisallowedRedirect']],
    ['CORS request did not succeed). Status code: (null).', [], undefined, true],
    ['CORS disabled).', []],
    ['CORS header ‘Origin’ cannot be added).', []],
  ];
  it.each(rows)('%s', (reason, corsErrors, failedParameter, network) => {
    const reading = read(`${FIREFOX}${reason}`);
    expect(reading).toMatchObject({ engine: 'firefox', url: URL_ });
    expect(gist(reading)).toEqual({ corsErrors, failedParameter });
    expect(reading.network !== undefined).toBe(network === true);
    expect(reading.pageOrigin).toBeUndefined();
  });
  it('the status code', () => {
    expect(
      read(`${FIREFOX}CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 403.`)
        .status,
    ).toBe(403);
  });
  it('an unknown reason is recognised as Firefox, saying what it could not read', () => {
    const reading = read(`${FIREFOX}Something else).`);
    expect(reading).toMatchObject({ engine: 'firefox', corsErrors: [] });
  });
});

describe("Safari's forms (WebKit CrossOriginAccessControl.cpp, CrossOriginPreflightResultCache.cpp)", () => {
  const LOAD = `Fetch API cannot load ${URL_} due to access control checks.`;
  it('a real three-line paste: origin, then the URL, then the resource line', () => {
    const text = `[Error] Origin http://localhost:3000 is not allowed by Access-Control-Allow-Origin. Status code: 200\n[Error] ${LOAD}\n[Error] Failed to load resource: Origin http://localhost:3000 is not allowed by Access-Control-Allow-Origin. Status code: 200 (login, line 0)`;
    const reading = read(text);
    expect(reading).toMatchObject({
      engine: 'safari',
      url: URL_,
      pageOrigin: 'http://localhost:3000',
      status: 200,
    });
    expect(reading.corsErrors[0]).toBe('MissingAllowOriginHeader');
    expect(reading.corsErrors).toContain('AllowOriginMismatch');
  });
  const rows: [string, CorsError[], string?][] = [
    [
      'Preflight response is not successful. Status code: 404',
      ['PreflightInvalidStatus', 'PreflightMissingAllowOriginHeader'],
    ],
    [
      'Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.',
      ['WildcardOriginNotAllowed', 'PreflightWildcardOriginNotAllowed'],
    ],
    [
      'Access-Control-Allow-Origin cannot contain more than one origin.',
      ['MultipleAllowOriginValues', 'PreflightMultipleAllowOriginValues'],
    ],
    [
      'Credentials flag is true, but Access-Control-Allow-Credentials is not "true".',
      ['InvalidAllowCredentials', 'PreflightInvalidAllowCredentials'],
    ],
    [
      'Method PATCH is not allowed by Access-Control-Allow-Methods.',
      ['MethodDisallowedByPreflightResponse'],
      'PATCH',
    ],
    [
      'Request header field X-Custom is not allowed by Access-Control-Allow-Headers.',
      ['HeaderDisallowedByPreflightResponse'],
      'X-Custom',
    ],
  ];
  it.each(rows)('%s', (reason, corsErrors, failedParameter) => {
    const reading = read(`${reason}\n${LOAD}`);
    expect(reading).toMatchObject({ engine: 'safari', url: URL_ });
    expect(gist(reading)).toEqual({ corsErrors, failedParameter });
  });
  it('the preflight status', () => {
    expect(read(`Preflight response is not successful. Status code: 405\n${LOAD}`).status).toBe(
      405,
    );
  });
  it('the reason line alone asks for the URL line', () => {
    const reading = read('Method PUT is not allowed by Access-Control-Allow-Methods.');
    expect(reading.url).toBeUndefined();
    expect(reading.gaps.join(' ')).toContain('paste it too');
  });
  it('the URL line alone asks for the reason line', () => {
    const reading = read(LOAD);
    expect(reading).toMatchObject({ url: URL_, corsErrors: [] });
    expect(reading.gaps.join(' ')).toContain('paste that line too');
  });
});

describe('not recognised', () => {
  it.each([
    ['nothing', ''],
    ['spaces', '   \n\t '],
    ['prose', 'My API does not work, please help'],
    ['HTML', "<img src=x onerror=alert(1)> Access to fetch at '"],
    ['JSON', '{"error":"cors"}'],
    ['a net error that is not about reaching the server', `GET ${URL_} net::ERR_FAILED 200 (OK)`],
  ])('%s', (_name, text) => {
    const parsed = parseConsoleMessage(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.expected.length).toBeGreaterThan(3);
  });
  it('only the JavaScript error: says where the reason is', () => {
    const parsed = parseConsoleMessage('Uncaught (in promise) TypeError: Failed to fetch');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain('console');
  });
});

describe('huge input is bounded', () => {
  it('a message after the first MAX_PASTE_CHARS characters is not read, and the answer says so', () => {
    const text = `${'x'.repeat(MAX_PASTE_CHARS)}${BLOCKED}It does not have HTTP ok status.`;
    const parsed = parseConsoleMessage(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(String(MAX_PASTE_CHARS));
  });
  it.each([
    ['repeated prefixes', "Access to fetch at '".repeat(50_000)],
    [
      'repeated quotes',
      `${BLOCKED}The 'Access-Control-Allow-Origin' header has a value '${"'".repeat(200_000)}`,
    ],
    ['a megabyte of one line', 'a'.repeat(1 << 20)],
  ])('%s: answers, without reading past the bound', (_name, text) => {
    expect(parseConsoleMessage(text).ok).toBeDefined();
  });
});
