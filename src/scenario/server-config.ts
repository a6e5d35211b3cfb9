import { z } from './zod.ts';
import {
  builtHeaderLinesSchema,
  headerValueSchema,
  hopRawHeaderLinesSchema,
  LATIN1_ONLY,
  placeholderValueSchema,
  rawHeaderLinesSchema,
  tokenSchema,
} from './header-value.ts';

// Conventions of this schema:
// - A CORS header left out is not sent. In a preflight or actual override, `null` means
//   "not sent here", and a field left out takes the shared value.
// - `{ value: "..." }` sends a literal, for the subtly wrong values real servers send.
// - Literal values, allow-list entries and extra or raw header lines may hold placeholders,
//   such as `{{origin}}` for the page's origin (src/scenario/placeholders.ts).

/** A literal header value, sent exactly as written (placeholders replaced). */
const literal = z.strictObject({ value: placeholderValueSchema });

/** A list of methods or header names. */
const tokenList = z.array(tokenSchema).check(z.minLength(1), z.maxLength(50));

/**
 * `Access-Control-Allow-Origin`: `*`; `reflect` the request's `Origin`; an `allowList` of
 * origins compared exactly (the request's origin is sent back if listed, else no header,
 * as the common middlewares do); or a literal `value`.
 */
export const allowOriginSchema = z.union(
  [
    z.literal('*'),
    z.literal('reflect'),
    z.strictObject({
      allowList: z.array(placeholderValueSchema).check(z.minLength(1), z.maxLength(50)),
    }),
    literal,
  ],
  { error: 'must be "*", "reflect", { "allowList": [origins] } or { "value": "..." }' },
);

export type AllowOrigin = z.infer<typeof allowOriginSchema>;

/** `Access-Control-Allow-Credentials`: `true` sends `true`; a literal for anything else. */
export const allowCredentialsSchema = z.union([z.literal(true), literal], {
  error: 'must be true or { "value": "..." }',
});

/** `Access-Control-Allow-Methods`: a list (joined with ", "), `*`, or a literal. */
export const allowMethodsSchema = z.union([z.literal('*'), tokenList, literal], {
  error: 'must be "*", a list of methods, or { "value": "..." }',
});

/**
 * `Access-Control-Allow-Headers`: a list, `*`, `reflect` the request's
 * `Access-Control-Request-Headers`, or a literal.
 */
export const allowHeadersSchema = z.union(
  [z.literal('*'), z.literal('reflect'), tokenList, literal],
  { error: 'must be "*", "reflect", a list of header names, or { "value": "..." }' },
);

/** `Access-Control-Expose-Headers`: a list, `*`, or a literal. */
export const exposeHeadersSchema = z.union([z.literal('*'), tokenList, literal], {
  error: 'must be "*", a list of header names, or { "value": "..." }',
});

/** `Access-Control-Max-Age`: seconds, or a literal. */
export const maxAgeSchema = z.union(
  [z.number().check(z.int(), z.minimum(0), z.maximum(2_147_483_647)), literal],
  {
    error: 'must be a whole number of seconds, or { "value": "..." }',
  },
);

/**
 * `Vary`: `auto` adds `Vary: Origin` when the answer depends on the origin (reflect or an
 * allow-list), and `Access-Control-Request-Headers` when allowed headers are reflected;
 * `off` never does (a classic caching bug).
 */
export const varySchema = z.enum(['auto', 'off']);

/** The CORS headers shared by the preflight and the actual response. */
export const corsSchema = z.strictObject({
  allowOrigin: z.optional(allowOriginSchema),
  allowCredentials: z.optional(allowCredentialsSchema),
  allowMethods: z.optional(allowMethodsSchema),
  allowHeaders: z.optional(allowHeadersSchema),
  exposeHeaders: z.optional(exposeHeadersSchema),
  maxAge: z.optional(maxAgeSchema),
  vary: z.optional(varySchema),
});
export type Cors = z.infer<typeof corsSchema>;

/** Where a redirect points: one of the playground's targets, same session and path. */
export const targetRefSchema = z.enum(['sameSite', 'crossSite', 'second']);
export type TargetRef = z.infer<typeof targetRefSchema>;

export const redirectStatusSchema = z.union(
  [z.literal(301), z.literal(302), z.literal(303), z.literal(307), z.literal(308)],
  { error: 'must be a redirect status: 301, 302, 303, 307 or 308' },
);

/**
 * A final status: any three digits, as a status line can carry (RFC 9112, section 4), but not
 * a 1xx, which HTTP allows only as an interim response before the final one (RFC 9110,
 * section 15.2); a raw response can still write one.
 */
export const finalStatusSchema = z.number().check(
  z.int(),
  z.minimum(200, {
    message:
      'must be 200 or more: a 1xx is an interim response, which HTTP allows only before a final one (write it in a raw response)',
  }),
  z.maximum(999, { message: 'must be at most 999: a status is three digits' }),
);

/**
 * How `OPTIONS` is answered:
 * - `answer`: with this status and the preflight's CORS headers
 * - `fallthrough`: no OPTIONS handler, so the request reaches the route like any other
 *   method and gets the actual response (many frameworks do this)
 * - `redirect`: a redirect, which a preflight may never follow
 */
export const preflightHandlingSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('answer'), status: finalStatusSchema }),
  z.strictObject({ kind: z.literal('fallthrough') }),
  z.strictObject({
    kind: z.literal('redirect'),
    status: redirectStatusSchema,
    to: targetRefSchema,
  }),
]);

export const preflightSchema = z.strictObject({
  handling: z._default(preflightHandlingSchema, { kind: 'answer', status: 204 }),
  /** Overrides of the shared CORS headers for the preflight only. */
  cors: z._default(
    z.strictObject({
      allowOrigin: z.optional(z.nullable(allowOriginSchema)),
      allowCredentials: z.optional(z.nullable(allowCredentialsSchema)),
      allowMethods: z.optional(z.nullable(allowMethodsSchema)),
      allowHeaders: z.optional(z.nullable(allowHeadersSchema)),
      maxAge: z.optional(z.nullable(maxAgeSchema)),
      vary: z.optional(varySchema),
    }),
    {},
  ),
  /** More header lines, written after the CORS headers. */
  headers: z._default(builtHeaderLinesSchema, []),
});

/** A part of a `Set-Cookie` line: a `;` in it would start an attribute. */
const cookiePartSchema = headerValueSchema.check(
  z.regex(/^[^;]*$/, { message: 'must not contain ";", which would start an attribute' }),
);

/** A `Set-Cookie` line, built from its parts. */
export const cookieSchema = z.strictObject({
  name: tokenSchema,
  value: cookiePartSchema,
  path: z.optional(cookiePartSchema),
  maxAge: z.optional(z.number().check(z.int())),
  sameSite: z.optional(z.enum(['Strict', 'Lax', 'None'])),
  secure: z.optional(z.boolean()),
  httpOnly: z.optional(z.boolean()),
  partitioned: z.optional(z.boolean()),
});
export type Cookie = z.infer<typeof cookieSchema>;

/**
 * One redirect before the actual response, answered on its own: `cors` is `true` for the actual
 * response's CORS lines, `false` for none, or this hop's own CORS settings (the shared ones do
 * not apply to it; every field given is written, Allow-Headers and Max-Age included). Or `raw`:
 * exactly these lines after the status line, `{{location}}` standing for where the hop leads.
 */
export const redirectHopSchema = z
  .strictObject({
    status: redirectStatusSchema,
    to: targetRefSchema,
    cors: z._default(
      z.union([z.boolean(), corsSchema], {
        error: 'must be true, false, or CORS settings of its own, as in "cors"',
      }),
      true,
    ),
    /** More header lines (e.g. Cache-Control), after the CORS lines and before Location. */
    headers: z._default(builtHeaderLinesSchema, []),
    /**
     * The hop's exact header lines, in order, case and duplicates kept, replacing the lines
     * built from `cors` and `headers` (leave those out). Without a Location line it redirects
     * nowhere; without Content-Length its empty body ends when the target closes.
     */
    raw: z.optional(
      z.strictObject({
        reason: z._default(headerValueSchema, ''),
        headers: hopRawHeaderLinesSchema,
      }),
    ),
  })
  .check(
    z.superRefine((hop, context) => {
      // `cors: true` is the default, so only a value that would change the lines is caught.
      if (hop.raw !== undefined && (hop.cors !== true || hop.headers.length > 0)) {
        context.addIssue({
          code: 'custom',
          path: ['raw'],
          message:
            'cannot be combined with this hop\'s "cors" or "headers": raw lines are the whole response, so write its CORS and other lines among them',
        });
      }
    }),
  )
  // The same rule for the published JSON Schema, which a refinement does not reach.
  .register(z.globalRegistry, {
    dependentSchemas: {
      raw: { properties: { cors: { const: true }, headers: { type: 'array', maxItems: 0 } } },
    },
  });
export type RedirectHop = z.infer<typeof redirectHopSchema>;

export const MAX_BODY_CHARS = 64 * 1024;

export const actualSchema = z.strictObject({
  status: z._default(finalStatusSchema, 200),
  /** The body; without one, a small JSON document describing the request. */
  body: z.optional(
    z.strictObject({
      /** `null` writes no Content-Type line, as a minimal server does. */
      contentType: z.nullable(headerValueSchema),
      text: z.string().check(z.maxLength(MAX_BODY_CHARS)),
    }),
  ),
  /** Overrides of the shared CORS headers for the actual response only. */
  cors: z._default(
    z.strictObject({
      allowOrigin: z.optional(z.nullable(allowOriginSchema)),
      allowCredentials: z.optional(z.nullable(allowCredentialsSchema)),
      exposeHeaders: z.optional(z.nullable(exposeHeadersSchema)),
      vary: z.optional(varySchema),
    }),
    {},
  ),
  /**
   * More header lines (e.g. ETag, Link, X-RateLimit-Remaining), after the CORS headers. A
   * Content-Type among them replaces the one the target would write.
   */
  headers: z._default(builtHeaderLinesSchema, []),
  cookies: z._default(z.array(cookieSchema).check(z.maxLength(20)), []),
  /** Redirects answered before the actual response, one per request, in order. */
  redirects: z._default(z.array(redirectHopSchema).check(z.maxLength(25)), []),
  /** Wait this long before answering. */
  delayMs: z._default(z.number().check(z.int(), z.minimum(0), z.maximum(30_000)), 0),
});

/**
 * An exact response: the status line's status and reason, and the header lines in order,
 * duplicates and case kept. Without a Content-Length line, the body ends when the target
 * closes the connection.
 */
export const rawResponseSchema = z.strictObject({
  status: z.number().check(z.int(), z.minimum(100), z.maximum(999)),
  reason: z._default(headerValueSchema, ''),
  headers: rawHeaderLinesSchema,
  /** Bytes, one per character: write UTF-8 text as its bytes. */
  body: z._default(
    z.string().check(
      z.maxLength(MAX_BODY_CHARS),
      z.regex(LATIN1_ONLY, {
        message:
          'must contain only characters U+0000 to U+00FF: a raw body is bytes, one per character',
      }),
    ),
    '',
  ),
});
export type RawResponseConfig = z.infer<typeof rawResponseSchema>;

/** The target's configuration for one session. Versioned so saved files stay readable. */
export const serverConfigSchema = z.strictObject({
  version: z.literal(1),
  /** The CORS headers, for the preflight and the actual response alike. */
  cors: z._default(corsSchema, {}),
  preflight: z._default(preflightSchema, {
    handling: { kind: 'answer', status: 204 },
    cors: {},
    headers: [],
  }),
  actual: z._default(actualSchema, {
    status: 200,
    cors: {},
    headers: [],
    cookies: [],
    redirects: [],
    delayMs: 0,
  }),
  /**
   * Exact responses that replace the computed ones entirely; the actual one answers after any
   * redirect hops, which still answer first.
   */
  raw: z.optional(
    z.strictObject({
      preflight: z.optional(rawResponseSchema),
      actual: z.optional(rawResponseSchema),
    }),
  ),
});
/** A config with every default filled in: what the server holds and the UI edits. */
export type ServerConfig = z.output<typeof serverConfigSchema>;
/** A config as a person may write it: defaults may be left out. */
export type ServerConfigInput = z.input<typeof serverConfigSchema>;

/** A server that knows nothing of CORS: the usual starting point. */
export const defaultServerConfig: ServerConfig = serverConfigSchema.parse({ version: 1 });

/** One problem with a config: where it is and what is wrong. */
export interface ConfigIssue {
  path: string;
  message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: ConfigIssue[] };

function formatPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}

/** Validates unknown input (e.g. parsed JSON) as a server config, filling in defaults. */
export function parseServerConfig(input: unknown): ParseResult<ServerConfig> {
  const result = serverConfigSchema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      path: formatPath(issue.path),
      message: issue.message,
    })),
  };
}
