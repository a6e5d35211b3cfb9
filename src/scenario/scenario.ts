import { includesCredentials, isHttpScheme, parseUrl, serializeOrigin } from '../cors/url.ts';
import { placeholderValueSchema } from './header-value.ts';
import { checkedUrlSchema, isUrlDraft, requestDraftSchema } from './request-draft.ts';
import { serverConfigSchema, type ConfigIssue, type ParseResult } from './server-config.ts';
import { z } from './zod.ts';

/** The server part of a scenario: a server config without its own `version`. */
export const scenarioServerSchema = z.omit(serverConfigSchema, { version: true });

/**
 * What a step should come to. Every field is optional; each given one is checked.
 * Header names are compared case-insensitively.
 */
export const expectationSchema = z.strictObject({
  /** `allowed`: fetch() resolved; `blocked`: a CORS check failed; `type-error`: fetch()
   * refused its arguments; `network-error`: failed without a CORS error. */
  outcome: z.optional(z.enum(['allowed', 'blocked', 'type-error', 'network-error'])),
  /**
   * The failing check, as Chromium names it, e.g. `PreflightMissingAllowOriginHeader`; `null`:
   * Chromium reported no CORS error at all.
   */
  corsError: z.optional(z.nullable(z.string())),
  /** Chromium's failedParameter, e.g. the disallowed header name. */
  failedParameter: z.optional(z.string()),
  /** Whether a preflight crossed the wire, came from the cache, or was not needed. */
  preflight: z.optional(z.enum(['sent', 'cached', 'none'])),
  /** Response header names JavaScript can read. */
  readable: z.optional(z.array(z.string())),
  /** Response header names sent but hidden from JavaScript. */
  hidden: z.optional(z.array(z.string())),
  /** The status JavaScript saw (0 for an opaque response). */
  status: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(999))),
  /** `response.type`. */
  type: z.optional(z.enum(['basic', 'cors', 'opaque', 'opaqueredirect'])),
  /**
   * Response headers JavaScript reads, with their exact values as `headers.get()` gives them
   * (placeholders replaced: `{{origin}}` the page's origin, `{{target}}` the request's).
   */
  headers: z.optional(z.record(z.string(), placeholderValueSchema)),
  /**
   * Request headers the target received with the request itself (the last one, after any
   * redirect): `true` arrived, `false` did not, or its exact value (placeholders replaced),
   * e.g. `{ "origin": "null" }` after a cross-origin redirect.
   */
  requestHeaders: z.optional(z.record(z.string(), z.union([z.boolean(), placeholderValueSchema]))),
  /** Whether the request itself (not a preflight) reached the target. */
  request: z.optional(z.enum(['sent', 'never-sent'])),
  /** Whether a `Cookie` line arrived with the request, or why not (see src/cors/facts.ts). */
  cookie: z.optional(
    z.enum([
      'arrived',
      'nothing-arrived',
      'credentials-omit',
      'credentials-same-origin',
      'cross-site',
      'none-stored',
    ]),
  ),
});
export type Expectation = z.infer<typeof expectationSchema>;

/** One fetch() in a scenario, after an optional wait and server change. */
export const stepSchema = z.strictObject({
  /** Wait this long first (e.g. to let a preflight cache entry expire). */
  waitMs: z._default(z.number().check(z.int(), z.minimum(0), z.maximum(15_000)), 0),
  /** Replace the server config before this step (the page is not told). */
  server: z.optional(scenarioServerSchema),
  request: requestDraftSchema,
  expect: z.optional(expectationSchema),
  /**
   * Where Firefox differs: each field given replaces `expect`'s when the step plays in Firefox.
   * Its `corsError` may name Firefox's reason (MDN's code, e.g. `CORSMissingAllowOrigin`), and
   * then `failedParameter` is the value Firefox's message quotes.
   */
  expectFirefox: z.optional(expectationSchema),
});
export type Step = z.output<typeof stepSchema>;

/** What a preset (presets/) teaches, for the playground's gallery. */
export const lessonSchema = z.strictObject({
  /** Where this happens in real life, in two sentences. */
  story: z.string().check(z.minLength(1), z.maxLength(600)),
  /** What to notice in the result. */
  notice: z.string().check(z.minLength(1), z.maxLength(600)),
  /** What to change, on the server or in the request. */
  fix: z.string().check(z.minLength(1), z.maxLength(600)),
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
export const scenarioSchema = z
  .strictObject({
    /** Lets editors find the JSON Schema; ignored otherwise. */
    $schema: z.optional(z.string()),
    version: z.literal(1),
    title: z.string().check(z.minLength(1), z.maxLength(200)),
    description: z.optional(z.string().check(z.maxLength(4000))),
    lesson: z.optional(lessonSchema),
    page: z.optional(pageSchema),
    server: z._default(scenarioServerSchema, scenarioServerSchema.parse({})),
    steps: z.array(stepSchema).check(z.minLength(1), z.maxLength(20)),
  })
  .check(
    z.superRefine((scenario, context) => {
      const origin = scenario.page?.origin;
      if (origin === undefined) return;
      scenario.steps.forEach(({ request }, index) => {
        const path = ['steps', index, 'request'];
        if (isUrlDraft(request)) {
          const url = parseUrl(request.url);
          // The page's host and port lead to the runner's page server, not to the user's.
          if (url !== undefined && serializeOrigin(url) === origin) {
            context.addIssue({
              code: 'custom',
              path: [...path, 'url'],
              input: request.url,
              message: `is on the page's own origin (${origin}), where the runner serves its page: a same-origin request needs no CORS, and cannot reach your server here`,
            });
          }
        } else if (request.target === 'sameOrigin') {
          context.addIssue({
            code: 'custom',
            path: [...path, 'target'],
            input: request.target,
            message: `is the playground's own origin, which is not the page's with \`page.origin\` (${origin})`,
          });
        }
      });
    }),
  );
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
