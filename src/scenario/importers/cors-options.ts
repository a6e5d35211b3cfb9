import type { HeaderLines } from '../cors-headers.ts';
import {
  parseServerConfig,
  type Cors,
  type ServerConfig,
  type ServerConfigInput,
} from '../server-config.ts';
import { parseOptionsLiteral, RegExpLiteral, type LiteralValue } from './object-literal.ts';

// The other way from the exporters: a CORS middleware's options, with the library's own
// defaults, as the server config that sends what the middleware sends. What the config cannot
// hold (a regular expression, a function, a preflight handed on to routes) is a problem with
// the option's name, and nothing is imported.

export const IMPORT_LIBRARIES = {
  express: 'Express cors',
  fastify: '@fastify/cors',
  hono: "Hono's cors()",
} as const;
export type ImportLibrary = keyof typeof IMPORT_LIBRARIES;

export interface ImportProblem {
  /** The option, e.g. `origin` or `methods.1`; or a path of the config it would make. */
  path: string;
  message: string;
}

export type ImportResult =
  /** `notes`: where the config answers differently in a way no browser check reads. */
  { ok: true; config: ServerConfig; notes: string[] } | { ok: false; problems: ImportProblem[] };

type Options = { [key: string]: LiteralValue };

/** What one library's options come to, before the config's own validation. */
interface Imported {
  cors: Cors;
  preflight?: ServerConfigInput['preflight'];
  /** Lines the library adds on both responses that the CORS settings do not make. */
  extra?: HeaderLines;
  notes?: string[];
}

class Problems {
  readonly list: ImportProblem[] = [];
  add(path: string, message: string): undefined {
    this.list.push({ path, message });
    return undefined;
  }
}

/** A list option, as a string (split at commas) or an array of strings. */
function names(value: LiteralValue, path: string, problems: Problems): string[] | undefined {
  if (typeof value === 'string') {
    return value
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
  }
  if (Array.isArray(value) && value.every((name) => typeof name === 'string')) return value;
  return problems.add(path, 'must be a string or a list of strings');
}

/** A list setting of the config: none when empty. */
const listSetting = (list: string[] | undefined): string[] | undefined =>
  list === undefined || list.length === 0 ? undefined : list;

function origins(value: LiteralValue[], path: string, problems: Problems): string[] | undefined {
  const regExp = value.findIndex((entry) => entry instanceof RegExpLiteral);
  if (regExp !== -1) {
    return problems.add(
      `${path}.${regExp}`,
      `${String(value[regExp])} is a pattern; the config compares origins exactly: list them`,
    );
  }
  if (!value.every((entry) => typeof entry === 'string')) {
    return problems.add(path, 'must list origins as strings');
  }
  return value;
}

function maxAgeSetting(value: LiteralValue, problems: Problems): Cors['maxAge'] {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  if (typeof value === 'string') return /^\d{1,10}$/.test(value) ? Number(value) : { value };
  return problems.add('maxAge', 'must be a whole number of seconds');
}

function statusOption(value: LiteralValue, problems: Problems): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 200 && value <= 599) {
    return value;
  }
  return problems.add('optionsSuccessStatus', 'must be a status from 200 to 599');
}

function unknownOptions(
  options: Options,
  known: readonly string[],
  library: ImportLibrary,
  problems: Problems,
): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) problems.add(key, `is not an option of ${IMPORT_LIBRARIES[library]}`);
  }
}

const handedOn = (problems: Problems, option: string, library: ImportLibrary): undefined =>
  problems.add(
    option,
    `hands the preflight on to your routes, whose answer ${IMPORT_LIBRARIES[library]}'s options do not say`,
  );

// expressjs/cors 2.8 (lib/index.js). Defaults: origin "*", methods
// "GET,HEAD,PUT,PATCH,POST,DELETE", the requested headers reflected, 204.
function fromExpress(options: Options, problems: Problems): Imported {
  unknownOptions(
    options,
    [
      'origin',
      'methods',
      'allowedHeaders',
      'headers',
      'exposedHeaders',
      'credentials',
      'maxAge',
      'preflightContinue',
      'optionsSuccessStatus',
    ],
    'express',
    problems,
  );
  const cors: Cors = {};
  let extra: HeaderLines = [];
  const origin = 'origin' in options ? options.origin : '*';
  if (origin === '*') cors.allowOrigin = '*';
  else if (origin === true) cors.allowOrigin = 'reflect';
  else if (!origin) {
    // A falsy origin turns the middleware off: no CORS headers, OPTIONS goes to the routes.
    return { cors: {}, preflight: { handling: { kind: 'fallthrough' } } };
  } else if (typeof origin === 'string') {
    // A fixed origin, with `Vary: Origin` all the same.
    cors.allowOrigin = { value: origin };
    extra = [['Vary', 'Origin']];
  } else if (Array.isArray(origin)) {
    const list = origins(origin, 'origin', problems);
    if (list !== undefined) cors.allowOrigin = { allowList: list };
  } else if (origin instanceof RegExpLiteral) {
    problems.add(
      'origin',
      `${String(origin)} is a pattern; the config compares origins exactly: list them`,
    );
  } else problems.add('origin', 'must be "*", true, false, an origin or a list of origins');

  if (options.credentials === true) cors.allowCredentials = true;
  const methods = names(options.methods ?? 'GET,HEAD,PUT,PATCH,POST,DELETE', 'methods', problems);
  cors.allowMethods = listSetting(methods);
  const headers = options.allowedHeaders ?? options.headers;
  // Left out or empty, the requested headers are reflected; an empty list sends none.
  if (headers === undefined || headers === '') cors.allowHeaders = 'reflect';
  else cors.allowHeaders = listSetting(names(headers, 'allowedHeaders', problems));
  if (options.exposedHeaders !== undefined) {
    cors.exposeHeaders = listSetting(names(options.exposedHeaders, 'exposedHeaders', problems));
  }
  if (options.maxAge !== undefined) cors.maxAge = maxAgeSetting(options.maxAge, problems);
  if (options.preflightContinue === true) handedOn(problems, 'preflightContinue', 'express');
  const status =
    options.optionsSuccessStatus === undefined
      ? 204
      : statusOption(options.optionsSuccessStatus, problems);
  return {
    cors,
    preflight: { handling: { kind: 'answer', status: status ?? 204 }, headers: extra },
    extra,
  };
}

// @fastify/cors 11 (index.js). Defaults: origin "*", methods "GET,HEAD,POST", the requested
// headers reflected, 204.
function fromFastify(options: Options, problems: Problems): Imported {
  unknownOptions(
    options,
    [
      'origin',
      'methods',
      'allowedHeaders',
      'exposedHeaders',
      'credentials',
      'maxAge',
      'cacheControl',
      'preflightContinue',
      'optionsSuccessStatus',
      'preflight',
      'strictPreflight',
      'hideOptionsRoute',
      'hook',
      'logLevel',
    ],
    'fastify',
    problems,
  );
  const cors: Cors = {};
  const origin = 'origin' in options ? options.origin : '*';
  if (origin === false) {
    // Off: no CORS headers, and the plugin's own OPTIONS route answers 404.
    return { cors: {}, preflight: { handling: { kind: 'answer', status: 404 } } };
  }
  if (origin === '*' || (Array.isArray(origin) && origin.includes('*'))) cors.allowOrigin = '*';
  else if (origin === true) cors.allowOrigin = 'reflect';
  else if (typeof origin === 'string') cors.allowOrigin = { value: origin };
  else if (Array.isArray(origin)) {
    const list = origins(origin, 'origin', problems);
    if (list !== undefined) cors.allowOrigin = { allowList: list };
  } else if (origin instanceof RegExpLiteral) {
    problems.add(
      'origin',
      `${String(origin)} is a pattern; the config compares origins exactly: list them`,
    );
  } else problems.add('origin', 'must be "*", true, false, an origin or a list of origins');

  if (options.credentials === true) cors.allowCredentials = true;
  // Always sent, empty or not.
  const methods = names(options.methods ?? 'GET,HEAD,POST', 'methods', problems);
  cors.allowMethods = methods?.length === 0 ? { value: '' } : methods;
  const headers = options.allowedHeaders;
  if (headers === undefined || headers === null) cors.allowHeaders = 'reflect';
  else if (headers === '') cors.allowHeaders = { value: '' };
  else cors.allowHeaders = listSetting(names(headers, 'allowedHeaders', problems));
  const exposed = options.exposedHeaders;
  if (exposed === '') cors.exposeHeaders = { value: '' };
  else if (exposed !== undefined && exposed !== null) {
    cors.exposeHeaders = listSetting(names(exposed, 'exposedHeaders', problems));
  }
  if (options.maxAge !== undefined && options.maxAge !== null) {
    cors.maxAge = maxAgeSetting(options.maxAge, problems);
  }
  const preflightHeaders: HeaderLines = [];
  const { cacheControl } = options;
  if (typeof cacheControl === 'number' && Number.isInteger(cacheControl)) {
    preflightHeaders.push(['Cache-Control', `max-age=${cacheControl}`]);
  } else if (typeof cacheControl === 'string')
    preflightHeaders.push(['Cache-Control', cacheControl]);
  if (options.preflightContinue === true) handedOn(problems, 'preflightContinue', 'fastify');
  if (options.preflight === false) handedOn(problems, 'preflight', 'fastify');
  const status =
    options.optionsSuccessStatus === undefined
      ? 204
      : statusOption(options.optionsSuccessStatus, problems);
  return {
    cors,
    preflight: { handling: { kind: 'answer', status: status ?? 204 }, headers: preflightHeaders },
  };
}

// Hono 4 (middleware/cors). Defaults: origin "*", methods GET, HEAD, PUT, POST, DELETE,
// PATCH and QUERY, the requested headers reflected, always 204.
function fromHono(options: Options, problems: Problems): Imported {
  unknownOptions(
    options,
    ['origin', 'allowMethods', 'allowHeaders', 'exposeHeaders', 'credentials', 'maxAge'],
    'hono',
    problems,
  );
  const cors: Cors = {};
  const origin = options.origin ?? '*';
  if (origin === '*') cors.allowOrigin = '*';
  else if (typeof origin === 'string') cors.allowOrigin = { allowList: [origin] };
  else if (Array.isArray(origin)) {
    const list = origins(origin, 'origin', problems);
    if (list !== undefined) cors.allowOrigin = { allowList: list };
  } else problems.add('origin', 'must be "*", an origin or a list of origins');

  if (options.credentials) cors.allowCredentials = true;
  const methods = names(
    options.allowMethods ?? ['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'PATCH', 'QUERY'],
    'allowMethods',
    problems,
  );
  cors.allowMethods = listSetting(methods);
  const headers = listSetting(names(options.allowHeaders ?? [], 'allowHeaders', problems));
  cors.allowHeaders = headers ?? 'reflect';
  const notes =
    headers === undefined
      ? [
          'Hono sends Vary: Access-Control-Request-Headers only with headers it reflects; the config sends it on every preflight',
        ]
      : [];
  if (options.exposeHeaders !== undefined) {
    cors.exposeHeaders = listSetting(names(options.exposeHeaders, 'exposeHeaders', problems));
  }
  if (options.maxAge !== undefined && options.maxAge !== null) {
    cors.maxAge = maxAgeSetting(options.maxAge, problems);
  }
  return {
    cors,
    preflight: {
      handling: { kind: 'answer', status: 204 },
      // Hono adds it with any allowed headers, not only reflected ones.
      headers: headers === undefined ? [] : [['Vary', 'Access-Control-Request-Headers']],
    },
    notes,
  };
}

const IMPORTERS: Record<ImportLibrary, (options: Options, problems: Problems) => Imported> = {
  express: fromExpress,
  fastify: fromFastify,
  hono: fromHono,
};

/**
 * A middleware's options (JSON, an object literal, or the call that takes them) as the server
 * config that answers as the middleware does; nothing in the text is run.
 */
export function importCorsOptions(library: ImportLibrary, text: string): ImportResult {
  const parsed = parseOptionsLiteral(text);
  if (!parsed.ok) return { ok: false, problems: [{ path: '(text)', message: parsed.error }] };
  const { value } = parsed;
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    value instanceof RegExpLiteral
  ) {
    return {
      ok: false,
      problems: [{ path: '(text)', message: 'must be an options object, { ... }' }],
    };
  }
  const problems = new Problems();
  const imported = IMPORTERS[library](value, problems);
  if (problems.list.length > 0) return { ok: false, problems: problems.list };
  const cors = Object.fromEntries(
    Object.entries(imported.cors).filter(([, setting]) => setting !== undefined),
  );
  const config = parseServerConfig({
    version: 1,
    cors,
    ...(imported.preflight === undefined ? {} : { preflight: imported.preflight }),
    ...(imported.extra === undefined ? {} : { actual: { headers: imported.extra } }),
  });
  if (!config.ok) return { ok: false, problems: config.issues };
  return { ok: true, config: config.value, notes: imported.notes ?? [] };
}
