import type { Cors, RedirectHop, ServerConfig } from './server-config.ts';

/** Header lines as they go on the wire: order, case and duplicates kept. */
export type HeaderLines = [name: string, value: string][];

/** Which response the target is writing. */
export type ResponseKind = 'preflight' | 'actual';

/** What of the incoming request the CORS headers may depend on. */
export interface IncomingRequest {
  /** The request's `Origin` header, if it had one. */
  origin: string | undefined;
  /** The request's `Access-Control-Request-Headers`, if it had one. */
  requestHeaders?: string | undefined;
}

/**
 * The CORS header lines for one request, computed from a compiled config. The lines may be
 * shared between requests (nothing is copied when nothing depends on the request): read
 * them, never change them.
 */
export interface CorsHeaderPlan {
  (request: IncomingRequest): HeaderLines;
  /**
   * What of the request the lines depend on, so that a server may keep the answer for
   * each distinct value: with neither, every request gets the same lines.
   */
  readonly reads: { readonly origin: boolean; readonly requestHeaders: boolean };
}

/** The shared CORS settings with one kind's overrides applied (`null` = not sent). */
export function effectiveCors(config: ServerConfig, kind: ResponseKind): Cors {
  const merged = new Map(Object.entries(config.cors));
  for (const [field, value] of Object.entries(config[kind].cors)) {
    if (value === null) merged.delete(field);
    else if (value !== undefined) merged.set(field, value);
  }
  // Each header belongs to one response: methods, headers and max-age answer a preflight;
  // exposed headers matter only on the actual response (as expressjs/cors sends them).
  const elsewhere =
    kind === 'actual' ? ['allowMethods', 'allowHeaders', 'maxAge'] : ['exposeHeaders'];
  for (const field of elsewhere) merged.delete(field);
  return Object.fromEntries(merged) as Cors;
}

/** The CORS settings a redirect hop answers with: the actual response's, none, or its own. */
export function hopCors(config: ServerConfig, hop: RedirectHop): Cors {
  if (hop.cors === true) return effectiveCors(config, 'actual');
  return hop.cors === false ? {} : hop.cors;
}

function listValue(value: '*' | string[] | { value: string }): string {
  if (value === '*') return '*';
  if (Array.isArray(value)) return value.join(', ');
  return value.value;
}

/**
 * Compiles one kind's CORS headers once, when the config changes (as Hono builds its
 * origin check when `cors()` is called): lines that never vary are built here, and the
 * returned plan only fills in what depends on the request.
 */
export function compileCorsHeaders(config: ServerConfig, kind: ResponseKind): CorsHeaderPlan {
  return compileCors(effectiveCors(config, kind));
}

/** Compiles CORS settings into the plan of their lines (see compileCorsHeaders). */
export function compileCors(cors: Cors): CorsHeaderPlan {
  const { allowOrigin } = cors;
  const varyOn: string[] = [];

  let originLine: ((request: IncomingRequest) => string | undefined) | undefined;
  if (allowOrigin === '*') originLine = () => '*';
  else if (allowOrigin === 'reflect') {
    originLine = (request) => request.origin;
    varyOn.push('Origin');
  } else if (allowOrigin !== undefined && 'allowList' in allowOrigin) {
    // Exact match, as the common middlewares compare: no normalisation of case or slash.
    const allowed = new Set(allowOrigin.allowList);
    originLine = (request) =>
      request.origin !== undefined && allowed.has(request.origin) ? request.origin : undefined;
    varyOn.push('Origin');
  } else if (allowOrigin !== undefined) {
    const { value } = allowOrigin;
    originLine = () => value;
  }

  const fixed: HeaderLines = [];
  if (cors.allowCredentials !== undefined) {
    fixed.push([
      'Access-Control-Allow-Credentials',
      cors.allowCredentials === true ? 'true' : cors.allowCredentials.value,
    ]);
  }
  if (cors.allowMethods !== undefined) {
    fixed.push(['Access-Control-Allow-Methods', listValue(cors.allowMethods)]);
  }
  const reflectHeaders = cors.allowHeaders === 'reflect';
  const headersIndex = fixed.length;
  if (cors.allowHeaders !== undefined && cors.allowHeaders !== 'reflect') {
    fixed.push(['Access-Control-Allow-Headers', listValue(cors.allowHeaders)]);
  }
  if (reflectHeaders) varyOn.push('Access-Control-Request-Headers');
  if (cors.maxAge !== undefined) {
    fixed.push([
      'Access-Control-Max-Age',
      typeof cors.maxAge === 'number' ? String(cors.maxAge) : cors.maxAge.value,
    ]);
  }
  if (cors.exposeHeaders !== undefined) {
    fixed.push(['Access-Control-Expose-Headers', listValue(cors.exposeHeaders)]);
  }
  if ((cors.vary ?? 'auto') === 'auto' && varyOn.length > 0) {
    fixed.push(['Vary', varyOn.join(', ')]);
  }

  // The lines vary with exactly what `Vary` names (whether or not `Vary` is sent).
  const reads = { origin: varyOn.includes('Origin'), requestHeaders: reflectHeaders };
  if (originLine === undefined && !reflectHeaders) return Object.assign(() => fixed, { reads });
  const plan = (request: IncomingRequest): HeaderLines => {
    const lines = [...fixed];
    if (reflectHeaders && request.requestHeaders !== undefined) {
      lines.splice(headersIndex, 0, ['Access-Control-Allow-Headers', request.requestHeaders]);
    }
    const origin = originLine?.(request);
    if (origin !== undefined) lines.unshift(['Access-Control-Allow-Origin', origin]);
    return lines;
  };
  return Object.assign(plan, { reads });
}

/**
 * The CORS header lines the target writes for one request. Pure, so that unit tests
 * and exporters see exactly what the server will send.
 */
export function corsHeadersFor(
  config: ServerConfig,
  kind: ResponseKind,
  request: IncomingRequest,
): HeaderLines {
  return [...compileCorsHeaders(config, kind)(request)];
}
