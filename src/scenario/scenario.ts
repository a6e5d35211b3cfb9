import { z } from 'zod';
import { includesCredentials, isHttpScheme, parseUrl, serializeOrigin } from '../cors/url.ts';
import { placeholderValueSchema } from './header-value.ts';
import { checkedUrlSchema, requestDraftSchema } from './request-draft.ts';
import { serverConfigSchema, type ConfigIssue, type ParseResult } from './server-config.ts';

/** The server part of a scenario: a server config without its own `version`. */
export const scenarioServerSchema = serverConfigSchema.omit({ version: true });

/**
 * What a step should come to. Every field is optional; each given one is checked.
 * Header names are compared case-insensitively.
 */
export const expectationSchema = z.strictObject({
  /** `allowed`: fetch() resolved; `blocked`: a CORS check failed; `type-error`: fetch()
   * refused its arguments; `network-error`: failed without a CORS error. */
  outcome: z.enum(['allowed', 'blocked', 'type-error', 'network-error']).optional(),
  /**
   * The failing check, as Chromium names it, e.g. `PreflightMissingAllowOriginHeader`; `null`:
   * Chromium reported no CORS error at all.
   */
  corsError: z.string().nullable().optional(),
  /** Chromium's failedParameter, e.g. the disallowed header name. */
  failedParameter: z.string().optional(),
  /** Whether a preflight crossed the wire, came from the cache, or was not needed. */
  preflight: z.enum(['sent', 'cached', 'none']).optional(),
  /** Response header names JavaScript can read. */
  readable: z.array(z.string()).optional(),
  /** Response header names sent but hidden from JavaScript. */
  hidden: z.array(z.string()).optional(),
  /** The status JavaScript saw (0 for an opaque response). */
  status: z.number().int().min(0).max(999).optional(),
  /** `response.type`. */
  type: z.enum(['basic', 'cors', 'opaque', 'opaqueredirect']).optional(),
  /**
   * Response headers JavaScript reads, with their exact values as `headers.get()` gives them
   * (placeholders replaced: `{{origin}}` the page's origin, `{{target}}` the request's).
   */
  headers: z.record(z.string(), placeholderValueSchema).optional(),
  /**
   * Request headers the target received with the request itself (the last one, after any
   * redirect): `true` arrived, `false` did not, or its exact value (placeholders replaced),
   * e.g. `{ "origin": "null" }` after a cross-origin redirect.
   */
  requestHeaders: z.record(z.string(), z.union([z.boolean(), placeholderValueSchema])).optional(),
  /** Whether the request itself (not a preflight) reached the target. */
  request: z.enum(['sent', 'never-sent']).optional(),
  /** Whether a `Cookie` line arrived with the request, or why not (see src/cors/facts.ts). */
  cookie: z
    .enum([
      'arrived',
      'nothing-arrived',
      'credentials-omit',
      'credentials-same-origin',
      'cross-site',
      'none-stored',
    ])
    .optional(),
});
export type Expectation = z.infer<typeof expectationSchema>;

/** One fetch() in a scenario, after an optional wait and server change. */
export const stepSchema = z.strictObject({
  /** Wait this long first (e.g. to let a preflight cache entry expire). */
  waitMs: z.number().int().min(0).max(15_000).default(0),
  /** Replace the server config before this step (the page is not told). */
  server: scenarioServerSchema.optional(),
  request: requestDraftSchema,
  expect: expectationSchema.optional(),
});
export type Step = z.output<typeof stepSchema>;

/** What a preset (presets/) teaches, for the playground's gallery. */
export const lessonSchema = z.strictObject({
  /** Where this happens in real life, in two sentences. */
  story: z.string().min(1).max(600),
  /** What to notice in the result. */
  notice: z.string().min(1).max(600),
  /** What to change, on the server or in the request. */
  fix: z.string().min(1).max(600),
});
export type Lesson = z.infer<typeof lessonSchema>;

/** Why `text` cannot be a page's origin, or undefined when it is one, serialized. */
export function pageOriginProblem(text: string): string | undefined {
  const url = parseUrl(text);
  if (url === undefined || !isHttpScheme(url) || !/^https?:\/\//i.test(text)) {
    return 'must be an http or https origin such as "https://app.example.com"';
  }
  if (includesCredentials(url)) return 'must not include a user name or password';
  const origin = serializeOrigin(url);
  // `Origin` carries the serialization, so a file's origin must be written as it: a path, a
  // trailing slash, upper case or a default port would never match what the server sees.
  if (text !== origin) return `must be written as browsers serialize it: "${origin}"`;
  return undefined;
}

/** Where the runner serves the page whose fetch() calls a scenario plays. */
export const pageSchema = z.strictObject({
  /**
   * The page's origin, e.g. `https://app.example.com`: the `Origin` the requests carry. The
   * runner serves its page there inside the browser (the host resolves to loopback, and an
   * https origin gets a certificate only that browser trusts). Default: the playground's own.
   */
  origin: checkedUrlSchema(pageOriginProblem),
});
export type PageSpec = z.infer<typeof pageSchema>;

/**
 * A scenario: a server, then one or more requests from one page, with what each should
 * come to. Steps share one browser context, so the preflight cache carries over.
 */
export const scenarioSchema = z.strictObject({
  /** Lets editors find the JSON Schema; ignored otherwise. */
  $schema: z.string().optional(),
  version: z.literal(1),
  title: z.string().min(1).max(200),
  description: z.string().max(4000).optional(),
  lesson: lessonSchema.optional(),
  page: pageSchema.optional(),
  server: scenarioServerSchema.default(scenarioServerSchema.parse({})),
  steps: z.array(stepSchema).min(1).max(20),
});
export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;

function formatPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}

/** Validates unknown input (e.g. a parsed scenario file), filling in defaults. */
export function parseScenario(input: unknown): ParseResult<Scenario> {
  const result = scenarioSchema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue): ConfigIssue => ({
      path: formatPath(issue.path),
      message: issue.message,
    })),
  };
}
