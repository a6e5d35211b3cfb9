/**
 * Every sentence the model says: what happened, the console message Chromium 156 prints, why
 * the browser does it, and the fix. The checks return codes; only this file turns them into
 * words.
 *
 * @module
 */
import { BROWSER_LABELS, FETCH_FAILURE_MESSAGES, type BrowserName } from './browser.ts';
import type { CredentialsMode } from './cors-check.ts';
import type { CorsError, CorsFailure, SpecStep, Stage } from './errors.ts';
import type {
  HopVerdict,
  JsResult,
  NetworkError,
  PreflightDecision,
  Verdict,
  Warning,
  WireHop,
} from './evaluate.ts';
import type { ExposureReason, HeaderExposure } from './exposure.ts';
import { firefoxConsoleMessage, firefoxReasonOf } from './firefox-reasons.ts';
import type { CacheLookup } from './preflight-cache.ts';
import type { PreflightReason } from './preflight.ts';
import type { DroppedHeader, RequestCache, RequestTypeError } from './request.ts';
import type { SingleValueResponseHeader } from './response.ts';

/** The words for one verdict. */
export interface Explanation {
  /** What happened, in one sentence. */
  readonly headline: string;
  /** The failing check as the browser names it (Chromium's `CorsError`, Firefox's reason code). */
  readonly check?: string;
  /** The line the browser prints to the console, filled in, when it prints one. */
  readonly console?: string;
  /** What the page's JavaScript gets. */
  readonly js: string;
  /** Why the browser does this. */
  readonly why: string;
  /** What to change, naming the header and value where one helps. */
  readonly fix?: string;
  /** The spec step behind it. */
  readonly step?: SpecStep;
}

/** What the wording of a CORS failure may mention. */
export interface FailureContext {
  readonly failure: CorsFailure;
  readonly stage: Stage;
  /** The URL of the request that failed. */
  readonly url: string;
  /** The URL `fetch()` was called with (differs from `url` after a redirect). */
  readonly initialUrl: string;
  /** The page's origin. */
  readonly origin: string;
  /** The `Origin` the failing request carried: the page's origin, or `null` after a redirect. */
  readonly serializedOrigin: string;
  readonly method: string;
  readonly credentials: CredentialsMode;
  /** The `Access-Control-Request-Headers` value of the failing hop's preflight, if any. */
  readonly requestHeaderNames?: string;
  /** The server has no OPTIONS handler: its route answered the preflight (see ServerSetup). */
  readonly preflightAnsweredByRoute?: boolean;
  /** The user says the response carries private data (see ServerSetup). */
  readonly privateData?: boolean;
}

/** What the explanation may say about how the server was set up when the request was sent. */
export interface ServerSetup {
  /**
   * The server had no OPTIONS handler, so a preflight reached the route and got the actual
   * response, without the CORS headers meant for a preflight.
   */
  readonly preflightAnsweredByRoute: boolean;
  /** The user says the actual response carries private data, so `*` is no fix for it. */
  readonly privateData?: boolean;
}

/** The parts of an explanation that depend on the CORS error code. */
interface Wording {
  readonly headline: string;
  readonly console: string;
  readonly why: string;
  readonly fix: string;
}

// Chromium 156's prefix (cors_error_string.cc), with "(redirected from ...)" after a redirect.
function blockedPrefix(context: FailureContext): string {
  const redirected =
    context.url === context.initialUrl ? '' : `(redirected from '${context.initialUrl}') `;
  return `Access to fetch at '${context.url}' ${redirected}from origin '${context.origin}' has been blocked by CORS policy: `;
}

function preflightPrefix(context: FailureContext): string {
  return `${blockedPrefix(context)}Response to preflight request doesn't pass access control check: `;
}

/** What allowing any origin costs, said wherever `*` is suggested. */
const WILDCARD_RISK = '`*` lets every site read it, so keep it for public data';

/** Why `*` is no fix once the user has said the response is private. */
const PRIVATE_WILDCARD_RISK =
  'the response carries private data, and `*` would let every site read it';

/**
 * What allowing `null` costs: the Origin of every opaque-origin document, which any site can
 * create (HTML: sandboxed browsing contexts, `data:` URLs).
 */
const NULL_RISK =
  'every sandboxed iframe and `data:` page sends `Origin: null` too, so any site could embed one and read the response';

/** How a response must name the request's origin. */
function allowOriginFix(context: FailureContext): string {
  const credentialed = context.credentials === 'include';
  if (context.serializedOrigin === 'null') return nullOriginFix(context, credentialed);
  const exact = `Have the server send \`Access-Control-Allow-Origin: ${context.serializedOrigin}\``;
  if (credentialed) {
    return `${exact} and \`Access-Control-Allow-Credentials: true\`; \`*\` does not work with credentials.`;
  }
  return context.privateData === true
    ? `${exact}, not \`*\`: ${PRIVATE_WILDCARD_RISK}.`
    : `${exact}, or \`Access-Control-Allow-Origin: *\` if the response is public (${WILDCARD_RISK}).`;
}

// https://fetch.spec.whatwg.org/#concept-request-tainted-origin: a redirect to another origin,
// from a URL not of the page's origin, taints the request's origin, serialized `null`.
/** After a cross-origin redirect: keep the page's origin rather than allow `null`. */
function nullOriginFix(context: FailureContext, credentialed: boolean): string {
  const avoid = `The cross-origin redirect from ${context.initialUrl} made the request's Origin \`null\`. Best, avoid it: have the page call ${context.url} directly, or keep the redirect on the same origin as the URL that redirects, so the request keeps \`Origin: ${context.origin}\` and the server can allow exactly that origin.`;
  const wildcard =
    context.privateData === true
      ? `Nor is \`*\` a choice: ${PRIVATE_WILDCARD_RISK}.`
      : `If the response is public, \`*\` is the honest choice (${WILDCARD_RISK}).`;
  const lastResort = credentialed
    ? `Sending \`Access-Control-Allow-Origin: null\` with \`Access-Control-Allow-Credentials: true\` would work but is unsafe: ${NULL_RISK}, with the user's cookies.`
    : `\`Access-Control-Allow-Origin: null\` would work but is unsafe: ${NULL_RISK}. ${wildcard}`;
  return `${avoid} ${lastResort}`;
}

const ORIGIN_WHY =
  "The browser lets a page read a cross-origin response only when the server names the page's origin in Access-Control-Allow-Origin, compared byte for byte with the Origin request header: no trailing slash, same scheme, host, port and case, one value only.";

const CREDENTIALS_WHY =
  "With credentials (cookies) included, the server must opt in twice: name the exact origin and send Access-Control-Allow-Credentials: true, so a response personalised with the user's cookies is never readable by just any site.";

const PREFLIGHT_WHY =
  'Before a request a plain HTML form could not send, the browser asks the server with an OPTIONS preflight whether it accepts the method and headers; the actual request goes out only if the answer passes every check.';

const WILDCARD_BODY =
  "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.";
const VALID_VALUE = 'Have the server send the header with a valid value.';

function multipleBody(c: FailureContext): string {
  return `The 'Access-Control-Allow-Origin' header contains multiple values '${c.failure.failedParameter}', but only one is allowed. ${VALID_VALUE}`;
}

function invalidBody(c: FailureContext): string {
  return `The 'Access-Control-Allow-Origin' header contains the invalid value '${c.failure.failedParameter}'. ${VALID_VALUE}`;
}

function mismatchBody(c: FailureContext): string {
  return `The 'Access-Control-Allow-Origin' header has a value '${c.failure.failedParameter}' that is not equal to the supplied origin. ${VALID_VALUE}`;
}

function credentialsBody(c: FailureContext): string {
  return `The value of the 'Access-Control-Allow-Credentials' header in the response is '${c.failure.failedParameter}' which must be 'true' when the request's credentials mode is 'include'.`;
}

/** The words for each CorsError: every code fetch() can produce, and the rest for completeness. */
const WORDING: Record<CorsError, (context: FailureContext) => Wording> = {
  DisallowedByMode: (c) => ({
    headline: `fetch() refused to request ${c.url}: mode 'same-origin' only allows URLs of ${c.origin}.`,
    console: `Fetch API cannot load ${c.url}. Request mode is "same-origin" but the URL's origin is not same as the request origin ${c.origin}.`,
    why: "A request in mode 'same-origin' is a promise that it never leaves the page's origin, so the browser stops it before sending anything.",
    fix: "Use mode 'cors' (the default) and have the server allow this origin, or request a URL on the page's own origin.",
  }),
  InvalidResponse: (c) => ({
    headline: `The preflight to ${c.url} failed with a network error before any header could be checked.`,
    console: `${blockedPrefix(c)}The response is invalid.`,
    why: 'Chromium only reports this as a DevTools warning: the preflight never got a usable HTTP response.',
    fix: `Make sure the server answers OPTIONS ${c.url} with a complete HTTP response.`,
  }),
  WildcardOriginNotAllowed: (c) => ({
    headline: `The response from ${c.url} allows any origin with \`*\`, but this request includes credentials.`,
    console: `${blockedPrefix(c)}${WILDCARD_BODY}`,
    why: `\`*\` means "anyone may read this", which must not apply to a response made with the user's cookies. ${CREDENTIALS_WHY}`,
    fix: `${allowOriginFix(c)} Or send the request with credentials: 'same-origin' if no cookies are needed.`,
  }),
  MissingAllowOriginHeader: (c) => ({
    headline: `The response from ${c.url} has no Access-Control-Allow-Origin header, so the page may not read it.`,
    console: `${blockedPrefix(c)}No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
    why: ORIGIN_WHY,
    fix: allowOriginFix(c),
  }),
  MultipleAllowOriginValues: (c) => ({
    headline: `Access-Control-Allow-Origin from ${c.url} holds several values ('${c.failure.failedParameter}'); only one origin is allowed.`,
    console: `${blockedPrefix(c)}${multipleBody(c)}`,
    why: `${ORIGIN_WHY} Two header lines count as one value joined by a comma, so listing several origins or sending the header twice always fails.`,
    fix: `Send the header once, with one origin: reflect the request's Origin only when it is on your allowlist (reflecting any Origin lets every site read the response, with the user's cookies when credentials are allowed). ${allowOriginFix(c)}`,
  }),
  InvalidAllowOriginValue: (c) => ({
    headline: `Access-Control-Allow-Origin from ${c.url} is '${c.failure.failedParameter}', which is not an origin at all.`,
    console: `${blockedPrefix(c)}${invalidBody(c)}`,
    why: `${ORIGIN_WHY} A bare host name or an empty value never matches.`,
    fix: allowOriginFix(c),
  }),
  AllowOriginMismatch: (c) => ({
    headline: `Access-Control-Allow-Origin from ${c.url} is '${c.failure.failedParameter}', but the request came from '${c.serializedOrigin}'.`,
    console: `${blockedPrefix(c)}${mismatchBody(c)}`,
    why: ORIGIN_WHY,
    fix: allowOriginFix(c),
  }),
  InvalidAllowCredentials: (c) => ({
    // Chromium quotes '' for a header not sent at all, as for an empty one: only the console says so.
    headline: c.failure.absent
      ? `The request includes credentials, but the response from ${c.url} does not send Access-Control-Allow-Credentials, which must be 'true'.`
      : `The request includes credentials, but Access-Control-Allow-Credentials from ${c.url} is '${c.failure.failedParameter}', not 'true'.`,
    console: `${blockedPrefix(c)}${credentialsBody(c)}`,
    why: `${CREDENTIALS_WHY} The value is case-sensitive: \`True\` does not count.`,
    fix: 'Have the server send `Access-Control-Allow-Credentials: true` (lower case), or send the request without credentials.',
  }),
  CorsDisabledScheme: (c) =>
    c.stage === 'request'
      ? {
          headline: `fetch() refused to request ${c.url}: the scheme '${c.failure.failedParameter}' is not HTTP(S).`,
          console: `Fetch API cannot load ${c.url}. URL scheme "${c.failure.failedParameter}" is not supported.`,
          why: 'CORS is defined for HTTP and HTTPS only; other schemes have no way to say which origins may read them.',
          fix: 'Request an http: or https: URL.',
        }
      : {
          headline: `${c.initialUrl} redirected to ${c.url}, which is not an HTTP(S) URL.`,
          console: `${blockedPrefix(c)}Cross origin requests are only supported for protocol schemes: chrome, chrome-untrusted, data, http, https.`,
          why: 'A fetch may only be redirected to HTTP(S) URLs.',
          fix: 'Make the redirect point to an http: or https: URL.',
        },
  PreflightInvalidStatus: (c) => ({
    headline: `The preflight (OPTIONS ${c.url}) was answered with a status outside 200-299.`,
    console: `${preflightPrefix(c)}It does not have HTTP ok status.`,
    why: `${PREFLIGHT_WHY} A 4xx or 5xx answer, often a framework that does not route OPTIONS, means "no".`,
    fix: 'Have the server answer OPTIONS for this path with 204 No Content (or 200) and the CORS headers.',
  }),
  PreflightDisallowedRedirect: (c) => ({
    headline: `The preflight (OPTIONS ${c.url}) was answered with a redirect.`,
    console: `${preflightPrefix(c)}Redirect is not allowed for a preflight request.`,
    why: `${PREFLIGHT_WHY} A preflight is never redirected: the answer must come from the URL itself.`,
    fix: 'Answer OPTIONS at this exact URL (watch trailing-slash and http-to-https redirects), or call the final URL directly.',
  }),
  PreflightWildcardOriginNotAllowed: (c) => ({
    ...WORDING.WildcardOriginNotAllowed(c),
    headline: `The preflight response from ${c.url} allows any origin with \`*\`, but the request includes credentials.`,
    console: `${preflightPrefix(c)}${WILDCARD_BODY}`,
  }),
  PreflightMissingAllowOriginHeader: (c) => ({
    headline: `The preflight response from ${c.url} has no Access-Control-Allow-Origin header.`,
    console: `${preflightPrefix(c)}No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
    why: `${PREFLIGHT_WHY} The OPTIONS answer needs Access-Control-Allow-Origin too; a 404 or 405 from a server that ignores OPTIONS shows up as this error, because the browser checks the origin before the status (Chromium and Firefox alike).`,
    fix: `Answer OPTIONS with the CORS headers. ${allowOriginFix(c)}`,
  }),
  PreflightMultipleAllowOriginValues: (c) => ({
    ...WORDING.MultipleAllowOriginValues(c),
    console: `${preflightPrefix(c)}${multipleBody(c)}`,
  }),
  PreflightInvalidAllowOriginValue: (c) => ({
    ...WORDING.InvalidAllowOriginValue(c),
    console: `${preflightPrefix(c)}${invalidBody(c)}`,
  }),
  PreflightAllowOriginMismatch: (c) => ({
    ...WORDING.AllowOriginMismatch(c),
    console: `${preflightPrefix(c)}${mismatchBody(c)}`,
  }),
  PreflightInvalidAllowCredentials: (c) => ({
    ...WORDING.InvalidAllowCredentials(c),
    console: `${preflightPrefix(c)}${credentialsBody(c)}`,
  }),
  PreflightMissingAllowExternal: (c) => ({
    headline: `The preflight response from ${c.url} lacks Access-Control-Allow-External (a retired experiment).`,
    console: `${preflightPrefix(c)}No 'Access-Control-Allow-External' header was present in the preflight response for this external request.`,
    why: 'CORS-RFC1918, which this code belonged to, was replaced by Local Network Access; current Chromium no longer reports it.',
    fix: 'Nothing to do for current browsers.',
  }),
  PreflightInvalidAllowExternal: (c) => ({
    headline: `The preflight response from ${c.url} has Access-Control-Allow-External '${c.failure.failedParameter}', not 'true' (a retired experiment).`,
    console: `${preflightPrefix(c)}The 'Access-Control-Allow-External' header in the preflight response for this external request had a value of '${c.failure.failedParameter}', not 'true'.`,
    why: 'CORS-RFC1918, which this code belonged to, was replaced by Local Network Access; current Chromium no longer reports it.',
    fix: 'Nothing to do for current browsers.',
  }),
  InvalidAllowMethodsPreflightResponse: (c) => ({
    headline: `Access-Control-Allow-Methods in the preflight response from ${c.url} is not a comma-separated list of methods.`,
    console: `${blockedPrefix(c)}Cannot parse Access-Control-Allow-Methods response header field in preflight response.`,
    why: `${PREFLIGHT_WHY} Each item must be a method token: no spaces inside an item, no quotes, no semicolons.`,
    fix: `Send e.g. \`Access-Control-Allow-Methods: ${c.method}\` (items separated by commas).`,
  }),
  InvalidAllowHeadersPreflightResponse: (c) => ({
    headline: `Access-Control-Allow-Headers in the preflight response from ${c.url} is not a comma-separated list of header names.`,
    console: `${blockedPrefix(c)}Cannot parse Access-Control-Allow-Headers response header field in preflight response.`,
    why: `${PREFLIGHT_WHY} Each item must be a header name: separate them with commas, not spaces.`,
    fix: `Send e.g. \`Access-Control-Allow-Headers: ${allowHeadersValue(c)}\`.`,
  }),
  MethodDisallowedByPreflightResponse: (c) => ({
    headline: `The preflight response from ${c.url} does not allow the method ${c.failure.failedParameter}.`,
    console: `${blockedPrefix(c)}Method ${c.failure.failedParameter} is not allowed by Access-Control-Allow-Methods in preflight response.`,
    why: `${PREFLIGHT_WHY} Methods are compared case-sensitively (\`patch\` is not \`PATCH\`; fetch() upper-cases only DELETE, GET, HEAD, OPTIONS, POST and PUT), and \`*\` counts only without credentials.`,
    fix: preflightLacksFix(c),
  }),
  HeaderDisallowedByPreflightResponse: (c) => ({
    headline: `The preflight response from ${c.url} does not allow the request header ${c.failure.failedParameter}.`,
    console: `${blockedPrefix(c)}Request header field ${c.failure.failedParameter} is not allowed by Access-Control-Allow-Headers in preflight response.`,
    why: `${PREFLIGHT_WHY} Every header listed in Access-Control-Request-Headers must appear in Access-Control-Allow-Headers (case does not matter); \`*\` counts only without credentials, and by the spec never for Authorization.`,
    fix: preflightLacksFix(c),
  }),
  RedirectContainsCredentials: (c) => ({
    headline: `${c.url} redirected to a URL with a username and password in it.`,
    console: `${blockedPrefix(c)}Redirect location '${c.failure.failedParameter}' contains a username and password, which is disallowed for cross-origin requests.`,
    why: "Credentials in a URL would be sent to another origin behind the page's back, so a CORS request may not follow such a redirect.",
    fix: 'Remove `user:password@` from the Location header.',
  }),
  InsecureLocalNetwork: (c) => ({
    headline: `A page that is not a secure context tried to reach ${c.url} in a more private address space.`,
    console: `${blockedPrefix(c)}The request client is not a secure context and the resource is in more-private address space \`${c.failure.failedParameter}\`.`,
    why: 'Local Network Access keeps public, non-secure pages from reaching devices on the local network or loopback.',
    fix: 'Serve the page over HTTPS (and grant the local-network permission).',
  }),
  InvalidLocalNetworkAccess: (c) => ({
    headline: `The address space of ${c.url} is not the one the request declared.`,
    console: `${blockedPrefix(c)}Request had a target IP address space of \`unknown\` yet the resource is in address space \`${c.failure.failedParameter}\`.`,
    why: 'Local Network Access checks that a request meant for one address space does not land in another.',
    fix: "Make the request's targetAddressSpace match where the server really is.",
  }),
  NoCorsRedirectModeNotFollow: (c) => ({
    headline: `fetch() refused to request ${c.url}: mode 'no-cors' needs redirect: 'follow'.`,
    console: `Fetch API cannot load ${c.url}. Request mode is "no-cors" but the redirect mode is not "follow".`,
    why: "A 'no-cors' response is opaque; letting the page see redirects of it separately would leak where a cross-origin URL leads.",
    fix: "Use redirect: 'follow' with mode 'no-cors', or mode 'cors'.",
  }),
  LocalNetworkAccessPermissionDenied: (c) => ({
    headline: `The user denied this page access to the local network, so ${c.url} cannot be fetched.`,
    console: `${blockedPrefix(c)}Permission was denied for this request to access the \`${c.failure.failedParameter}\` address space.`,
    why: 'Local Network Access asks the user before a site may reach devices on the local network.',
    fix: 'Grant the local-network permission in the site settings.',
  }),
};

/** The Access-Control-Allow-Headers value that would let this request through. */
function allowHeadersValue(c: FailureContext): string {
  return (c.requestHeaderNames ?? c.failure.failedParameter).split(',').join(', ');
}

/**
 * What the OPTIONS response must add: everything it lacks (`failure.lacks`), not only what the
 * check stopped at, so following the fix does not lead straight to the next failure.
 */
function preflightLacksFix(c: FailureContext): string {
  const { corsError, failedParameter } = c.failure;
  // A failure made without `lacks` (not by corsPreflightFetch) names only its own parameter.
  const lacks =
    c.failure.lacks ??
    (corsError === 'MethodDisallowedByPreflightResponse'
      ? { method: failedParameter, headerNames: [] }
      : { headerNames: [failedParameter] });
  const lines = [
    ...(lacks.method === undefined ? [] : [`\`Access-Control-Allow-Methods: ${lacks.method}\``]),
    ...(lacks.headerNames.length === 0
      ? []
      : [`\`Access-Control-Allow-Headers: ${allowHeadersValue(c)}\``]),
  ];
  return `Send ${lines.join(' and ')} in the OPTIONS response.`;
}

const ROUTE_ANSWERED_WHY =
  "Here the server has no OPTIONS handler: the route answered the preflight like any other request, with the actual response's headers, so none of the CORS headers meant for a preflight (Access-Control-Allow-Methods, Access-Control-Allow-Headers, Access-Control-Max-Age) were sent, whatever is configured for them.";

const ROUTE_ANSWERED_FIX =
  'Answer OPTIONS before the route does (in the playground: How OPTIONS is answered → Answer with a status, such as 204; in a server: an OPTIONS handler, or CORS middleware registered before the routes), so the preflight gets its own CORS headers.';

/** Explains a CORS failure: what happened, Chromium's console message, why, and the fix. */
export function explainCorsFailure(context: FailureContext): Wording & { readonly step: SpecStep } {
  const wording = WORDING[context.failure.corsError](context);
  const step = context.failure.step;
  if (context.stage !== 'preflight' || context.preflightAnsweredByRoute !== true) {
    return { ...wording, step };
  }
  return {
    ...wording,
    why: `${wording.why} ${ROUTE_ANSWERED_WHY}`,
    fix: `${ROUTE_ANSWERED_FIX} ${wording.fix}`,
    step,
  };
}

const FETCH_TYPE_ERROR = "TypeError: Failed to execute 'fetch' on 'Window': ";

/**
 * The exact `TypeError` the browser rejects `fetch()` with for arguments it refuses (Chromium
 * unless `browser` says otherwise).
 */
export function typeErrorMessage(
  error: RequestTypeError,
  browser: BrowserName = 'chromium',
): string {
  return browser === 'firefox' ? firefoxTypeErrorMessage(error) : chromiumTypeErrorMessage(error);
}

const FIREFOX_FETCH_TYPE_ERROR = 'TypeError: Window.fetch: ';

// Firefox 153's messages, each seen in the browser. Two quote what the model does not keep (the
// character that is not Latin-1 and its index, a header's value), and say so instead.
function firefoxTypeErrorMessage(error: RequestTypeError): string {
  switch (error.kind) {
    case 'non-latin1':
      return `${FIREFOX_FETCH_TYPE_ERROR}Cannot convert … to ByteString because the character at index … has value … which is greater than 255. (Firefox names the ${error.member === 'headers' ? 'header' : 'method'}'s character and its index.)`;
    case 'invalid-url':
      return `${FIREFOX_FETCH_TYPE_ERROR}${error.url} is not a valid URL.`;
    case 'url-credentials':
      return `${FIREFOX_FETCH_TYPE_ERROR}${error.url} is an url with embedded credentials.`;
    case 'only-if-cached-mode':
      return `${FIREFOX_FETCH_TYPE_ERROR}Request mode '${error.mode}' was used, but request cache mode 'only-if-cached' can only be used with request mode 'same-origin'.`;
    case 'invalid-method':
    case 'forbidden-method':
    case 'no-cors-method':
      return `${FIREFOX_FETCH_TYPE_ERROR}Invalid request method ${error.method}.`;
    case 'invalid-header-name':
      return `${FIREFOX_FETCH_TYPE_ERROR}${error.name.toLowerCase()} is an invalid header name.`;
    case 'invalid-header-value':
      return `${FIREFOX_FETCH_TYPE_ERROR}… is an invalid header value. (Firefox quotes the value of ${error.name}.)`;
    case 'body-with-get-or-head':
      return `${FIREFOX_FETCH_TYPE_ERROR}HEAD or GET Request cannot have a body.`;
  }
}

// Chromium 156's messages, each seen in the browser.
function chromiumTypeErrorMessage(error: RequestTypeError): string {
  switch (error.kind) {
    case 'non-latin1':
      return `${FETCH_TYPE_ERROR}Failed to read the '${error.member}' property from 'RequestInit': String contains non ISO-8859-1 code point.`;
    case 'invalid-url':
      return `${FETCH_TYPE_ERROR}Failed to parse URL from ${error.url}`;
    case 'url-credentials':
      return `${FETCH_TYPE_ERROR}Request cannot be constructed from a URL that includes credentials: ${error.url}`;
    case 'only-if-cached-mode':
      return `${FETCH_TYPE_ERROR}'only-if-cached' can be set only with 'same-origin' mode`;
    case 'invalid-method':
      return `${FETCH_TYPE_ERROR}'${error.method}' is not a valid HTTP method.`;
    case 'forbidden-method':
      return `${FETCH_TYPE_ERROR}'${error.method}' HTTP method is unsupported.`;
    case 'no-cors-method':
      return `${FETCH_TYPE_ERROR}'${error.method}' is unsupported in no-cors mode.`;
    case 'invalid-header-name':
      return `${FETCH_TYPE_ERROR}Invalid name`;
    case 'invalid-header-value':
      return `${FETCH_TYPE_ERROR}Invalid value`;
    case 'body-with-get-or-head':
      return `${FETCH_TYPE_ERROR}Request with GET/HEAD method cannot have body.`;
  }
}

function explainTypeError(error: RequestTypeError): Omit<Explanation, 'js' | 'step'> {
  switch (error.kind) {
    case 'non-latin1':
      return {
        headline: `fetch() rejected the ${error.member}: a character above U+00FF cannot go in an HTTP header or method.`,
        why: 'Header names, values and methods are byte strings; JavaScript strings with wider characters are refused before anything is sent.',
        fix: 'Encode the value first (for example with encodeURIComponent).',
      };
    case 'invalid-url':
      return {
        headline: `fetch() could not parse the URL ${error.url}.`,
        why: 'Nothing can be sent to a URL that does not parse.',
        fix: 'Check the URL for typos, brackets and spaces.',
      };
    case 'url-credentials':
      return {
        headline: `fetch() refused ${error.url} because it contains a username or password.`,
        why: 'fetch() does not accept credentials embedded in the URL.',
        fix: 'Remove `user:password@` from the URL and send an Authorization header instead.',
      };
    case 'only-if-cached-mode':
      return {
        headline: `fetch() refused cache: 'only-if-cached' in mode '${error.mode}': it needs mode 'same-origin'.`,
        why: "'only-if-cached' answers from the HTTP cache alone, without asking the server. For another origin's URL that would let a page find out whether the user has loaded it before, so it is allowed only in mode 'same-origin', where the URL must be on the page's own origin.",
        fix: "Drop cache: 'only-if-cached' (or use 'force-cache', which may still go to the network), or set mode: 'same-origin' for a URL on the page's own origin.",
      };
    case 'invalid-method':
      return {
        headline: `'${error.method}' is not a valid HTTP method.`,
        why: 'A method must be a token: letters, digits and a few symbols, no spaces.',
        fix: 'Use a method such as GET, POST, PUT, PATCH or DELETE.',
      };
    case 'forbidden-method':
      return {
        headline: `fetch() never sends the method ${error.method}.`,
        why: 'CONNECT, TRACE and TRACK are forbidden methods: they could open tunnels or echo back credentials.',
        fix: 'Use another method.',
      };
    case 'no-cors-method':
      return {
        headline: `Mode 'no-cors' cannot send the method ${error.method}.`,
        why: "A 'no-cors' request may only do what a plain HTML form could: GET, HEAD or POST.",
        fix: "Use mode 'cors' (the server then has to allow the method in a preflight).",
      };
    case 'invalid-header-name':
      return {
        headline: `'${error.name}' is not a valid header name.`,
        why: 'A header name must be a token: no spaces, colons or other separators.',
        fix: 'Fix the header name.',
      };
    case 'invalid-header-value':
      return {
        headline: `The value of the header ${error.name} contains a NUL, CR or LF character.`,
        why: 'A line break inside a header value would let it smuggle further headers.',
        fix: 'Remove the control characters from the value.',
      };
    case 'body-with-get-or-head':
      return {
        headline: 'A GET or HEAD request cannot have a body.',
        why: 'fetch() refuses a body on GET and HEAD requests.',
        fix: 'Drop the body, or use POST.',
      };
  }
}

/** Chromium's net error for a response with two different values of a header. */
const MULTIPLE_HEADER_ERRORS: Record<SingleValueResponseHeader, string> = {
  'Content-Length': 'net::ERR_RESPONSE_HEADERS_MULTIPLE_CONTENT_LENGTH',
  'Content-Disposition': 'net::ERR_RESPONSE_HEADERS_MULTIPLE_CONTENT_DISPOSITION',
  Location: 'net::ERR_RESPONSE_HEADERS_MULTIPLE_LOCATION',
};

/** Why two different values of one header make a response unusable. */
const MULTIPLE_HEADER_WHY: Record<SingleValueResponseHeader, string> = {
  'Content-Length':
    'With two different lengths the browser cannot tell where the body ends, and a response read with the wrong one could smuggle a second, forged response (HTTP says to give such a response up). Chromium compares the values as text: `2` and `02` differ, and `2, 3` on one line counts as two values.',
  'Content-Disposition':
    'Two different Content-Disposition values are a sign that a header was injected into the response (response splitting), so Chromium refuses it, whatever its status.',
  Location:
    'Two different Location values are a sign that a header was injected into the response (response splitting), so Chromium refuses it on any status, not only on redirects.',
};

function explainNetworkError(
  error: NetworkError,
  stage: Stage,
  url: string,
  cache: RequestCache,
): Omit<Explanation, 'js' | 'step'> {
  switch (error.reason) {
    case 'no-response':
      if (cache === 'only-if-cached') {
        return {
          headline: `${url} was not in the HTTP cache, and cache: 'only-if-cached' never asks the server.`,
          why: "'only-if-cached' answers from the HTTP cache alone; on a miss the fetch fails (Chromium: net::ERR_CACHE_MISS) with the same TypeError as any network error.",
          fix: "Load the URL normally first so the cache holds it, or use another cache mode (e.g. 'force-cache', which falls back to the network).",
        };
      }
      return {
        headline: `No response arrived for the ${stage === 'preflight' ? 'preflight (OPTIONS)' : 'request'} to ${url}.`,
        why: 'Without a response there is nothing to check. fetch() rejects with the same TypeError as for a CORS failure, but DevTools shows a net:: error (e.g. ERR_CONNECTION_REFUSED) instead of a CORS message.',
        fix: `Check that the server is running and reachable at ${url}.`,
      };
    case 'invalid-response': {
      const what =
        stage === 'preflight'
          ? `The preflight response (OPTIONS ${url})`
          : `The response from ${url}`;
      return {
        headline: `${what} has two different ${error.header} values, so the browser could not use it.`,
        console: `Failed to load resource: ${MULTIPLE_HEADER_ERRORS[error.header]}`,
        why: `The browser's HTTP parser rejected the response before any CORS check: ${MULTIPLE_HEADER_WHY[error.header]} It is a network error (${MULTIPLE_HEADER_ERRORS[error.header]}), not a CORS error, so CORS headers on it change nothing and fetch() rejects with the same TypeError. The same value repeated is fine.`,
        fix: `Send ${error.header} once, with one value: two layers (a proxy and the app, or two middlewares) often both add it.`,
      };
    }
    case 'interim-response': {
      const what =
        stage === 'preflight'
          ? `The preflight (OPTIONS ${url}) got only`
          : `The request to ${url} got only`;
      return {
        headline: `${what} a 1xx response, which is never the final answer, so the browser had no response to use.`,
        console: 'Failed to load resource: net::ERR_EMPTY_RESPONSE',
        why: 'A status from 100 to 199 is an interim response: HTTP lets a server send it before the final one, and the browser ignores it while it waits for that (Chromium treats 101 Switching Protocols alike, outside a WebSocket). When the connection ends instead, there is no response at all: a network error (net::ERR_EMPTY_RESPONSE), not a CORS error, so the CORS headers on the 1xx change nothing and fetch() rejects with the same TypeError.',
        fix: 'Answer with a final status (200-599); send a 1xx such as 100 Continue or 103 Early Hints only before it.',
      };
    }
    case 'redirect-mode-error':
      return {
        headline: `${url} answered with a redirect, and the request's redirect mode is 'error'.`,
        why: "redirect: 'error' turns any redirect into a network error; Chromium prints no CORS message for it.",
        fix: "Request the final URL directly, or use redirect: 'follow'.",
      };
    case 'same-origin-mode-redirect':
      return {
        headline: `The request was redirected to ${url}, on another origin, which mode 'same-origin' forbids.`,
        why: "A 'same-origin' request may not leave the page's origin, not even through a redirect; Chromium reports it as an unsafe load, not a CORS error.",
        fix: "Request a URL that does not redirect elsewhere, or use mode 'cors'.",
      };
    case 'invalid-location':
      return {
        headline: `${url} redirected to a Location that is not a valid URL.`,
        why: 'A redirect to a URL that does not parse cannot be followed.',
        fix: 'Fix the Location header.',
      };
    case 'too-many-redirects':
      return {
        headline: `The fetch gave up at ${url} after 20 redirects.`,
        why: 'A fetch follows at most 20 redirects (Chromium: net::ERR_TOO_MANY_REDIRECTS), which usually means a redirect loop.',
        fix: 'Break the redirect loop.',
      };
  }
}

/** What the page's JavaScript gets in `browser`, in words. */
export function jsResultText(
  js: JsResult,
  typeError?: RequestTypeError,
  browser: BrowserName = 'chromium',
): string {
  if (js.settles === 'reject') {
    return typeError
      ? typeErrorMessage(typeError, browser)
      : `TypeError: ${FETCH_FAILURE_MESSAGES[browser]}`;
  }
  if (js.type === 'opaque') {
    return "fetch() resolves with an opaque response: type 'opaque', status 0, no headers, no body.";
  }
  if (js.type === 'opaqueredirect') {
    return "fetch() resolves with an opaque-redirect response: type 'opaqueredirect', status 0, no headers, no body.";
  }
  return `fetch() resolves: type '${js.type}', status ${js.status}${js.redirected ? `, redirected to ${js.url}` : ''}.`;
}

/** The failing hop's preflight request header names, as Access-Control-Request-Headers sent them. */
function requestHeaderNames(hop: HopVerdict | undefined): string | undefined {
  return hop?.preflight.request?.headers.find(
    ([name]) => name === 'Access-Control-Request-Headers',
  )?.[1];
}

/** The browser an explanation speaks for, and the wire its verdict was evaluated on. */
export interface BrowserContext {
  readonly browser: BrowserName;
  /** What crossed the wire, one hop per URL (for the status Firefox prints). */
  readonly wire: readonly WireHop[];
}

const CHROMIUM_CONTEXT: BrowserContext = { browser: 'chromium', wire: [] };

/**
 * Explains a whole verdict as the browser it was evaluated for shows it (Chromium unless
 * `context` says otherwise); `setup` tells how the server was set up, where it is known.
 */
export function explain(
  verdict: Verdict,
  setup?: ServerSetup,
  context: BrowserContext = CHROMIUM_CONTEXT,
): Explanation {
  const js = jsResultText(
    verdict.js,
    verdict.outcome === 'type-error' ? verdict.typeError : undefined,
    context.browser,
  );
  switch (verdict.outcome) {
    case 'type-error':
      return { ...explainTypeError(verdict.typeError), js, step: verdict.typeError.step };
    case 'network-error': {
      const { console, ...wording } = explainNetworkError(
        verdict.networkError,
        verdict.stage,
        verdict.url,
        verdict.request.cache,
      );
      // Chromium's net:: lines; what Firefox prints for these is not modelled.
      return {
        ...wording,
        ...(context.browser === 'chromium' && console !== undefined ? { console } : {}),
        js,
        step: verdict.networkError.step,
      };
    }
    case 'blocked': {
      const { request } = verdict;
      const lastHop = verdict.hops.at(-1);
      const wording = explainCorsFailure({
        failure: verdict.failure,
        stage: verdict.stage,
        url: verdict.url,
        initialUrl: request.url.href,
        origin: request.origin,
        serializedOrigin: lastHop?.originHeader ?? request.origin,
        method: lastHop?.method ?? request.method,
        credentials: request.credentials,
        requestHeaderNames: requestHeaderNames(lastHop),
        preflightAnsweredByRoute: setup?.preflightAnsweredByRoute ?? false,
        privateData: setup?.privateData ?? false,
      });
      if (context.browser === 'chromium') {
        return { ...wording, check: verdict.failure.corsError, js };
      }
      // Firefox's own words where it has them; a failure it prints no CORS message for keeps
      // the model's name, and no console line.
      const { headline, why, fix, step } = wording;
      const reason = firefoxReasonOf(verdict.failure);
      if (reason === undefined) {
        return { headline, why, fix, step, check: verdict.failure.corsError, js };
      }
      const wire = context.wire[verdict.hops.length - 1];
      const status =
        verdict.stage === 'preflight' ? wire?.preflight?.status : wire?.response?.status;
      const console = firefoxConsoleMessage(verdict.url, reason, status);
      return { headline, why, fix, step, check: reason.code, console, js };
    }
    case 'allowed':
      return {
        headline: allowedHeadline(verdict),
        js,
        why: allowedWhy(verdict),
      };
  }
}

function allowedHeadline(verdict: Verdict & { readonly outcome: 'allowed' }): string {
  const cached = verdict.hops.some((hop) => hop.preflight.servedFromCache);
  const preflighted = verdict.hops.some(
    (hop) => hop.preflight.needed && !hop.preflight.servedFromCache,
  );
  const via = cached
    ? ' (preflight served from cache)'
    : preflighted
      ? ' after a successful preflight'
      : '';
  switch (verdict.responseType) {
    case 'basic':
      return `Same-origin request: no CORS checks apply, and the page reads the response${via}.`;
    case 'cors':
      return `The CORS checks passed${via}: the page reads the response.`;
    case 'opaque':
      return "The 'no-cors' request went through, but the page gets an opaque response it cannot read.";
    case 'opaqueredirect':
      return "The response is a redirect and redirect mode is 'manual': the page gets an opaque-redirect response.";
  }
}

function allowedWhy(verdict: Verdict & { readonly outcome: 'allowed' }): string {
  switch (verdict.responseType) {
    case 'basic':
      return 'CORS only governs cross-origin requests; a page may always read responses from its own origin (except Set-Cookie).';
    case 'cors':
      return `${corsAllowance(verdict)}, so JavaScript may read the body, the status and the safelisted or exposed headers.`;
    case 'opaque':
      return "'no-cors' lets a page send a simple request anywhere, as a form or an image could, but never read what comes back.";
    case 'opaqueredirect':
      return "With redirect: 'manual' the page learns only that a redirect happened, not where to.";
  }
}

/** What the response that passed the CORS check allowed, from its own header values. */
function corsAllowance(verdict: Verdict & { readonly outcome: 'allowed' }): string {
  const value = (name: string) =>
    verdict.headers.find((header) => header.name.toLowerCase() === name)?.value;
  const allowOrigin = value('access-control-allow-origin');
  const sent = `The server sent \`Access-Control-Allow-Origin: ${allowOrigin}\``;
  if (allowOrigin === '*')
    return `${sent}, which allows any origin when no credentials are included`;
  // A pass means the value is the request's Origin byte for byte: the page's origin, or `null`
  // after a cross-origin redirect (https://fetch.spec.whatwg.org/#concept-request-tainted-origin).
  const redirected = allowOrigin === 'null' ? ' (`null` after the cross-origin redirect)' : '';
  const matches = `${sent}, which matches the request's Origin${redirected}`;
  return verdict.request.credentials === 'include'
    ? `${matches}, and \`Access-Control-Allow-Credentials: ${value('access-control-allow-credentials')}\``
    : matches;
}

/** Why a request needs a preflight, in words. */
export function explainPreflightReason(reason: PreflightReason): string {
  if (reason.kind === 'method') {
    return `The method ${reason.method} is not GET, HEAD or POST.`;
  }
  const { name, value } = reason.header;
  switch (reason.header.reason) {
    case 'not-safelisted-name':
      return `${name} is not a CORS-safelisted request header.`;
    case 'value-too-long':
      return `The ${name} value is longer than 128 bytes.`;
    case 'unsafe-byte':
      return `The ${name} value '${value}' contains a character CORS treats as unsafe ("():<>?@[\\]{}, or a control character).`;
    case 'invalid-language-value':
      return `The ${name} value '${value}' has characters other than letters, digits, space and *,-.;=.`;
    case 'invalid-mime-type':
      return `The ${name} value '${value}' is not a MIME type.`;
    case 'mime-type-not-allowed':
      return `Content-Type '${value}' is not application/x-www-form-urlencoded, multipart/form-data or text/plain.`;
    case 'not-a-simple-range':
      return `Range '${value}' is not a single bytes=start-end range with a start.`;
    case 'invalid-client-hint-value':
      return `The ${name} value '${value}' is not a well-formed client hint, so Chromium does not safelist it.`;
    case 'safelist-size-exceeded':
      return `The safelisted headers add up to more than 1024 bytes, so ${name} counts as unsafe too.`;
  }
}

/** The preflight cache's answer in `browser` (the one whose profile looked it up), in words. */
export function explainCacheLookup(lookup: CacheLookup, browser: BrowserName = 'chromium'): string {
  if (lookup.hit)
    return 'Preflight served from cache: an earlier preflight for this origin and URL still covers the request.';
  switch (lookup.reason) {
    case 'no-entry':
      return 'No preflight is cached for this origin and URL.';
    case 'expired':
      return 'The cached preflight expired (its max-age ran out; `0` means it is never reused).';
    case 'credentials':
      // NOTE(firefox): Firefox keys its entries by the credentials mode, both ways.
      return browser === 'firefox'
        ? 'The cached preflight was made with another credentials mode: Firefox keeps the answers for requests with and without credentials apart.'
        : 'The cached preflight was made without credentials, so it cannot serve a request that includes them.';
    case 'method':
      return 'The cached preflight does not allow this method (a new preflight replaces it).';
    case 'headers':
      return 'The cached preflight does not allow all of these headers (a new preflight replaces it).';
    case 'redirect-tainted':
      return `After a cross-origin redirect (Origin: null) ${BROWSER_LABELS[browser]} never reuses a cached preflight.`;
    case 'cache-mode':
      return `The request's cache mode ('no-store', 'reload' or 'no-cache') makes ${BROWSER_LABELS[browser]} skip the preflight cache and ask again; with 'no-store' the answer is not cached either.`;
  }
}

const EXPOSURE_WORDS: Record<ExposureReason, string> = {
  'same-origin': 'Readable: a same-origin response shows every header but Set-Cookie.',
  safelisted: 'Readable: a CORS-safelisted response header.',
  exposed: 'Readable: listed in Access-Control-Expose-Headers.',
  wildcard: 'Readable: Access-Control-Expose-Headers is `*` and no credentials were included.',
  'forbidden-response-header': 'Hidden: JavaScript can never read Set-Cookie.',
  'wildcard-with-credentials':
    'Hidden: with credentials, `*` in Access-Control-Expose-Headers only matches a header literally named `*`; list the name instead.',
  'expose-headers-invalid':
    'Hidden: Access-Control-Expose-Headers does not parse (names must be separated by commas), so only safelisted headers show.',
  'not-exposed': 'Hidden: not safelisted; add it to Access-Control-Expose-Headers to expose it.',
  opaque: "Hidden: an opaque ('no-cors') response shows no headers.",
  'opaque-redirect': "Hidden: an opaque-redirect ('manual') response shows no headers.",
  'fetch-failed': 'Hidden: the fetch failed, so JavaScript never got this response.',
};

/** Whether and why JavaScript can read one response header, in words. */
export function explainExposure(header: HeaderExposure): string {
  return EXPOSURE_WORDS[header.reason];
}

/** Why fetch() dropped a header the page set, in words. */
export function explainDroppedHeader(header: DroppedHeader): string {
  switch (header.reason) {
    case 'forbidden-name':
      return `${header.name} is a forbidden request header: the browser sets it itself, so fetch() drops it without an error.`;
    case 'chromium-forbidden-name':
      return `Chromium drops ${header.name} without an error and sends its own: the Fetch standard lets pages set it (Firefox sends it, after a preflight), but Chromium still treats it as forbidden, so no preflight is needed for it.`;
    case 'forbidden-prefix':
      return `${header.name} starts with Proxy- or Sec-, which only the browser may set; fetch() drops it without an error.`;
    case 'forbidden-method-override':
      return `${header.name} names a forbidden method, so fetch() drops it without an error.`;
    case 'no-cors-not-safelisted':
      return `Mode 'no-cors' only keeps Accept, Accept-Language, Content-Language and Content-Type with safelisted values, so ${header.name} is dropped.`;
  }
}

const WARNING_WORDS: Record<Warning, string> = {
  'authorization-covered-by-wildcard':
    'The browser let `Access-Control-Allow-Headers: *` cover Authorization, which the spec refuses (Chromium 156 and Firefox 153 allow it but flag it as deprecated), so a browser that follows the spec fails this preflight: list `Authorization` by name.',
};

/** A warning about something that worked only thanks to a browser leniency the spec refuses, in words. */
export function explainWarning(warning: Warning): string {
  return WARNING_WORDS[warning];
}

/** A preflight decision, in words: not needed, served from cache, or sent and why. */
export function explainPreflightDecision(decision: PreflightDecision): string {
  if (!decision.needed) return 'No preflight: the method and headers are all CORS-safelisted.';
  const reasons = decision.reasons.map(explainPreflightReason).join(' ');
  return decision.servedFromCache
    ? `A preflight was needed (${reasons}) but was served from cache.`
    : `A preflight is needed: ${reasons}`;
}
