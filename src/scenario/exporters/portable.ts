import { effectiveCors, type HeaderLines } from '../cors-headers.ts';
import { placeholdersIn, resolvePlaceholders } from '../config-placeholders.ts';
import {
  actualBodyText,
  actualContentType,
  hasNoContent,
  setCookieLine,
} from '../response-parts.ts';
import { securityLints } from '../security-lints.ts';
import type { Cors, ServerConfig } from '../server-config.ts';

// What every exporter shares: the config as a server outside the playground can answer it,
// or the exact reasons it cannot. An exporter never emits a server that answers differently
// from the playground's target; where it must differ in a way no browser check reads (an
// extra `Vary`, an empty list header instead of none), it says so in a note.

/** The origins the config's placeholders stand for, outside the playground. */
export interface ExportOrigins {
  /** What `{{origin}}` becomes: the origin of the page that calls the server. */
  page: string;
  /** What `{{target}}` becomes: the server's own origin. */
  server: string;
}

/** Something in the config a target cannot express: where, and why. */
export interface ExportProblem {
  path: string;
  reason: string;
}

export type ExportResult =
  { ok: true; code: string; notes: string[] } | { ok: false; problems: ExportProblem[] };

/**
 * The code with the config's security warnings (`securityLints`) as comments on top, each with
 * its attack in a sentence, in the target's comment syntax; the code itself unchanged.
 */
export function withSecurityWarnings(
  config: ServerConfig,
  code: string,
  comment: '//' | '#',
): string {
  const lints = securityLints(config);
  if (lints.length === 0) return code;
  return [
    `${comment} Security warnings (CORS Playground):`,
    ...lints.map((lint) => `${comment} - ${lint.warning} ${lint.why}`),
    '',
    code,
  ].join('\n');
}

/** The actual response, as the route answers it (framing left to the server). */
export interface PortableActual {
  status: number;
  cors: Cors;
  /** Extra lines and `Set-Cookie` lines, in order. */
  headers: HeaderLines;
  /**
   * Absent for 204 and 304, which have no content. No `contentType` when the target writes no
   * Content-Type line of its own: none at all, or the one the extra lines list.
   */
  body: { contentType: string | undefined; text: string } | undefined;
}

export type PortablePreflight =
  | { kind: 'answer'; status: number; cors: Cors; headers: HeaderLines }
  /** No OPTIONS handler: a preflight gets the actual response. */
  | { kind: 'fallthrough' };

export interface Portable {
  preflight: PortablePreflight;
  actual: PortableActual;
}

/**
 * The config with its placeholders replaced, split into the two answers a server gives, or
 * what no exporter can express: exact raw bytes, redirects to the playground's own targets,
 * a delay, and values that depend on the request's `Origin` through a placeholder.
 */
export function portableConfig(
  config: ServerConfig,
  origins: ExportOrigins,
): { ok: true; value: Portable } | { ok: false; problems: ExportProblem[] } {
  const problems: ExportProblem[] = [];
  if (config.raw?.preflight !== undefined) {
    problems.push({
      path: 'raw.preflight',
      reason:
        'an exact raw preflight response (status line and header lines as bytes) is below what a server config writes',
    });
  }
  if (config.raw?.actual !== undefined) {
    problems.push({
      path: 'raw.actual',
      reason:
        'an exact raw response (status line and header lines as bytes) is below what a server config writes',
    });
  }
  if (config.preflight.handling.kind === 'redirect') {
    problems.push({
      path: 'preflight.handling',
      reason:
        "the preflight redirects to one of the playground's own targets, which exist only in the playground",
    });
  }
  if (config.actual.redirects.length > 0) {
    problems.push({
      path: 'actual.redirects',
      reason:
        "the redirects lead to the playground's own targets, which exist only in the playground",
    });
  }
  if (config.actual.delayMs > 0) {
    problems.push({
      path: 'actual.delayMs',
      reason: `a ${config.actual.delayMs} ms wait before answering is the playground's, not part of a CORS setup`,
    });
  }
  if (placeholdersIn(config).has('{{request-origin}}')) {
    problems.push({
      path: '(values using {{request-origin}})',
      reason:
        "a literal value built from the request's Origin is the playground's placeholder; use reflect or an allow-list",
    });
  }
  if (problems.length > 0) return { ok: false, problems };

  const resolved = resolvePlaceholders(config, {
    origin: origins.page,
    target: origins.server,
    requestOrigin: undefined,
  });
  const { actual } = resolved;
  const handling = resolved.preflight.handling;
  return {
    ok: true,
    value: {
      preflight:
        handling.kind === 'answer'
          ? {
              kind: 'answer',
              status: handling.status,
              cors: effectiveCors(resolved, 'preflight'),
              headers: resolved.preflight.headers,
            }
          : { kind: 'fallthrough' },
      actual: {
        status: actual.status,
        cors: effectiveCors(resolved, 'actual'),
        headers: [
          ...actual.headers,
          ...actual.cookies.map((cookie): [string, string] => [
            'Set-Cookie',
            setCookieLine(cookie),
          ]),
        ],
        body: hasNoContent(actual.status)
          ? undefined
          : {
              contentType: actualContentType(actual),
              text: actualBodyText(actual),
            },
      },
    },
  };
}

/**
 * Where a server with this origin listens: its host (IPv6 in brackets, as in a URL) and its
 * port, the scheme's default when the origin names none.
 */
export function listenAddress(origin: string): { host: string; port: number; hostPort: string } {
  const match = /^([a-z][a-z0-9+.-]*):\/\/(\[[^\]]*\]|[^:/]*)(?::(\d+))?/i.exec(origin);
  const host = match?.[2] ?? 'localhost';
  const port =
    match?.[3] === undefined
      ? match?.[1]?.toLowerCase() === 'https'
        ? 443
        : 80
      : Number(match[3]);
  return { host, port, hostPort: `${host}:${port}` };
}

/** A list setting's header value, as the target joins it. */
export function listText(value: '*' | string[] | { value: string }): string {
  if (value === '*') return '*';
  if (Array.isArray(value)) return value.join(', ');
  return value.value;
}

/** Whether the target adds `Vary` for this response's settings. */
export function varies(cors: Cors): { origin: boolean; requestHeaders: boolean } {
  const auto = (cors.vary ?? 'auto') === 'auto';
  const { allowOrigin } = cors;
  return {
    origin:
      auto &&
      (allowOrigin === 'reflect' ||
        (typeof allowOrigin === 'object' && 'allowList' in allowOrigin)),
    requestHeaders: auto && cors.allowHeaders === 'reflect',
  };
}

/**
 * What stops the CORS middlewares (`cors`, `@fastify/cors`, Hono's `cors()`), which take one
 * set of options for both answers and answer every preflight themselves, from expressing it.
 */
export function middlewareProblems(portable: Portable, library: string): ExportProblem[] {
  const { preflight, actual } = portable;
  if (preflight.kind === 'fallthrough') {
    return [
      {
        path: 'preflight.handling',
        reason: `${library} answers every preflight itself, so a preflight cannot fall through to the route`,
      },
    ];
  }
  const problems: ExportProblem[] = [];
  if (preflight.headers.length > 0) {
    problems.push({
      path: 'preflight.headers',
      reason: `${library} ends the preflight itself, with no way to add more header lines to it`,
    });
  }
  for (const field of ['allowOrigin', 'allowCredentials'] as const) {
    if (JSON.stringify(preflight.cors[field]) !== JSON.stringify(actual.cors[field])) {
      problems.push({
        path: `preflight.cors.${field}`,
        reason: `${library} takes one ${field} for the preflight and the actual response; the config sends different ones`,
      });
    }
  }
  if ((preflight.cors.vary ?? 'auto') !== (actual.cors.vary ?? 'auto')) {
    problems.push({
      path: 'preflight.cors.vary',
      reason: `${library} adds Vary the same way to both responses; the config differs between them`,
    });
  }
  return problems;
}

/**
 * Whether the response has content but no Content-Type line at all, which servers that add
 * their own when there is none cannot send (and Content-Type is a header JavaScript reads).
 */
export function withoutContentType(actual: PortableActual): boolean {
  return (
    actual.body !== undefined &&
    actual.body.contentType === undefined &&
    !actual.headers.some(([name]) => name.toLowerCase() === 'content-type')
  );
}

/** Extra header lines the route writes that repeat a name (a framework may keep only one). */
export function repeatedNames(lines: HeaderLines): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const [name] of lines) {
    const key = name.toLowerCase();
    if (key !== 'set-cookie' && seen.has(key)) repeated.add(name);
    seen.add(key);
  }
  return [...repeated];
}

/** Where one CORS header line's value comes from. */
export type LineSource =
  | { kind: 'fixed'; value: string }
  /** The request's `Origin`, sent only when the request has one. */
  | { kind: 'origin' }
  /** The request's `Origin` if it is one of these, else no line. */
  | { kind: 'allowList'; origins: string[] }
  /** The request's `Access-Control-Request-Headers`, sent only when it has them. */
  | { kind: 'requestHeaders' };

/**
 * One response's CORS header lines as the target writes them (`compileCorsHeaders`, in its
 * order), each with where its value comes from: what the servers that are not middlewares
 * (node:http, nginx, Apache, Caddy) write line by line.
 */
export function corsLineSources(cors: Cors): [name: string, source: LineSource][] {
  const lines: [string, LineSource][] = [];
  const fixed = (value: string): LineSource => ({ kind: 'fixed', value });
  const { allowOrigin } = cors;
  if (allowOrigin === '*') lines.push(['Access-Control-Allow-Origin', fixed('*')]);
  else if (allowOrigin === 'reflect')
    lines.push(['Access-Control-Allow-Origin', { kind: 'origin' }]);
  else if (allowOrigin !== undefined && 'allowList' in allowOrigin) {
    lines.push([
      'Access-Control-Allow-Origin',
      { kind: 'allowList', origins: allowOrigin.allowList },
    ]);
  } else if (allowOrigin !== undefined) {
    lines.push(['Access-Control-Allow-Origin', fixed(allowOrigin.value)]);
  }
  if (cors.allowCredentials !== undefined) {
    lines.push([
      'Access-Control-Allow-Credentials',
      fixed(cors.allowCredentials === true ? 'true' : cors.allowCredentials.value),
    ]);
  }
  if (cors.allowMethods !== undefined) {
    lines.push(['Access-Control-Allow-Methods', fixed(listText(cors.allowMethods))]);
  }
  if (cors.allowHeaders === 'reflect') {
    lines.push(['Access-Control-Allow-Headers', { kind: 'requestHeaders' }]);
  } else if (cors.allowHeaders !== undefined) {
    lines.push(['Access-Control-Allow-Headers', fixed(listText(cors.allowHeaders))]);
  }
  if (cors.maxAge !== undefined) {
    lines.push([
      'Access-Control-Max-Age',
      fixed(typeof cors.maxAge === 'number' ? String(cors.maxAge) : cors.maxAge.value),
    ]);
  }
  if (cors.exposeHeaders !== undefined) {
    lines.push(['Access-Control-Expose-Headers', fixed(listText(cors.exposeHeaders))]);
  }
  const vary = varies(cors);
  const varyOn = [
    ...(vary.origin ? ['Origin'] : []),
    ...(vary.requestHeaders ? ['Access-Control-Request-Headers'] : []),
  ];
  if (varyOn.length > 0) lines.push(['Vary', fixed(varyOn.join(', '))]);
  return lines;
}
