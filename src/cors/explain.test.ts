import { describe, expect, it } from 'vitest';
import { CORS_ERRORS, fetchStep, type CorsError } from './errors.ts';
import { evaluate, type Verdict, type WireHop } from './evaluate.ts';
import {
  explain,
  explainCacheLookup,
  explainCorsFailure,
  explainDroppedHeader,
  explainExposure,
  explainPreflightDecision,
  explainPreflightReason,
  explainWarning,
  jsResultText,
  typeErrorMessage,
  type FailureContext,
} from './explain.ts';
import type { ExposureReason } from './exposure.ts';
import type { Header } from './headers.ts';
import type { CacheMissReason } from './preflight-cache.ts';
import type { DroppedHeaderReason, RequestDraft, RequestTypeError } from './request.ts';
import type { UnsafeHeaderReason } from './safelist.ts';
import {
  ACAO,
  ALLOW_PAGE,
  TEST_PAGE as PAGE,
  TEST_TARGET as TARGET,
  testDraft,
} from './test-drafts.ts';

const SECOND = 'http://localhost:5175/s/1/y';
const PREFIX = `Access to fetch at '${TARGET}' from origin '${PAGE}' has been blocked by CORS policy: `;
const PREFLIGHT_PREFIX = `${PREFIX}Response to preflight request doesn't pass access control check: `;

function verdict(overrides: Partial<RequestDraft>, hops: WireHop[]): Verdict {
  return evaluate({
    draft: testDraft(overrides),
    hops,
    now: 0,
  });
}
const res = (status: number, ...headers: Header[]) => ({ status, headers });

// Firefox 153's words, as its console prints them (the runner holds them to the browser):
// the reason code MDN documents, the status for the codes that print one.
describe('in Firefox', () => {
  const FIREFOX_PREFIX = `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${TARGET}. (Reason: `;
  const inFirefox = (judged: Verdict, wire: WireHop[]) =>
    explain(judged, undefined, { browser: 'firefox', wire });

  it("names the failing check with Firefox's code and prints Firefox's console line", () => {
    const wire = [{ response: res(200) }];
    const explanation = inFirefox(verdict({}, wire), wire);
    expect(explanation.check).toBe('CORSMissingAllowOrigin');
    expect(explanation.console).toBe(
      `${FIREFOX_PREFIX}CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.`,
    );
    expect(explanation.js).toBe('TypeError: NetworkError when attempting to fetch resource.');
    expect(explain(verdict({}, wire)).check).toBe('MissingAllowOriginHeader');
  });

  it("a preflight's failure prints the preflight's status", () => {
    const wire = [{ preflight: res(404) }];
    const explanation = inFirefox(verdict({ method: 'PUT' }, wire), wire);
    expect(explanation.console).toBe(
      `${FIREFOX_PREFIX}CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 404.`,
    );
  });

  it('a failure Firefox prints no CORS message for keeps the model’s name and no console line', () => {
    const refused = verdict({ mode: 'same-origin' }, []);
    const explanation = inFirefox(refused, []);
    expect(explanation.check).toBe('DisallowedByMode');
    expect(explanation.console).toBeUndefined();
  });

  // Each as Firefox 153 rejected fetch() with it.
  it.each<[RequestTypeError['kind'], Partial<RequestDraft>, string]>([
    [
      'invalid-url',
      { url: 'http://exa mple.com:99999/' },
      'http://exa mple.com:99999/ is not a valid URL.',
    ],
    [
      'url-credentials',
      { url: 'http://u:p@localhost:1/x' },
      'http://u:p@localhost:1/x is an url with embedded credentials.',
    ],
    [
      'only-if-cached-mode',
      { cache: 'only-if-cached' },
      "Request mode 'cors' was used, but request cache mode 'only-if-cached' can only be used with request mode 'same-origin'.",
    ],
    ['invalid-method', { method: 'G T' }, 'Invalid request method G T.'],
    ['forbidden-method', { method: 'CONNECT' }, 'Invalid request method CONNECT.'],
    ['no-cors-method', { method: 'PUT', mode: 'no-cors' }, 'Invalid request method PUT.'],
    ['invalid-header-name', { headers: [['X A', '1']] }, 'x a is an invalid header name.'],
    ['body-with-get-or-head', { body: 'x' }, 'HEAD or GET Request cannot have a body.'],
  ])("fetch()'s TypeError for %s, in Firefox's words", (kind, draft, message) => {
    const refused = verdict(draft, []);
    expect(refused.outcome === 'type-error' && refused.typeError.kind).toBe(kind);
    expect(inFirefox(refused, []).js).toBe(`TypeError: Window.fetch: ${message}`);
  });

  it('a TypeError quoting what the model does not keep says what Firefox quotes', () => {
    const refused = verdict({ headers: [['X-A', 'a\u0000b']] }, []);
    expect(inFirefox(refused, []).js).toBe(
      'TypeError: Window.fetch: … is an invalid header value. (Firefox quotes the value of X-A.)',
    );
    expect(inFirefox(verdict({ headers: [['X-A', 'é€']] }, []), []).js).toMatch(
      /to ByteString because .* \(Firefox names the header's character and its index\.\)$/,
    );
    expect(inFirefox(verdict({ method: 'G€T' }, []), []).js).toMatch(/the method's character/);
  });

  it('the preflight cache in Firefox: keyed by credentials both ways, and named', () => {
    expect(explainCacheLookup({ hit: false, reason: 'credentials' }, 'firefox')).toBe(
      'The cached preflight was made with another credentials mode: Firefox keeps the answers for requests with and without credentials apart.',
    );
    expect(explainCacheLookup({ hit: false, reason: 'cache-mode' }, 'firefox')).toMatch(
      /makes Firefox skip the preflight cache/,
    );
    expect(explainCacheLookup({ hit: false, reason: 'redirect-tainted' })).toMatch(
      /Chromium never reuses/,
    );
  });

  it("a network error has Firefox's TypeError and no Chromium net:: line", () => {
    const wire = [{ response: res(100) }];
    const explanation = inFirefox(verdict({}, wire), wire);
    expect(explanation.console).toBeUndefined();
    expect(explanation.js).toBe('TypeError: NetworkError when attempting to fetch resource.');
    expect(explain(verdict({}, wire)).console).toBe(
      'Failed to load resource: net::ERR_EMPTY_RESPONSE',
    );
  });
});

// Chromium 156's console text, as observed (reference/chromium-156-console.md and this repo's
// own runs): filled with the real URL, origin and value.
describe('console messages, as Chromium 156 prints them', () => {
  it.each<[string, Partial<RequestDraft>, WireHop[], string]>([
    [
      'MissingAllowOriginHeader',
      {},
      [{ response: res(200) }],
      `${PREFIX}No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
    ],
    [
      'AllowOriginMismatch (trailing slash)',
      {},
      [{ response: res(200, [ACAO, `${PAGE}/`]) }],
      `${PREFIX}The 'Access-Control-Allow-Origin' header has a value '${PAGE}/' that is not equal to the supplied origin. Have the server send the header with a valid value.`,
    ],
    [
      'MultipleAllowOriginValues',
      {},
      [{ response: res(200, [ACAO, PAGE], [ACAO, PAGE]) }],
      `${PREFIX}The 'Access-Control-Allow-Origin' header contains multiple values '${PAGE}, ${PAGE}', but only one is allowed. Have the server send the header with a valid value.`,
    ],
    [
      'InvalidAllowOriginValue',
      {},
      [{ response: res(200, [ACAO, 'foo']) }],
      `${PREFIX}The 'Access-Control-Allow-Origin' header contains the invalid value 'foo'. Have the server send the header with a valid value.`,
    ],
    [
      'WildcardOriginNotAllowed',
      { credentials: 'include' },
      [{ response: res(200, [ACAO, '*']) }],
      `${PREFIX}The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.`,
    ],
    [
      'InvalidAllowCredentials',
      { credentials: 'include' },
      [{ response: res(200, [ACAO, PAGE], ['Access-Control-Allow-Credentials', 'True']) }],
      `${PREFIX}The value of the 'Access-Control-Allow-Credentials' header in the response is 'True' which must be 'true' when the request's credentials mode is 'include'.`,
    ],
    [
      'PreflightMissingAllowOriginHeader',
      { method: 'PUT' },
      [{ preflight: res(404) }],
      `${PREFLIGHT_PREFIX}No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
    ],
    [
      'PreflightInvalidStatus',
      { method: 'PUT' },
      [{ preflight: res(404, [ACAO, PAGE]) }],
      `${PREFLIGHT_PREFIX}It does not have HTTP ok status.`,
    ],
    [
      'PreflightAllowOriginMismatch',
      { method: 'PUT' },
      [{ preflight: res(204, [ACAO, 'http://example.com']) }],
      `${PREFLIGHT_PREFIX}The 'Access-Control-Allow-Origin' header has a value 'http://example.com' that is not equal to the supplied origin. Have the server send the header with a valid value.`,
    ],
    [
      'PreflightMultipleAllowOriginValues',
      { method: 'PUT' },
      [{ preflight: res(204, [ACAO, PAGE], [ACAO, PAGE]) }],
      `${PREFLIGHT_PREFIX}The 'Access-Control-Allow-Origin' header contains multiple values '${PAGE}, ${PAGE}', but only one is allowed. Have the server send the header with a valid value.`,
    ],
    [
      'PreflightInvalidAllowOriginValue',
      { method: 'PUT' },
      [{ preflight: res(204, [ACAO, 'foo']) }],
      `${PREFLIGHT_PREFIX}The 'Access-Control-Allow-Origin' header contains the invalid value 'foo'. Have the server send the header with a valid value.`,
    ],
    [
      'PreflightWildcardOriginNotAllowed',
      { method: 'PUT', credentials: 'include' },
      [{ preflight: res(204, [ACAO, '*']) }],
      `${PREFLIGHT_PREFIX}The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.`,
    ],
    [
      'PreflightInvalidAllowCredentials',
      { method: 'PUT', credentials: 'include' },
      [{ preflight: res(204, [ACAO, PAGE]) }],
      `${PREFLIGHT_PREFIX}The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'.`,
    ],
    [
      'PreflightDisallowedRedirect',
      { method: 'PUT' },
      [{ preflight: res(302, ['Location', SECOND]) }],
      `${PREFLIGHT_PREFIX}Redirect is not allowed for a preflight request.`,
    ],
    [
      'InvalidAllowMethodsPreflightResponse',
      { method: 'PUT' },
      [{ preflight: res(204, [ACAO, PAGE], ['Access-Control-Allow-Methods', 'P UT']) }],
      `${PREFIX}Cannot parse Access-Control-Allow-Methods response header field in preflight response.`,
    ],
    [
      'InvalidAllowHeadersPreflightResponse',
      { headers: [['X-A', '1']] },
      [{ preflight: res(204, [ACAO, PAGE], ['Access-Control-Allow-Headers', 'x a']) }],
      `${PREFIX}Cannot parse Access-Control-Allow-Headers response header field in preflight response.`,
    ],
    [
      'MethodDisallowedByPreflightResponse',
      { method: 'patch' },
      [{ preflight: res(204, [ACAO, PAGE], ['Access-Control-Allow-Methods', 'PATCH']) }],
      `${PREFIX}Method patch is not allowed by Access-Control-Allow-Methods in preflight response.`,
    ],
    [
      'HeaderDisallowedByPreflightResponse',
      { headers: [['X-Custom', '1']] },
      [{ preflight: res(204, [ACAO, PAGE]) }],
      `${PREFIX}Request header field x-custom is not allowed by Access-Control-Allow-Headers in preflight response.`,
    ],
    [
      'RedirectContainsCredentials (Chromium 156 leaves the location empty)',
      {},
      [{ response: res(302, [ACAO, PAGE], ['Location', 'http://u:p@localhost:5175/']) }],
      `${PREFIX}Redirect location '' contains a username and password, which is disallowed for cross-origin requests.`,
    ],
    [
      'CorsDisabledScheme after a redirect',
      {},
      [{ response: res(302, [ACAO, PAGE], ['Location', 'ftp://x/']) }],
      `Access to fetch at 'ftp://x/' (redirected from '${TARGET}') from origin '${PAGE}' has been blocked by CORS policy: Cross origin requests are only supported for protocol schemes: chrome, chrome-untrusted, data, http, https.`,
    ],
    [
      'CorsDisabledScheme',
      { url: 'ftp://localhost/x' },
      [],
      'Fetch API cannot load ftp://localhost/x. URL scheme "ftp" is not supported.',
    ],
    [
      'DisallowedByMode',
      { mode: 'same-origin' },
      [],
      `Fetch API cannot load ${TARGET}. Request mode is "same-origin" but the URL's origin is not same as the request origin ${PAGE}.`,
    ],
    [
      'NoCorsRedirectModeNotFollow',
      { mode: 'no-cors', redirect: 'manual' },
      [],
      `Fetch API cannot load ${TARGET}. Request mode is "no-cors" but the redirect mode is not "follow".`,
    ],
    [
      'a failure after a redirect names both URLs',
      {},
      [{ response: res(302, [ACAO, PAGE], ['Location', SECOND]) }, { response: res(200) }],
      `Access to fetch at '${SECOND}' (redirected from '${TARGET}') from origin '${PAGE}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
    ],
  ])('%s', (_, draft, hops, expected) => {
    const explanation = explain(verdict(draft, hops));
    expect(explanation.console).toBe(expected);
    expect(explanation.js).toBe('TypeError: Failed to fetch');
  });
});

describe('the fix names the header and value', () => {
  it.each<[string, Partial<RequestDraft>, WireHop[], string]>([
    ['the exact origin', {}, [{ response: res(200) }], `\`Access-Control-Allow-Origin: ${PAGE}\``],
    [
      '`*` is offered only without credentials',
      {},
      [{ response: res(200) }],
      '`Access-Control-Allow-Origin: *`',
    ],
    [
      'Allow-Credentials with credentials',
      { credentials: 'include' },
      [{ response: res(200) }],
      '`Access-Control-Allow-Credentials: true`',
    ],
    [
      '`null` after a cross-origin redirect',
      {},
      [{ response: res(302, [ACAO, PAGE], ['Location', SECOND]) }, { response: res(200) }],
      '`Access-Control-Allow-Origin: null`',
    ],
    [
      'the method, exactly',
      { method: 'patch' },
      [{ preflight: res(204, [ACAO, PAGE]) }],
      '`Access-Control-Allow-Methods: patch`',
    ],
    [
      'every requested header',
      {
        headers: [
          ['X-B', '1'],
          ['X-A', '1'],
        ],
      },
      [{ preflight: res(204, [ACAO, PAGE], ['Access-Control-Allow-Headers', 'x-b']) }],
      '`Access-Control-Allow-Headers: x-a, x-b`',
    ],
  ])('%s', (_, draft, hops, expected) => {
    expect(explain(verdict(draft, hops)).fix).toContain(expected);
  });

  it('does not offer `*` when credentials are included', () => {
    expect(
      explain(verdict({ credentials: 'include' }, [{ response: res(200) }])).fix,
    ).not.toContain('Origin: *`');
  });

  it('advises reflecting the Origin only with an allowlist, and says why', () => {
    const twoOrigins = verdict({}, [{ response: res(200, [ACAO, PAGE], [ACAO, SECOND]) }]);
    expect(explain(twoOrigins).fix).toContain(
      "reflect the request's Origin only when it is on your allowlist (reflecting any Origin lets every site read the response, with the user's cookies when credentials are allowed)",
    );
  });

  it('offers `*` only with what it costs', () => {
    expect(explain(verdict({}, [{ response: res(200) }])).fix).toContain(
      '`Access-Control-Allow-Origin: *` if the response is public (`*` lets every site read it, so keep it for public data).',
    );
  });

  it('offers no `*` for a response the user marks private: the exact origin, and why', () => {
    const missing = verdict({}, [{ response: res(200) }]);
    expect(explain(missing, { preflightAnsweredByRoute: false, privateData: true }).fix).toBe(
      `Have the server send \`Access-Control-Allow-Origin: ${PAGE}\`, not \`*\`: the response carries private data, and \`*\` would let every site read it.`,
    );
  });

  const nullOrigin = (credentials: RequestDraft['credentials'], privateData = false) =>
    explain(
      verdict({ credentials }, [
        {
          response: res(
            302,
            [ACAO, PAGE],
            ['Access-Control-Allow-Credentials', 'true'],
            ['Location', SECOND],
          ),
        },
        { response: res(200) },
      ]),
      { preflightAnsweredByRoute: false, privateData },
    ).fix;

  it('after a cross-origin redirect, keeps the origin first and says what `null` costs', () => {
    expect(nullOrigin('same-origin')).toBe(
      `The cross-origin redirect from ${TARGET} made the request's Origin \`null\`. Best, avoid it: have the page call ${SECOND} directly, or keep the redirect on the same origin as the URL that redirects, so the request keeps \`Origin: ${PAGE}\` and the server can allow exactly that origin. \`Access-Control-Allow-Origin: null\` would work but is unsafe: every sandboxed iframe and \`data:\` page sends \`Origin: null\` too, so any site could embed one and read the response. If the response is public, \`*\` is the honest choice (\`*\` lets every site read it, so keep it for public data).`,
    );
    expect(nullOrigin('same-origin', true)).toMatch(
      /would work but is unsafe: [^.]+\. Nor is `\*` a choice: the response carries private data, and `\*` would let every site read it\.$/,
    );
    expect(nullOrigin('include')).toContain(
      "Sending `Access-Control-Allow-Origin: null` with `Access-Control-Allow-Credentials: true` would work but is unsafe: every sandboxed iframe and `data:` page sends `Origin: null` too, so any site could embed one and read the response, with the user's cookies.",
    );
  });

  it('names a missing OPTIONS handler when the route answered the preflight', () => {
    const failed = verdict({ method: 'PUT' }, [{ preflight: res(200, [ACAO, PAGE]) }]);
    const answeredByRoute = explain(failed, { preflightAnsweredByRoute: true });
    expect(answeredByRoute.why).toContain(
      'Here the server has no OPTIONS handler: the route answered the preflight like any other request',
    );
    expect(answeredByRoute.fix).toMatch(
      /^Answer OPTIONS before the route does .* Send `Access-Control-Allow-Methods: PUT` in the OPTIONS response\.$/,
    );
    expect(explain(failed).fix).toBe(
      'Send `Access-Control-Allow-Methods: PUT` in the OPTIONS response.',
    );
  });
});

describe('the spec step', () => {
  it('names the algorithm and links its anchor', () => {
    expect(explain(verdict({}, [{ response: res(200) }])).step).toEqual({
      spec: 'Fetch Standard',
      algorithm: 'CORS check',
      url: 'https://fetch.spec.whatwg.org/#concept-cors-check',
      number: '2',
    });
  });
});

describe('every CorsError has its wording', () => {
  const context = (corsError: CorsError): FailureContext => ({
    failure: { corsError, failedParameter: 'v', step: fetchStep('concept-cors-check', '1') },
    stage: 'actual',
    url: TARGET,
    initialUrl: TARGET,
    origin: PAGE,
    serializedOrigin: PAGE,
    method: 'PUT',
    credentials: 'omit',
  });
  it.each(CORS_ERRORS.map((code) => [code]))('%s', (code) => {
    const wording = explainCorsFailure(context(code));
    for (const text of [wording.headline, wording.console, wording.why, wording.fix]) {
      expect(text.length).toBeGreaterThan(10);
    }
    expect(wording.step).toEqual(fetchStep('concept-cors-check', '1'));
  });
});

describe('TypeErrors, as Chromium 156 words them', () => {
  const step = fetchStep('dom-request', '1');
  it.each<[RequestTypeError, string]>([
    [
      { kind: 'non-latin1', member: 'headers', step },
      "Failed to read the 'headers' property from 'RequestInit': String contains non ISO-8859-1 code point.",
    ],
    [
      { kind: 'non-latin1', member: 'method', step },
      "Failed to read the 'method' property from 'RequestInit': String contains non ISO-8859-1 code point.",
    ],
    [{ kind: 'invalid-url', url: 'http://[', step }, 'Failed to parse URL from http://['],
    [
      { kind: 'url-credentials', url: 'http://u:p@a/', step },
      'Request cannot be constructed from a URL that includes credentials: http://u:p@a/',
    ],
    [
      { kind: 'only-if-cached-mode', mode: 'cors', step },
      "'only-if-cached' can be set only with 'same-origin' mode",
    ],
    [{ kind: 'invalid-method', method: 'G T', step }, "'G T' is not a valid HTTP method."],
    [
      { kind: 'forbidden-method', method: 'CONNECT', step },
      "'CONNECT' HTTP method is unsupported.",
    ],
    [{ kind: 'no-cors-method', method: 'PUT', step }, "'PUT' is unsupported in no-cors mode."],
    [{ kind: 'invalid-header-name', name: 'x y', step }, 'Invalid name'],
    [{ kind: 'invalid-header-value', name: 'x', step }, 'Invalid value'],
    [{ kind: 'body-with-get-or-head', step }, 'Request with GET/HEAD method cannot have body.'],
  ])('%j', (error, message) => {
    expect(typeErrorMessage(error)).toBe(
      `TypeError: Failed to execute 'fetch' on 'Window': ${message}`,
    );
  });

  it.each<[Partial<RequestDraft>]>([
    [{ headers: [['X', '\u20ac']] }],
    [{ url: 'http://[' }],
    [{ url: 'http://u:p@localhost/' }],
    [{ cache: 'only-if-cached', mode: 'no-cors' }],
    [{ method: 'G T' }],
    [{ method: 'TRACE' }],
    [{ method: 'PUT', mode: 'no-cors' }],
    [{ headers: [['x y', '1']] }],
    [{ headers: [['x', 'a\nb']] }],
    [{ body: 'x' }],
  ])('explains %j', (draft) => {
    const explanation = explain(verdict(draft, []));
    expect(explanation.js).toMatch(/^TypeError: Failed to execute 'fetch' on 'Window': /);
    expect(explanation.headline.length).toBeGreaterThan(10);
    expect(explanation.step?.url).toMatch(/^https:\/\//);
  });
});

describe('failures without a CORS code', () => {
  it.each<[string, Partial<RequestDraft>, WireHop[], string]>([
    [
      'nothing arrived for the preflight',
      { method: 'PUT' },
      [],
      'No response arrived for the preflight (OPTIONS)',
    ],
    ['nothing arrived for the request', {}, [], 'No response arrived for the request'],
    [
      'redirect mode error',
      { redirect: 'error' },
      [{ response: res(302, [ACAO, PAGE], ['Location', SECOND]) }],
      "redirect mode is 'error'",
    ],
    [
      'same-origin mode redirected away',
      { url: `${PAGE}/x`, mode: 'same-origin' },
      [{ response: res(302, ['Location', TARGET]) }],
      "which mode 'same-origin' forbids",
    ],
    [
      'a Location that does not parse',
      {},
      [{ response: res(302, [ACAO, PAGE], ['Location', 'http://[']) }],
      'not a valid URL',
    ],
    [
      'too many redirects',
      {},
      Array.from({ length: 21 }, () => ({
        response: res(302, [ACAO, PAGE], ['Location', TARGET]),
      })),
      'after 20 redirects',
    ],
  ])('%s', (_, draft, hops, headline) => {
    const explanation = explain(verdict(draft, hops));
    expect(explanation.headline).toContain(headline);
    expect(explanation.js).toBe('TypeError: Failed to fetch');
    expect(explanation.console).toBeUndefined();
  });
});

describe('a response the HTTP parser refuses', () => {
  const CL = 'Content-Length';
  it.each<[string, Partial<RequestDraft>, WireHop[], string, string]>([
    [
      'two Content-Lengths on the response',
      {},
      [{ response: res(200, [ACAO, '*'], [CL, '2'], [CL, '3']) }],
      `The response from ${TARGET} has two different Content-Length values`,
      'net::ERR_RESPONSE_HEADERS_MULTIPLE_CONTENT_LENGTH',
    ],
    [
      'two Locations on a preflight redirect',
      { method: 'PUT' },
      [{ preflight: res(302, ['Location', '/a'], ['Location', '/b']) }],
      `The preflight response (OPTIONS ${TARGET}) has two different Location values`,
      'net::ERR_RESPONSE_HEADERS_MULTIPLE_LOCATION',
    ],
    [
      'two Content-Dispositions',
      {},
      [{ response: res(200, ['Content-Disposition', 'a'], ['Content-Disposition', 'b']) }],
      'two different Content-Disposition values',
      'net::ERR_RESPONSE_HEADERS_MULTIPLE_CONTENT_DISPOSITION',
    ],
  ])('%s', (_, draft, hops, headline, netError) => {
    const explanation = explain(verdict(draft, hops));
    expect(explanation.headline).toContain(headline);
    expect(explanation.console).toBe(`Failed to load resource: ${netError}`);
    expect(explanation.why).toContain('before any CORS check');
    expect(explanation.fix).toMatch(/^Send \S+ once, with one value/);
    expect(explanation.js).toBe('TypeError: Failed to fetch');
    expect(explanation.step?.url).toBe('https://fetch.spec.whatwg.org/#concept-http-network-fetch');
  });
});

describe('a 1xx alone', () => {
  it.each<[string, Partial<RequestDraft>, WireHop[], string]>([
    ['as the response', {}, [{ response: res(103, [ACAO, '*']) }], `The request to ${TARGET}`],
    [
      'as the preflight',
      { method: 'PUT' },
      [{ preflight: res(100, [ACAO, '*']) }],
      `The preflight (OPTIONS ${TARGET})`,
    ],
  ])('%s is a network error, whatever its CORS lines', (_, draft, hops, who) => {
    const explanation = explain(verdict(draft, hops));
    expect(explanation.headline).toBe(
      `${who} got only a 1xx response, which is never the final answer, so the browser had no response to use.`,
    );
    expect(explanation.console).toBe('Failed to load resource: net::ERR_EMPTY_RESPONSE');
    expect(explanation.why).toContain('not a CORS error');
    expect(explanation.fix).toMatch(/^Answer with a final status/);
    expect(explanation.js).toBe('TypeError: Failed to fetch');
    expect(explanation.step?.url).toBe('https://fetch.spec.whatwg.org/#concept-http-network-fetch');
  });
});

it('only-if-cached in same-origin mode: nothing arriving is a cache miss', () => {
  const explanation = explain(
    verdict({ url: `${PAGE}/x`, mode: 'same-origin', cache: 'only-if-cached' }, []),
  );
  expect(explanation.headline).toBe(
    `${PAGE}/x was not in the HTTP cache, and cache: 'only-if-cached' never asks the server.`,
  );
  expect(explanation.why).toContain('net::ERR_CACHE_MISS');
});

describe('allowed fetches', () => {
  const allow = res(200, [ACAO, PAGE]);
  it.each<[string, Partial<RequestDraft>, WireHop[], string, string]>([
    [
      'same origin',
      { url: `${PAGE}/x` },
      [{ response: res(200) }],
      'Same-origin request',
      "fetch() resolves: type 'basic', status 200.",
    ],
    [
      'simple CORS',
      {},
      [{ response: allow }],
      'The CORS checks passed:',
      "fetch() resolves: type 'cors', status 200.",
    ],
    [
      'after a preflight',
      { method: 'PUT' },
      [
        {
          preflight: res(204, [ACAO, PAGE], ['Access-Control-Allow-Methods', 'PUT']),
          response: allow,
        },
      ],
      'after a successful preflight',
      "fetch() resolves: type 'cors', status 200.",
    ],
    [
      'redirected',
      {},
      [
        { response: res(302, [ACAO, PAGE], ['Location', SECOND]) },
        { response: res(200, [ACAO, 'null']) },
      ],
      'The CORS checks passed:',
      `fetch() resolves: type 'cors', status 200, redirected to ${SECOND}.`,
    ],
    [
      'opaque',
      { mode: 'no-cors' },
      [{ response: res(200) }],
      'opaque response it cannot read',
      "fetch() resolves with an opaque response: type 'opaque', status 0, no headers, no body.",
    ],
    [
      'opaque redirect',
      { redirect: 'manual' },
      [{ response: res(302, [ACAO, PAGE], ['Location', SECOND]) }],
      'opaque-redirect response',
      "fetch() resolves with an opaque-redirect response: type 'opaqueredirect', status 0, no headers, no body.",
    ],
  ])('%s', (_, draft, hops, headline, js) => {
    const explanation = explain(verdict(draft, hops));
    expect(explanation.headline).toContain(headline);
    expect(explanation.js).toBe(js);
    expect(explanation.why.length).toBeGreaterThan(10);
  });

  it('says when the preflight was served from cache', () => {
    const cache = [
      {
        origin: PAGE,
        url: TARGET,
        credentials: false,
        methods: ['PUT'],
        headerNames: [],
        storedAt: 0,
        maxAge: 5,
      },
    ];
    const cached = evaluate({
      draft: {
        url: TARGET,
        origin: PAGE,
        method: 'PUT',
        headers: [],
        mode: 'cors',
        credentials: 'omit',
        redirect: 'follow',
      },
      hops: [{ response: allow }],
      cache,
      now: 0,
    });
    expect(explain(cached).headline).toContain('(preflight served from cache)');
  });

  it('a rejection is Failed to fetch unless it was a TypeError', () => {
    expect(jsResultText({ settles: 'reject' })).toBe('TypeError: Failed to fetch');
  });

  it("in Firefox, a rejection is Firefox's NetworkError", () => {
    expect(jsResultText({ settles: 'reject' }, undefined, 'firefox')).toBe(
      'TypeError: NetworkError when attempting to fetch resource.',
    );
  });
});

describe('the pieces of a verdict, in words', () => {
  const header = (reason: UnsafeHeaderReason) =>
    ({ kind: 'header', header: { name: 'x-a', value: 'v', reason } }) as const;
  it.each<UnsafeHeaderReason>([
    'not-safelisted-name',
    'value-too-long',
    'unsafe-byte',
    'invalid-language-value',
    'invalid-mime-type',
    'mime-type-not-allowed',
    'not-a-simple-range',
    'invalid-client-hint-value',
    'safelist-size-exceeded',
  ])('a %s header needs a preflight', (reason) => {
    expect(explainPreflightReason(header(reason))).toMatch(/\w{3,}/);
  });

  it('a method needs a preflight', () => {
    expect(explainPreflightReason({ kind: 'method', method: 'PUT' })).toBe(
      'The method PUT is not GET, HEAD or POST.',
    );
  });

  it('a preflight decision', () => {
    expect(
      explainPreflightDecision({ needed: false, reasons: [], servedFromCache: false }),
    ).toMatch(/^No preflight/);
    const reasons = [{ kind: 'method', method: 'PUT' }] as const;
    expect(explainPreflightDecision({ needed: true, reasons, servedFromCache: true })).toContain(
      'served from cache',
    );
    expect(explainPreflightDecision({ needed: true, reasons, servedFromCache: false })).toContain(
      'PUT',
    );
  });

  it.each<CacheMissReason>([
    'no-entry',
    'expired',
    'credentials',
    'method',
    'headers',
    'redirect-tainted',
    'cache-mode',
  ])('a cache miss: %s', (reason) => {
    expect(explainCacheLookup({ hit: false, reason })).toMatch(/\w{3,}/);
  });

  it('a cache hit', () => {
    const entry = {
      origin: PAGE,
      url: TARGET,
      credentials: false,
      methods: [],
      headerNames: [],
      storedAt: 0,
      maxAge: 5,
    };
    expect(explainCacheLookup({ hit: true, entry })).toMatch(/^Preflight served from cache/);
  });

  it.each<ExposureReason>([
    'same-origin',
    'safelisted',
    'exposed',
    'wildcard',
    'forbidden-response-header',
    'wildcard-with-credentials',
    'expose-headers-invalid',
    'not-exposed',
    'opaque',
    'opaque-redirect',
    'fetch-failed',
  ])('a response header that is %s', (reason) => {
    expect(explainExposure({ name: 'X-A', value: '1', readable: false, reason })).toMatch(
      /^(Readable|Hidden): /,
    );
  });

  it.each<DroppedHeaderReason>([
    'forbidden-name',
    'chromium-forbidden-name',
    'forbidden-prefix',
    'forbidden-method-override',
    'no-cors-not-safelisted',
  ])('a header dropped as %s', (reason) => {
    expect(explainDroppedHeader({ name: 'X-A', value: '1', reason })).toContain('X-A');
  });

  it('the Authorization wildcard warning', () => {
    expect(explainWarning('authorization-covered-by-wildcard')).toContain('Authorization');
  });
});

// The verdict's own sentences (why, fix) against the response the model evaluated.
describe('the fix for a failed preflight names everything its answer lacks', () => {
  it('the method and the header, though the check stops at the method', () => {
    const v = verdict({ method: 'PUT', headers: [['Authorization', 'Bearer t']] }, [
      { preflight: res(204, ALLOW_PAGE) },
    ]);
    expect(explain(v).fix).toBe(
      'Send `Access-Control-Allow-Methods: PUT` and `Access-Control-Allow-Headers: authorization` in the OPTIONS response.',
    );
  });

  it('with credentials, `*` allows neither the method nor the headers', () => {
    const v = verdict({ method: 'PUT', credentials: 'include', headers: [['X-A', '1']] }, [
      {
        preflight: res(
          204,
          ALLOW_PAGE,
          ['Access-Control-Allow-Credentials', 'true'],
          ['Access-Control-Allow-Methods', '*'],
          ['Access-Control-Allow-Headers', '*'],
        ),
      },
    ]);
    expect(explain(v).fix).toBe(
      'Send `Access-Control-Allow-Methods: PUT` and `Access-Control-Allow-Headers: x-a` in the OPTIONS response.',
    );
  });

  it('only the headers when the method is allowed', () => {
    const v = verdict({ method: 'PUT', headers: [['X-A', '1']] }, [
      { preflight: res(204, ALLOW_PAGE, ['Access-Control-Allow-Methods', 'PUT']) },
    ]);
    expect(explain(v).fix).toBe(
      'Send `Access-Control-Allow-Headers: x-a` in the OPTIONS response.',
    );
  });
});

describe('after a pass, the why names what the server allowed', () => {
  const allowed = (credentials: RequestDraft['credentials'], hops: WireHop[]) =>
    explain(verdict({ credentials }, hops)).why;

  it('the origin the response named, as it matched the request', () => {
    expect(allowed('same-origin', [{ response: res(200, ALLOW_PAGE) }])).toBe(
      `The server sent \`Access-Control-Allow-Origin: ${PAGE}\`, which matches the request's Origin, so JavaScript may read the body, the status and the safelisted or exposed headers.`,
    );
  });

  it('`*`, without credentials', () => {
    expect(
      allowed('same-origin', [{ response: res(200, ['Access-Control-Allow-Origin', '*']) }]),
    ).toBe(
      'The server sent `Access-Control-Allow-Origin: *`, which allows any origin when no credentials are included, so JavaScript may read the body, the status and the safelisted or exposed headers.',
    );
  });

  it('`null`, the Origin after a cross-origin redirect', () => {
    const why = allowed('same-origin', [
      { response: res(302, ALLOW_PAGE, ['Location', 'http://localhost:5175/s/1/y']) },
      { response: res(200, ['Access-Control-Allow-Origin', 'null']) },
    ]);
    expect(why).toBe(
      "The server sent `Access-Control-Allow-Origin: null`, which matches the request's Origin (`null` after the cross-origin redirect), so JavaScript may read the body, the status and the safelisted or exposed headers.",
    );
  });

  it('with credentials, both headers', () => {
    expect(
      allowed('include', [
        { response: res(200, ALLOW_PAGE, ['Access-Control-Allow-Credentials', 'true']) },
      ]),
    ).toBe(
      `The server sent \`Access-Control-Allow-Origin: ${PAGE}\`, which matches the request's Origin, and \`Access-Control-Allow-Credentials: true\`, so JavaScript may read the body, the status and the safelisted or exposed headers.`,
    );
  });
});

describe('Allow-Credentials: absent is not the same sentence as empty', () => {
  const include = (...headers: Header[]) =>
    explain(verdict({ credentials: 'include' }, [{ response: res(200, ALLOW_PAGE, ...headers) }]));

  it("absent: says it is not sent, while the console keeps Chromium's quoted ``", () => {
    const words = include();
    expect(words.headline).toBe(
      `The request includes credentials, but the response from ${TARGET} does not send Access-Control-Allow-Credentials, which must be 'true'.`,
    );
    expect(words.console).toContain(
      "The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true'",
    );
  });

  it('sent: quotes the value', () => {
    expect(include(['Access-Control-Allow-Credentials', 'True']).headline).toBe(
      `The request includes credentials, but Access-Control-Allow-Credentials from ${TARGET} is 'True', not 'true'.`,
    );
  });
});

describe('the warning for `*` covering Authorization', () => {
  it('says what happens outside Chromium and why, in one sentence', () => {
    expect(explainWarning('authorization-covered-by-wildcard')).toBe(
      'The browser let `Access-Control-Allow-Headers: *` cover Authorization, which the spec refuses (Chromium 156 and Firefox 153 allow it but flag it as deprecated), so a browser that follows the spec fails this preflight: list `Authorization` by name.',
    );
  });
});
