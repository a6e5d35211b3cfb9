import { describe, expect, it } from 'vitest';
import { CORS_ERRORS, fetchStep, type CorsError } from '../../../cors/errors.ts';
import { explainCorsFailure } from '../../../cors/explain.ts';
import { predict } from '../../../scenario/predict.ts';
import { parseConsoleMessage, type ConsoleReading } from './console-message.ts';
import { explainReading } from './explain-reading.ts';
import { reproduce, type Reproduction } from './reproduce.ts';

// The playground's page and targets, as the prediction plays them.
const PAGE = 'http://localhost:5173';
const origins = {
  sameSite: 'http://localhost:5174',
  crossSite: 'http://127.0.0.1:5174',
  second: 'http://localhost:5175',
};
// Where the pasted message came from: another page, another server.
const PASTED_ORIGIN = 'https://app.example.com';
const PASTED_URL = 'https://api.example.com/v1/items?page=2';

function read(text: string): ConsoleReading {
  const parsed = parseConsoleMessage(text);
  if (!parsed.ok) throw new Error(`not recognised: ${text}`);
  return parsed.reading;
}

function replayed(reading: ConsoleReading): Reproduction {
  const result = reproduce(reading);
  if (!('state' in result)) throw new Error(result.reason);
  return result;
}

/** What Chromium would report for the reproduction, as the model plays it on the target. */
function played({ state }: Reproduction) {
  const verdict = predict({
    request: state.request,
    url: `${origins.sameSite}/s/abc${state.request.path}`,
    pageOrigin: PAGE,
    cache: [],
    now: 0,
    server: { config: state.config, origins },
  });
  if (verdict.outcome !== 'blocked') return { outcome: verdict.outcome };
  return {
    corsError: verdict.failure.corsError,
    failedParameter: verdict.failure.failedParameter,
  };
}

/** The model's own console line for a failure, as a user would paste it from Chromium. */
function chromiumLine(corsError: CorsError, failedParameter: string): string {
  return explainCorsFailure({
    failure: { corsError, failedParameter, step: fetchStep('concept-cors-check', '1') },
    stage: corsError.startsWith('Preflight') ? 'preflight' : 'actual',
    url: PASTED_URL,
    initialUrl: PASTED_URL,
    origin: PASTED_ORIGIN,
    serializedOrigin: PASTED_ORIGIN,
    method: 'GET',
    credentials: 'include',
  }).console;
}

// Values as the message quotes them; the page's own origin in them stands for the playground's.
const VALUES: Partial<Record<CorsError, [pasted: string, onTheTarget: string]>> = {
  MultipleAllowOriginValues: [`${PASTED_ORIGIN}, ${PASTED_ORIGIN}`, `${PAGE}, ${PAGE}`],
  PreflightMultipleAllowOriginValues: [`${PASTED_ORIGIN}, *`, `${PAGE}, *`],
  InvalidAllowOriginValue: ['app.example.com', 'app.example.com'],
  PreflightInvalidAllowOriginValue: ['', ''],
  AllowOriginMismatch: [`${PASTED_ORIGIN}/`, `${PAGE}/`],
  PreflightAllowOriginMismatch: ['null', 'null'],
  InvalidAllowCredentials: ['True', 'True'],
  PreflightInvalidAllowCredentials: ['', ''],
  MethodDisallowedByPreflightResponse: ['patch', 'patch'],
  HeaderDisallowedByPreflightResponse: ['x-api-key', 'x-api-key'],
};

const NOT_ON_THE_TARGET = new Set<CorsError>([
  'CorsDisabledScheme',
  'InvalidResponse',
  'RedirectContainsCredentials',
  'InsecureLocalNetwork',
  'InvalidLocalNetworkAccess',
  'LocalNetworkAccessPermissionDenied',
  'PreflightMissingAllowExternal',
  'PreflightInvalidAllowExternal',
]);

describe("each Chromium message, replayed on the playground's target, fails the same way", () => {
  const replayable = CORS_ERRORS.filter((code) => !NOT_ON_THE_TARGET.has(code));
  it.each(replayable)('%s', (corsError) => {
    const [pasted, onTheTarget] = VALUES[corsError] ?? ['', ''];
    const reproduction = replayed(read(chromiumLine(corsError, pasted)));
    expect(played(reproduction)).toEqual({ corsError, failedParameter: onTheTarget });
    expect(reproduction.state.request.path).toBe('/v1/items?page=2');
  });

  it.each([...NOT_ON_THE_TARGET])('%s: says why it cannot be replayed', (corsError) => {
    const reading: ConsoleReading = {
      engine: 'chromium',
      corsErrors: [corsError],
      gaps: [],
      matched: '',
    };
    const result = reproduce(reading);
    expect('reason' in result && result.reason).toContain(corsError);
  });
});

describe('the request the message names', () => {
  it('a PUT from the request line, blocked at the response, passes its preflight first', () => {
    const text = `Access to fetch at '${PASTED_URL}' from origin '${PASTED_ORIGIN}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\nPUT ${PASTED_URL} net::ERR_FAILED 200 (OK)`;
    const reproduction = replayed(read(text));
    expect(reproduction.state.request.method).toBe('PUT');
    expect(played(reproduction)).toEqual({
      corsError: 'MissingAllowOriginHeader',
      failedParameter: '',
    });
  });

  it('a preflight status from Safari keeps its status, and says what else it could be', () => {
    const reading = read(
      `Preflight response is not successful. Status code: 405\nFetch API cannot load ${PASTED_URL} due to access control checks.`,
    );
    const reproduction = replayed(reading);
    expect(reproduction.state.config.preflight.handling).toEqual({ kind: 'answer', status: 405 });
    expect(played(reproduction)).toEqual({
      corsError: 'PreflightInvalidStatus',
      failedParameter: '',
    });
    expect(reproduction.assumed.join(' ')).toContain('PreflightMissingAllowOriginHeader');
  });

  it("Safari's origin line: the origin missing, the method assumed and said", () => {
    const reading = read(
      `Origin ${PASTED_ORIGIN} is not allowed by Access-Control-Allow-Origin. Status code: 200`,
    );
    const reproduction = replayed(reading);
    expect(played(reproduction)).toEqual({
      corsError: 'MissingAllowOriginHeader',
      failedParameter: '',
    });
    expect(reproduction.assumed.join(' ')).toContain('GET');
  });

  it("Firefox's method reason: no method named, so PUT, and said", () => {
    const reading = read(
      `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${PASTED_URL}. (Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).`,
    );
    const reproduction = replayed(reading);
    expect(played(reproduction)).toEqual({
      corsError: 'MethodDisallowedByPreflightResponse',
      failedParameter: 'PUT',
    });
    expect(reproduction.assumed.join(' ')).toContain('PUT');
  });

  it("Firefox's two Access-Control-Allow-Origin lines: two lines, which Firefox's profile fails as Firefox did", () => {
    const reading = read(
      `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${PASTED_URL}. (Reason: Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed).`,
    );
    const reproduction = replayed(reading);
    const verdict = predict({
      browser: 'firefox',
      request: reproduction.state.request,
      url: `${origins.sameSite}/s/abc${reproduction.state.request.path}`,
      pageOrigin: PAGE,
      cache: [],
      now: 0,
      server: { config: reproduction.state.config, origins },
    });
    expect(verdict.outcome === 'blocked' && verdict.failure.firefox?.code).toBe(
      'CORSMultipleAllowOriginNotAllowed',
    );
    expect(reproduction.keepsOrigin).toBe(true);
  });

  it('a server that was never reached is not replayed, and the reason says so', () => {
    const result = reproduce(read(`GET ${PASTED_URL} net::ERR_CONNECTION_REFUSED`));
    expect('reason' in result && result.reason).toContain('not a CORS failure');
  });
});

describe("whether the failing answer still names the page's origin", () => {
  it.each([
    ['MissingAllowOriginHeader', '', false],
    ['AllowOriginMismatch', 'https://example.com', false],
    ['AllowOriginMismatch', `${PASTED_ORIGIN}/`, true],
    ['InvalidAllowOriginValue', 'example.com', false],
    ['WildcardOriginNotAllowed', '*', false],
    ['MultipleAllowOriginValues', 'https://a.example, https://b.example', false],
    ['InvalidAllowCredentials', '', true],
  ] as const)('%s (%s): %s', (corsError, value, keeps) => {
    expect(replayed(read(chromiumLine(corsError, value))).keepsOrigin).toBe(keeps);
  });
});

describe('the model judges a pasted message by its browser', () => {
  const explained = (text: string) => {
    const reading = read(text);
    return explainReading(reading, replayed(reading).state, {
      pageOrigin: PAGE,
      targetUrl: `${origins.sameSite}/s/abc/`,
      origins,
    });
  };

  it("Firefox's message by Firefox's profile", () => {
    const explanation = explained(
      `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${PASTED_URL}. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.`,
    );
    expect(explanation?.browser).toBe('firefox');
    expect(explanation?.profileNote).toBeUndefined();
  });

  it("Safari's message by Chromium's, and it says so", () => {
    const explanation = explained(
      `Origin ${PASTED_ORIGIN} is not allowed by Access-Control-Allow-Origin. Status code: 200`,
    );
    expect(explanation?.browser).toBe('chromium');
    expect(explanation?.profileNote).toBe(
      "The model has no Safari profile: it judged this message by Chromium's, and Safari may differ.",
    );
  });
});
