import type { CorsError } from '../../../cors/errors.ts';
import { isCorsSafelistedMethod } from '../../../cors/method.ts';
import {
  absoluteUrlProblem,
  targetDraftSchema,
  type TargetDraftInput,
  type UrlDraft,
} from '../../../scenario/request-draft.ts';
import type { PlaygroundState } from '../../../scenario/scenario-file.ts';
import { serverConfigSchema, type ServerConfigInput } from '../../../scenario/server-config.ts';
import type { ConsoleReading } from './console-message.ts';

/** A request and a mock server that fail as the message says, and what was assumed for them. */
export interface Reproduction {
  state: PlaygroundState;
  /** Each choice the message did not make for us, in a sentence. */
  assumed: string[];
  /**
   * Whether the failing answer's Access-Control-Allow-Origin still names the page's origin
   * (`{{origin}}`); false where the reproduction replaces it (no line, another origin, `*`).
   */
  keepsOrigin: boolean;
}

/** Why a message cannot be replayed against the playground's own target. */
export type NoReproduction = { reason: string };

/** Codes only the browser or the network can cause: the mock target cannot play them. */
const NOT_REPRODUCIBLE: Partial<Record<CorsError, string>> = {
  CorsDisabledScheme: 'the URL is not http(s), and the playground target is',
  InvalidResponse: 'it is a network failure of the preflight, not an answer the target could write',
  RedirectContainsCredentials:
    "the target's redirects lead to its own origins, without a username and password",
  InsecureLocalNetwork: 'it depends on where the page and the server are on the network',
  InvalidLocalNetworkAccess: 'it depends on where the page and the server are on the network',
  LocalNetworkAccessPermissionDenied: "it depends on the user's local-network permission",
  PreflightMissingAllowExternal: 'current browsers no longer check it',
  PreflightInvalidAllowExternal: 'current browsers no longer check it',
};

/** cors.mojom names every failure of a preflight's answer so: `Preflight…` or `…PreflightResponse`. */
const isPreflightCode = (code: CorsError): boolean =>
  code.startsWith('Preflight') || code.endsWith('PreflightResponse');

const CREDENTIALED_CODES: ReadonlySet<CorsError> = new Set([
  'WildcardOriginNotAllowed',
  'PreflightWildcardOriginNotAllowed',
  'InvalidAllowCredentials',
  'PreflightInvalidAllowCredentials',
]);

/** A value the message quotes, with the page's origin in it written as `{{origin}}`. */
function withOriginPlaceholder(value: string, pageOrigin: string | undefined): string {
  return pageOrigin === undefined || pageOrigin === ''
    ? value
    : value.split(pageOrigin).join('{{origin}}');
}

/** The path and query of the message's URL, as the request builder takes it. */
function pathOf(url: string | undefined): string {
  const parsed = url === undefined ? undefined : URL.parse(url);
  if (parsed === null || parsed === undefined) return '/';
  const path = `${parsed.pathname}${parsed.search}`;
  return /^\/[^\s#]*$/.test(path) && path.length <= 2048 ? path : '/';
}

/**
 * A request and a config for the playground's target that fail with the message's first code,
 * everything else allowed: the page's origin allowed (`{{origin}}`), the method and headers
 * listed, so that the one broken part is the one the message names. Undefined, with a reason,
 * where only the browser or the network could cause the failure.
 */
export function reproduce(reading: ConsoleReading): Reproduction | NoReproduction {
  const [code] = reading.corsErrors;
  if (reading.network !== undefined) {
    return {
      reason: `This is not a CORS failure: ${reading.network}. The playground's target always answers, so there is nothing to replay; check that the server runs and is reachable at that address.`,
    };
  }
  if (code === undefined) {
    return { reason: 'The message names no check that failed, so there is nothing to replay.' };
  }
  const impossible = NOT_REPRODUCIBLE[code];
  if (impossible !== undefined) {
    return { reason: `The playground's target cannot reproduce ${code}: ${impossible}.` };
  }
  const assumed: string[] = [];
  const value = reading.failedParameter;
  const quoted = (fallback: string): string =>
    value === undefined ? fallback : withOriginPlaceholder(value, reading.pageOrigin);
  const preflighted = isPreflightCode(code);
  const credentialed = CREDENTIALED_CODES.has(code);

  // The request: as the message names it, else the commonest one that meets this check.
  let method = reading.method ?? 'GET';
  const headers: [string, string][] = [];
  let body: string | undefined;
  if (code === 'MethodDisallowedByPreflightResponse' && value !== undefined) method = value;
  else if (code === 'HeaderDisallowedByPreflightResponse' && value !== undefined) {
    headers.push([value, 'example']);
    assumed.push(`The request sends ${value}: example (the value does not matter to CORS).`);
  } else if (preflighted && isCorsSafelistedMethod(method)) {
    // A JSON body is the usual reason for a preflight a developer did not expect.
    method = 'POST';
    headers.push(['Content-Type', 'application/json']);
    body = '{}';
    assumed.push(
      'The message does not say why a preflight was sent: the request is a JSON POST (Content-Type: application/json is not safelisted), the usual reason.',
    );
  }
  if (code === 'MethodDisallowedByPreflightResponse' && value === undefined) {
    method = 'PUT';
    assumed.push('The message does not name the method: the request uses PUT.');
  }
  if (method !== 'GET' && method !== 'HEAD' && body === undefined) body = '';
  if (reading.method === undefined && !preflighted) {
    assumed.push('The message does not name the method: the request uses GET.');
  }

  // The server: the page's origin, the method and the headers allowed...
  const allowed = { allowList: ['{{origin}}'] };
  const config: ServerConfigInput = {
    version: 1,
    cors: {
      allowOrigin: allowed,
      ...(credentialed ? { allowCredentials: true } : {}),
      allowMethods: [method],
      ...(headers.length === 0 ? {} : { allowHeaders: headers.map(([name]) => name) }),
    },
  };
  const stage = preflighted ? 'preflight' : 'actual';
  let answerOrigin: unknown = allowed;
  const override = (cors: Record<string, unknown>) => {
    if ('allowOrigin' in cors) answerOrigin = cors.allowOrigin;
    if (stage === 'preflight') config.preflight = { ...config.preflight, cors };
    else config.actual = { ...config.actual, cors };
  };
  // ...except the one part the message names.
  switch (code) {
    case 'MissingAllowOriginHeader':
    case 'PreflightMissingAllowOriginHeader':
      override({ allowOrigin: null });
      break;
    case 'AllowOriginMismatch':
    case 'PreflightAllowOriginMismatch':
      override({ allowOrigin: { value: quoted('https://example.com') } });
      break;
    case 'MultipleAllowOriginValues':
    case 'PreflightMultipleAllowOriginValues':
      if (reading.engine === 'firefox' && value === undefined) {
        // Firefox 153 says CORSMultipleAllowOriginNotAllowed of two lines, and a mismatch of
        // one line holding two values: so two lines, each the page's origin.
        const headers: [string, string][] = [['Access-Control-Allow-Origin', '{{origin}}']];
        if (stage === 'preflight') config.preflight = { ...config.preflight, headers };
        else config.actual = { ...config.actual, headers };
      } else override({ allowOrigin: { value: quoted('{{origin}}, {{origin}}') } });
      break;
    case 'InvalidAllowOriginValue':
    case 'PreflightInvalidAllowOriginValue':
      override({ allowOrigin: { value: quoted('example.com') } });
      break;
    case 'WildcardOriginNotAllowed':
    case 'PreflightWildcardOriginNotAllowed':
      override({ allowOrigin: '*' });
      break;
    case 'InvalidAllowCredentials':
    case 'PreflightInvalidAllowCredentials':
      // Chromium quotes '' both for an empty value and for no header at all.
      override(
        value === '' ? { allowCredentials: null } : { allowCredentials: { value: quoted('True') } },
      );
      if (value === undefined)
        assumed.push('The message does not quote the value: the server sends True.');
      break;
    case 'PreflightInvalidStatus': {
      const status = reading.status !== undefined && reading.status >= 400 ? reading.status : 404;
      config.preflight = { handling: { kind: 'answer', status } };
      if (reading.status === undefined)
        assumed.push('The message does not name the status: the preflight gets 404.');
      break;
    }
    case 'PreflightDisallowedRedirect':
      config.preflight = { handling: { kind: 'redirect', status: 302, to: 'second' } };
      break;
    case 'InvalidAllowMethodsPreflightResponse':
      override({ allowMethods: { value: value ?? `GET ${method}` } });
      if (value === undefined)
        assumed.push(
          `The message does not quote the value: the server sends "GET ${method}", separated by a space instead of a comma.`,
        );
      break;
    case 'InvalidAllowHeadersPreflightResponse':
      override({ allowHeaders: { value: value ?? 'Content-Type Authorization' } });
      if (value === undefined)
        assumed.push(
          'The message does not quote the value: the server sends "Content-Type Authorization", separated by a space instead of a comma.',
        );
      break;
    case 'MethodDisallowedByPreflightResponse':
      // A lower-case method is the classic: fetch() upper-cases only six methods.
      override({
        allowMethods: method.toUpperCase() === method ? ['GET', 'POST'] : [method.toUpperCase()],
      });
      break;
    case 'HeaderDisallowedByPreflightResponse':
      override({ allowHeaders: ['Content-Type'] });
      break;
    case 'DisallowedByMode':
      break;
    case 'NoCorsRedirectModeNotFollow':
      break;
  }
  const draft: TargetDraftInput = {
    target: 'sameSite',
    method,
    path: pathOf(reading.url),
    headers,
    ...(body === undefined ? {} : { body }),
    ...(credentialed ? { credentials: 'include' } : {}),
    ...(code === 'DisallowedByMode' ? { mode: 'same-origin' } : {}),
    ...(code === 'NoCorsRedirectModeNotFollow' ? { mode: 'no-cors', redirect: 'error' } : {}),
  };
  if (reading.corsErrors.length > 1) {
    assumed.push(
      `The message could stand for ${reading.corsErrors.join(', ')}: this reproduces ${code}.`,
    );
  }
  if (reading.redirectedFrom !== undefined) {
    assumed.push(
      `A redirect led from ${reading.redirectedFrom}; this calls the final URL's path directly.`,
    );
  }
  return {
    state: { config: serverConfigSchema.parse(config), request: targetDraftSchema.parse(draft) },
    assumed,
    keepsOrigin: JSON.stringify(answerOrigin ?? null).includes('{{origin}}'),
  };
}

/**
 * The same request for the message's own URL, to send to the user's server from this page:
 * the reproduction's method, headers and options, or a plain request with the message's
 * method. Undefined when the message names no http(s) URL.
 */
export function requestToOwnServer(
  reading: ConsoleReading,
  replay: Reproduction | NoReproduction,
): UrlDraft | undefined {
  if (reading.url === undefined || absoluteUrlProblem(reading.url) !== undefined) return undefined;
  const request =
    'state' in replay
      ? replay.state.request
      : targetDraftSchema.parse({ method: reading.method ?? 'GET' });
  const { method, headers, body, mode, credentials, redirect, cache } = request;
  return {
    url: reading.url,
    method,
    headers,
    ...(body === undefined ? {} : { body }),
    mode,
    credentials,
    redirect,
    cache,
  };
}
