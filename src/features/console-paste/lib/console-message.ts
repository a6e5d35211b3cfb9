import type { CorsError, FirefoxReasonCode } from '../../../cors/errors.ts';
import { corsErrorsReportedAs, parseFirefoxConsole } from '../../../cors/firefox-reasons.ts';

/**
 * Reads a CORS message pasted from a browser's console: Chromium's
 * (`Access to fetch at 'URL' from origin 'ORIGIN' has been blocked by CORS policy: ...`,
 * blink's cors_error_string.cc), Firefox's (`Cross-Origin Request Blocked: ... (Reason: ...)`,
 * Gecko's security.properties) and Safari's (WebKit's CrossOriginAccessControl.cpp and
 * CrossOriginPreflightResultCache.cpp). The text is data only: matched, never rendered as HTML.
 *
 * @module
 */

export type Engine = 'chromium' | 'firefox' | 'safari';

export const ENGINE_NAMES: Readonly<Record<Engine, string>> = {
  chromium: 'Chromium (Chrome, Edge)',
  firefox: 'Firefox',
  safari: 'Safari',
};

/** What a console message says, as far as it says it. */
export interface ConsoleReading {
  engine: Engine;
  /** The URL the browser refused, as the message names it (the last one, after redirects). */
  url?: string;
  /** The URL fetch() was called with, where a redirect led elsewhere (Chromium says so). */
  redirectedFrom?: string;
  /** The page's origin, where the message names it (Chromium; Safari's origin lines). */
  pageOrigin?: string;
  /**
   * Chromium's name for the failure. Firefox and Safari say less than Chromium, so one of their
   * messages may stand for several codes: all of them, the likeliest first. Empty for a message
   * that is recognised but has no Chromium code (e.g. Firefox with CORS switched off).
   */
  corsErrors: CorsError[];
  /** The offending value the message names: a header value, a method or a header name. */
  failedParameter?: string;
  /** The response status the message names (Firefox, Safari, Chromium's request line). */
  status?: number;
  /** The request's method, from Chromium's request line (`GET URL net::ERR_FAILED`). */
  method?: string;
  /** Set when the failure is not a CORS one: the server was never reached or never answered. */
  network?: string;
  /** What the message leaves open, said once per point, for the explanation. */
  gaps: string[];
  /** The message line that was recognised, whitespace tidied. */
  matched: string;
}

export type ConsoleParse =
  | { ok: true; reading: ConsoleReading }
  | { ok: false; reason: string; expected: readonly string[] };

/** Past this many characters a paste is read no further: a console line is far shorter. */
export const MAX_PASTE_CHARS = 16 * 1024;

/** What the box recognises, for the honest "not recognised". */
export const EXPECTED_FORMS = [
  "Chromium: Access to fetch at 'URL' from origin 'ORIGIN' has been blocked by CORS policy: …",
  'Chromium: Fetch API cannot load URL. Request mode is "same-origin" … (or "no-cors" …)',
  'Firefox: Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at URL. (Reason: …)',
  'Safari: Origin ORIGIN is not allowed by Access-Control-Allow-Origin. Status code: N',
  'Safari: Fetch API cannot load URL due to access control checks.',
  'Safari: Preflight response is not successful. Status code: N',
  'Safari: Request header field NAME is not allowed by Access-Control-Allow-Headers.',
] as const;

type Pair = readonly [CorsError, CorsError];

// The origin-level checks, as the actual response's code and the preflight's.
const MISSING: Pair = ['MissingAllowOriginHeader', 'PreflightMissingAllowOriginHeader'];
const WILDCARD: Pair = ['WildcardOriginNotAllowed', 'PreflightWildcardOriginNotAllowed'];
const MISMATCH: Pair = ['AllowOriginMismatch', 'PreflightAllowOriginMismatch'];
const MULTIPLE: Pair = ['MultipleAllowOriginValues', 'PreflightMultipleAllowOriginValues'];
const INVALID: Pair = ['InvalidAllowOriginValue', 'PreflightInvalidAllowOriginValue'];
const CREDENTIALS: Pair = ['InvalidAllowCredentials', 'PreflightInvalidAllowCredentials'];

interface BodyForm {
  pattern: RegExp;
  /** The code, or the pair [actual, preflight] for a check both responses make. */
  code: CorsError | Pair;
  /** Which capture group holds the offending value. */
  value?: number;
}

// Chromium's message bodies after "has been blocked by CORS policy: " (cors_error_string.cc).
// Chromium 156 ends the origin ones with "Have the server send the header with a valid value.";
// older versions added the no-cors hint: the patterns stop before either tail.
const CHROMIUM_BODIES: readonly BodyForm[] = [
  {
    pattern: /^No 'Access-Control-Allow-Origin' header is present on the requested resource\./,
    code: MISSING,
  },
  {
    pattern:
      /^The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '\*' when the request's credentials mode is 'include'\./,
    code: WILDCARD,
  },
  {
    pattern:
      /^The 'Access-Control-Allow-Origin' header has a value '(.*?)' that is not equal to the supplied origin\./,
    code: MISMATCH,
    value: 1,
  },
  {
    pattern:
      /^The 'Access-Control-Allow-Origin' header contains multiple values '(.*?)', but only one is allowed\./,
    code: MULTIPLE,
    value: 1,
  },
  {
    pattern: /^The 'Access-Control-Allow-Origin' header contains the invalid value '(.*?)'\./,
    code: INVALID,
    value: 1,
  },
  {
    pattern:
      /^The value of the 'Access-Control-Allow-Credentials' header in the response is '(.*?)' which must be 'true' when the request's credentials mode is 'include'\./,
    code: CREDENTIALS,
    value: 1,
  },
  { pattern: /^It does not have HTTP ok status\./, code: 'PreflightInvalidStatus' },
  {
    pattern: /^Redirect is not allowed for a preflight request\./,
    code: 'PreflightDisallowedRedirect',
  },
  {
    pattern: /^No 'Access-Control-Allow-External' header was present in the preflight response/,
    code: 'PreflightMissingAllowExternal',
  },
  {
    pattern:
      /^The 'Access-Control-Allow-External' header in the preflight response for this external request had a value of '(.*?)', not 'true'/,
    code: 'PreflightInvalidAllowExternal',
    value: 1,
  },
  {
    pattern:
      /^Cannot parse Access-Control-Allow-Methods response header field in preflight response\./,
    code: 'InvalidAllowMethodsPreflightResponse',
  },
  {
    pattern:
      /^Cannot parse Access-Control-Allow-Headers response header field in preflight response\./,
    code: 'InvalidAllowHeadersPreflightResponse',
  },
  {
    pattern: /^Method (\S+) is not allowed by Access-Control-Allow-Methods in preflight response\./,
    code: 'MethodDisallowedByPreflightResponse',
    value: 1,
  },
  {
    pattern:
      /^Request header field (\S+) is not allowed by Access-Control-Allow-Headers in preflight response\./,
    code: 'HeaderDisallowedByPreflightResponse',
    value: 1,
  },
  {
    pattern:
      /^Redirect location '(.*?)' contains a username and password, which is disallowed for cross-origin requests\./,
    code: 'RedirectContainsCredentials',
    value: 1,
  },
  {
    pattern:
      /^The request client is not a secure context and the resource is in more-private address space `([^`]*)`\./,
    code: 'InsecureLocalNetwork',
    value: 1,
  },
  {
    pattern:
      /^Request had a target IP address space of `[^`]*` yet the resource is in address space `([^`]*)`\./,
    code: 'InvalidLocalNetworkAccess',
    value: 1,
  },
  {
    pattern: /^Permission was denied for this request to access the `([^`]*)` address space\./,
    code: 'LocalNetworkAccessPermissionDenied',
    value: 1,
  },
  { pattern: /^Cross origin requests are not allowed by request mode\./, code: 'DisallowedByMode' },
  { pattern: /^The response is invalid\./, code: 'InvalidResponse' },
  {
    pattern: /^Cross origin requests are only supported for protocol schemes: /,
    code: 'CorsDisabledScheme',
  },
];

const PREFLIGHT_PREFIX = "Response to preflight request doesn't pass access control check: ";

/** Spaces, tabs and line breaks as one space, so a message wrapped by a copy reads whole. */
const tidy = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The code a form names, for the preflight or the actual response. */
const codeOf = (code: CorsError | Pair, preflight: boolean): CorsError =>
  typeof code === 'string' ? code : code[preflight ? 1 : 0];

// Chromium's request line, printed beside the message: `GET URL net::ERR_FAILED 200 (OK)`.
const REQUEST_LINE =
  /\b([A-Za-z]{1,20}) (https?:\/\/\S{1,4096}) net::(ERR_[A-Z_]{1,64})(?: (\d{3}))?/;

/** Chromium's network errors that mean the server was never reached or never answered. */
const NOT_REACHED: Readonly<Record<string, string>> = {
  ERR_CONNECTION_REFUSED: 'the connection was refused: nothing listens at that address and port',
  ERR_NAME_NOT_RESOLVED: 'the host name did not resolve (DNS)',
  ERR_CONNECTION_RESET: 'the connection was reset',
  ERR_CONNECTION_CLOSED: 'the connection closed before an answer',
  ERR_EMPTY_RESPONSE: 'the server closed the connection without an answer',
  ERR_CONNECTION_TIMED_OUT: 'the connection timed out',
  ERR_TIMED_OUT: 'the request timed out',
  ERR_ADDRESS_UNREACHABLE: 'the address is unreachable',
  ERR_INTERNET_DISCONNECTED: 'the machine is offline',
  ERR_CERT_AUTHORITY_INVALID: 'the TLS certificate is not trusted',
  ERR_CERT_COMMON_NAME_INVALID: 'the TLS certificate names another host',
  ERR_CERT_DATE_INVALID: 'the TLS certificate has expired or is not yet valid',
  ERR_SSL_PROTOCOL_ERROR: 'the TLS handshake failed',
};

function requestLine(text: string): Pick<ConsoleReading, 'method' | 'status' | 'url'> & {
  error?: string;
} {
  const match = REQUEST_LINE.exec(text);
  if (match === null) return {};
  const [, method = '', url = '', error = '', status] = match;
  return {
    method,
    url,
    error,
    ...(status === undefined ? {} : { status: Number(status) }),
  };
}

const CHROMIUM_BLOCKED =
  /Access to (?:fetch|XMLHttpRequest|[a-z]{1,20}(?: [a-z]{1,20})?) at '(.*?)' (?:\(redirected from '(.*?)'\) )?from origin '(.*?)' has been blocked by CORS policy: (.*)$/;

function chromiumBlocked(text: string): ConsoleReading | undefined {
  const match = CHROMIUM_BLOCKED.exec(text);
  if (match === null) return undefined;
  const [whole, url = '', redirectedFrom, pageOrigin = '', rest = ''] = match;
  const preflight = rest.startsWith(PREFLIGHT_PREFIX);
  const body = preflight ? rest.slice(PREFLIGHT_PREFIX.length) : rest;
  const line = requestLine(rest);
  const head = whole.slice(0, whole.length - rest.length);
  const common = {
    engine: 'chromium' as const,
    url,
    ...(redirectedFrom === undefined ? {} : { redirectedFrom }),
    pageOrigin,
    ...(line.method === undefined ? {} : { method: line.method }),
    ...(line.status === undefined ? {} : { status: line.status }),
  };
  for (const form of CHROMIUM_BODIES) {
    const found = form.pattern.exec(body);
    if (found === null) continue;
    const value = form.value === undefined ? undefined : found[form.value];
    return {
      ...common,
      matched: `${head}${preflight ? PREFLIGHT_PREFIX : ''}${found[0]}`,
      corsErrors: [codeOf(form.code, preflight)],
      ...(value === undefined ? {} : { failedParameter: value }),
      gaps: [],
    };
  }
  return {
    ...common,
    matched: head.trim(),
    corsErrors: [],
    gaps: [
      'The reason after "has been blocked by CORS policy:" is not one Chromium 156 prints, so the URL and origin are read but not the check that failed.',
    ],
  };
}

// Chromium's renderer refuses these before sending (fetch_manager.cc): no "Access to" prefix.
const CHROMIUM_FETCH_FORMS: readonly { pattern: RegExp; code: CorsError }[] = [
  {
    pattern:
      /Fetch API cannot load (\S+?)\. Request mode is "same-origin" but the URL's origin is not same as the request origin (\S+?)\.(?=\s|$)/,
    code: 'DisallowedByMode',
  },
  {
    pattern:
      /Fetch API cannot load (\S+?)\. Request mode is "no-cors" but the redirect mode is not "follow"\./,
    code: 'NoCorsRedirectModeNotFollow',
  },
  {
    pattern: /Fetch API cannot load (\S+?)\. URL scheme "([^"]*)" is not supported\./,
    code: 'CorsDisabledScheme',
  },
];

function chromiumFetchApi(text: string): ConsoleReading | undefined {
  for (const form of CHROMIUM_FETCH_FORMS) {
    const match = form.pattern.exec(text);
    if (match === null) continue;
    const [matched, url = '', second] = match;
    const origin = form.code === 'DisallowedByMode' ? second : undefined;
    const scheme = form.code === 'CorsDisabledScheme' ? second : undefined;
    return {
      engine: 'chromium',
      url,
      ...(origin === undefined ? {} : { pageOrigin: origin }),
      corsErrors: [form.code],
      ...(scheme === undefined ? {} : { failedParameter: scheme }),
      gaps: [],
      matched,
    };
  }
  return undefined;
}

const ORIGIN_CHECK_GAP =
  'Firefox does not say whether the preflight or the response failed this check.';

/** What Firefox's reasons leave open, beyond the page's origin, which it never names. */
const FIREFOX_GAPS: Partial<Record<FirefoxReasonCode, string>> = {
  CORSMissingAllowOrigin: ORIGIN_CHECK_GAP,
  CORSAllowOriginNotMatchingOrigin: `Firefox says this of a value that names another origin, of several values and of a value that is no origin at all (Chromium tells these apart). ${ORIGIN_CHECK_GAP}`,
  CORSNotSupportingCredentials: ORIGIN_CHECK_GAP,
  CORSMissingAllowCredentials: `Firefox does not quote the value it got. ${ORIGIN_CHECK_GAP}`,
  CORSPreflightDidNotSucceed:
    'Firefox says this of a preflight answered outside 200-299 (the status it names), and of one that got no answer at all. Chromium checks Access-Control-Allow-Origin before the status, so a 404 without it reads as PreflightMissingAllowOriginHeader there.',
  CORSMethodNotFound: 'Firefox does not name the method: it is the one your code sent.',
  CORSExternalRedirectNotAllowed:
    'Firefox says this of a redirected preflight and of a redirect it may not follow.',
  CORSDisabled:
    'This Firefox has CORS switched off (content.cors.disable): a browser setting, not the server.',
  CORSOriginHeaderNotAdded:
    'Firefox could not add the Origin header: something in the browser (an extension) interfered, not the server.',
  CORSMultipleAllowOriginNotAllowed:
    'Firefox says this of two Access-Control-Allow-Origin lines; it does not quote them.',
};

/**
 * Firefox 153 gives two Access-Control-Allow-Origin lines a reason of their own (seen), which
 * the model reports beside its code (the check's `firefox` field), not as a code: so the codes
 * for several values are named here.
 */
const FIREFOX_ONLY: Partial<Record<FirefoxReasonCode, CorsError[]>> = {
  CORSMultipleAllowOriginNotAllowed: [...MULTIPLE],
};

/** Of the codes one Firefox reason stands for, the one its quoted value points to first. */
function likeliestFirst(codes: CorsError[], value: string): CorsError[] {
  const likeliest: CorsError | undefined = /[ ,]/.test(value)
    ? 'MultipleAllowOriginValues'
    : value === 'null' || URL.canParse(value)
      ? 'AllowOriginMismatch'
      : codes.includes('InvalidAllowOriginValue')
        ? 'InvalidAllowOriginValue'
        : undefined;
  if (likeliest === undefined || !codes.includes(likeliest)) return codes;
  return [likeliest, ...codes.filter((code) => code !== likeliest)];
}

const FIREFOX_START = 'Cross-Origin Request Blocked: ';

/** Straight quotes as Firefox's typographic ones, for a message copied through a web page. */
const typographicQuotes = (text: string): string =>
  text.replace(/(^|\s)'/g, '$1\u2018').replace(/'/g, '\u2019');

function firefox(text: string): ConsoleReading | undefined {
  const at = text.indexOf(FIREFOX_START);
  if (at < 0) return undefined;
  const message = typographicQuotes(text.slice(at));
  const parsed = parseFirefoxConsole(message);
  const pageGap =
    "Firefox does not name the page's origin: it is the origin of the page that made the request.";
  if (parsed === undefined) {
    return {
      engine: 'firefox',
      corsErrors: [],
      gaps: ["Firefox's reason is not one Firefox 153 prints.", pageGap],
      matched: message.slice(0, 200),
    };
  }
  const status = /\)\. Status code: (\d{3})\./.exec(message)?.[1];
  const gap = FIREFOX_GAPS[parsed.code];
  return {
    engine: 'firefox',
    url: parsed.url,
    corsErrors: likeliestFirst(
      FIREFOX_ONLY[parsed.code] ?? corsErrorsReportedAs(parsed.code),
      parsed.param,
    ),
    ...(parsed.param === '' ? {} : { failedParameter: parsed.param }),
    ...(status === undefined ? {} : { status: Number(status) }),
    ...(parsed.code === 'CORSDidNotSucceed'
      ? {
          network:
            'the request never got an HTTP answer (connection refused, DNS, TLS, or cancelled): not a CORS header problem',
        }
      : {}),
    gaps: [...(gap === undefined ? [] : [gap]), pageGap],
    matched: message.slice(0, message.indexOf(')', message.indexOf('(Reason: ')) + 1),
  };
}

interface SafariForm {
  pattern: RegExp;
  codes: CorsError[];
  value?: number;
  origin?: number;
  gap?: string;
}

const SAFARI_STAGE_GAP = 'Safari does not say whether the preflight or the response failed.';

// WebKit's reasons (passesAccessControlCheck, validatePreflightResponse, validateMethodAndHeaders).
const SAFARI_REASONS: readonly SafariForm[] = [
  {
    pattern: /Origin (\S+) is not allowed by Access-Control-Allow-Origin\./,
    codes: [...MISSING, ...MISMATCH],
    origin: 1,
    gap: `Safari says this both when Access-Control-Allow-Origin is missing and when it names another origin, and does not quote it. ${SAFARI_STAGE_GAP}`,
  },
  {
    pattern: /Preflight response is not successful/,
    codes: ['PreflightInvalidStatus', 'PreflightMissingAllowOriginHeader'],
    gap: 'Safari checks the status first. Chromium checks Access-Control-Allow-Origin first, so the same 404 without it reads as PreflightMissingAllowOriginHeader there.',
  },
  {
    pattern: /Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true\./,
    codes: [...WILDCARD],
    gap: SAFARI_STAGE_GAP,
  },
  {
    pattern: /Access-Control-Allow-Origin cannot contain more than one origin\./,
    codes: [...MULTIPLE],
    gap: SAFARI_STAGE_GAP,
  },
  {
    pattern: /Credentials flag is true, but Access-Control-Allow-Credentials is not "true"\./,
    codes: [...CREDENTIALS],
    gap: `Safari does not quote the value it got. ${SAFARI_STAGE_GAP}`,
  },
  {
    pattern: /Method (\S+) is not allowed by Access-Control-Allow-Methods\./,
    codes: ['MethodDisallowedByPreflightResponse'],
    value: 1,
  },
  {
    pattern: /Request header field (\S+) is not allowed by Access-Control-Allow-Headers\./,
    codes: ['HeaderDisallowedByPreflightResponse'],
    value: 1,
  },
  {
    pattern: /Header Access-Control-Allow-Methods has an invalid value: (\S*)/,
    codes: ['InvalidAllowMethodsPreflightResponse'],
    value: 1,
  },
  {
    pattern: /Header Access-Control-Allow-Headers has an invalid value: (\S*)/,
    codes: ['InvalidAllowHeadersPreflightResponse'],
    value: 1,
  },
];

const SAFARI_CANNOT_LOAD =
  /(?:Fetch API|XMLHttpRequest) cannot load (\S+?) due to access control checks\./;
const SAFARI_STATUS = /Status code: (\d{3})/;

function safari(text: string): ConsoleReading | undefined {
  const load = SAFARI_CANNOT_LOAD.exec(text);
  const url = load?.[1];
  for (const form of SAFARI_REASONS) {
    const found = form.pattern.exec(text);
    if (found === null) continue;
    const value = form.value === undefined ? undefined : found[form.value];
    const origin = form.origin === undefined ? undefined : found[form.origin];
    const status = SAFARI_STATUS.exec(text.slice(found.index))?.[1];
    return {
      engine: 'safari',
      ...(url === undefined ? {} : { url }),
      ...(origin === undefined ? {} : { pageOrigin: origin }),
      corsErrors: form.codes,
      ...(value === undefined ? {} : { failedParameter: value }),
      ...(status === undefined ? {} : { status: Number(status) }),
      gaps: [
        ...(form.gap === undefined ? [] : [form.gap]),
        ...(url === undefined
          ? [
              'Safari names the URL on the next line ("Fetch API cannot load URL due to access control checks."): paste it too.',
            ]
          : []),
      ],
      matched: found[0],
    };
  }
  if (load === null) return undefined;
  return {
    engine: 'safari',
    ...(url === undefined ? {} : { url }),
    corsErrors: [],
    gaps: [
      'Safari prints the reason on the line before "Fetch API cannot load …": paste that line too.',
    ],
    matched: load[0],
  };
}

/** A Chromium request line alone: a failure that is not CORS (the server was not reached). */
function chromiumNetwork(text: string): ConsoleReading | undefined {
  const line = requestLine(text);
  const reason = line.error === undefined ? undefined : NOT_REACHED[line.error];
  if (reason === undefined || line.url === undefined) return undefined;
  return {
    engine: 'chromium',
    url: line.url,
    ...(line.method === undefined ? {} : { method: line.method }),
    corsErrors: [],
    network: `net::${line.error}: ${reason}`,
    gaps: [],
    matched: REQUEST_LINE.exec(text)?.[0] ?? '',
  };
}

/** Reads a pasted console message; anything else gets why, and the forms that are read. */
export function parseConsoleMessage(pasted: string): ConsoleParse {
  const text = tidy(pasted.slice(0, MAX_PASTE_CHARS));
  if (text === '') {
    return { ok: false, reason: 'Nothing was pasted.', expected: EXPECTED_FORMS };
  }
  const reading =
    chromiumBlocked(text) ??
    chromiumFetchApi(text) ??
    firefox(text) ??
    safari(text) ??
    chromiumNetwork(text);
  if (reading !== undefined) return { ok: true, reading };
  const onlyJs =
    /TypeError: (?:Failed to fetch|NetworkError when attempting to fetch resource|Load failed)/.test(
      text,
    );
  return {
    ok: false,
    reason: onlyJs
      ? 'That is the error JavaScript gets, the same for every CORS failure; the reason is in the console, on the line the browser prints beside it.'
      : `Not recognised as a CORS message from Chromium, Firefox or Safari${pasted.length > MAX_PASTE_CHARS ? ` (only the first ${MAX_PASTE_CHARS} characters were read)` : ''}.`,
    expected: EXPECTED_FORMS,
  };
}
