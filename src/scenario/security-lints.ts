import { MAX_AGE_LIMIT } from '../cors/preflight.ts';
import { effectiveCors, type ResponseKind } from './cors-headers.ts';
import type { AllowOrigin, Cors, ServerConfig } from './server-config.ts';

/** Firefox's cap on `Access-Control-Max-Age`, in seconds (Chromium's is MAX_AGE_LIMIT). */
const FIREFOX_MAX_AGE_LIMIT = 86_400;

/** A risk in a server config: what it is, and the attack (or failure) it opens, in a sentence. */
/** Each response a lint can be on, as a sentence names it. */
export const RESPONSE_NAMES = {
  preflight: 'the preflight',
  actual: 'the actual response',
} as const;

export interface SecurityLint {
  id:
    | 'reflect-with-credentials'
    | 'wildcard-private'
    | 'null-origin'
    | 'no-vary-origin'
    | 'long-max-age';
  /** The response whose headers carry the risk. */
  response: ResponseKind;
  warning: string;
  why: string;
}

/**
 * What a lint may know beyond the config. (`Access-Control-Allow-Headers: *` relied on for
 * `Authorization` is no risk but a failure outside Chromium: the model's warning says it, in the
 * prediction and the result.)
 */
export interface LintContext {
  /** The user says the actual response carries private data. */
  sensitive?: boolean;
}

const literalOf = (value: unknown): string | undefined =>
  typeof value === 'object' && value !== null && 'value' in value
    ? String((value as { value: unknown }).value).trim()
    : undefined;

const isWildcard = (value: Cors['allowOrigin']): boolean =>
  value === '*' || literalOf(value) === '*';

const allowsCredentials = (cors: Cors): boolean =>
  cors.allowCredentials === true || literalOf(cors.allowCredentials) === 'true';

function allowsNull(allowOrigin: AllowOrigin | undefined): boolean {
  if (literalOf(allowOrigin) === 'null') return true;
  return typeof allowOrigin === 'object' && 'allowList' in allowOrigin
    ? allowOrigin.allowList.some((origin) => origin.trim() === 'null')
    : false;
}

/** Whether the answer's `Access-Control-Allow-Origin` depends on the request's `Origin`. */
const dependsOnOrigin = (allowOrigin: AllowOrigin | undefined): boolean =>
  allowOrigin === 'reflect' || (typeof allowOrigin === 'object' && 'allowList' in allowOrigin);

function seconds(maxAge: Cors['maxAge']): number | undefined {
  if (typeof maxAge === 'number') return maxAge;
  const literal = literalOf(maxAge);
  return literal !== undefined && /^\d+$/.test(literal) ? Number(literal) : undefined;
}

const hasLine = (lines: readonly (readonly [string, string])[], name: string, value?: RegExp) =>
  lines.some(([line, text]) => line.toLowerCase() === name && (value?.test(text) ?? true));

/**
 * The risks a config's CORS headers carry, each with its reason. The headers a built response
 * sends are read as the target computes them (`effectiveCors`); an exact raw response is the
 * user's own bytes and is not second-guessed.
 */
export function securityLints(config: ServerConfig, context: LintContext = {}): SecurityLint[] {
  const { sensitive = false } = context;
  const lints: SecurityLint[] = [];
  if (config.raw?.actual === undefined) {
    const cors = effectiveCors(config, 'actual');
    const { actual } = config;
    if (cors.allowOrigin === 'reflect' && allowsCredentials(cors)) {
      lints.push({
        id: 'reflect-with-credentials',
        response: 'actual',
        warning: 'Any origin is reflected, with credentials allowed.',
        why: "Any website the user visits can call this API with the user's cookies and read the answer, since the server echoes back whatever Origin it is sent.",
      });
    }
    const setsCookies = actual.cookies.length > 0 || hasLine(actual.headers, 'set-cookie');
    if (isWildcard(cors.allowOrigin) && (sensitive || setsCookies)) {
      lints.push({
        id: 'wildcard-private',
        response: 'actual',
        warning: `Access-Control-Allow-Origin: * on a response that ${sensitive ? 'carries private data' : 'sets cookies'}.`,
        why: 'Such a response is meant for one user, and * lets every website read it: whatever it reveals without credentials (on an intranet, behind an IP allow-list) goes to any site.',
      });
    }
    if (
      dependsOnOrigin(cors.allowOrigin) &&
      cors.vary === 'off' &&
      !hasLine(actual.headers, 'vary', /origin|\*/i)
    ) {
      lints.push({
        id: 'no-vary-origin',
        response: 'actual',
        warning: 'The allowed origin depends on the request, but Vary: Origin is not sent.',
        why: 'A shared cache (a CDN, a proxy) can keep the answer made for one origin and serve it to another: cache poisoning that refuses a good origin, or allows one that should not be.',
      });
    }
  }
  const nullAllowed = (['actual', 'preflight'] as const).find(
    (kind) =>
      config.raw?.[kind] === undefined && allowsNull(effectiveCors(config, kind).allowOrigin),
  );
  if (nullAllowed !== undefined) {
    lints.push({
      id: 'null-origin',
      response: nullAllowed,
      warning: 'The origin null is allowed.',
      why: 'Any website can send Origin: null, from a sandboxed iframe or a data: URL, so allowing null allows every site that tries.',
    });
  }
  if (config.raw?.preflight === undefined) {
    const cors = effectiveCors(config, 'preflight');
    const maxAge = seconds(cors.maxAge);
    if (maxAge !== undefined && maxAge > MAX_AGE_LIMIT) {
      lints.push({
        id: 'long-max-age',
        response: 'preflight',
        warning: `Access-Control-Max-Age: ${maxAge} is longer than browsers keep a preflight (Chromium ${MAX_AGE_LIMIT / 3600} h, Firefox ${FIREFOX_MAX_AGE_LIMIT / 3600} h).`,
        why: 'The browser caps it anyway, so the long value buys nothing, while an allowance granted by mistake stays cached in every browser that saw it until the cap runs out.',
      });
    }
  }
  return lints;
}
