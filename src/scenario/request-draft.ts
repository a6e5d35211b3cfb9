import { includesCredentials, isHttpScheme, parseUrl } from '../cors/url.ts';
import { MAX_BODY_CHARS } from './server-config.ts';
import { z } from './zod.ts';

/**
 * Where the page sends its request: one of the session's targets, or its own origin
 * (the app, through which nothing is cross-origin).
 */
export const requestTargetSchema = z.enum(['sameSite', 'crossSite', 'second', 'sameOrigin']);
export type RequestTarget = z.infer<typeof requestTargetSchema>;

/** Path and query after the session prefix, e.g. `/items?page=2`. */
export const requestPathSchema = z
  .string()
  .check(
    z.maxLength(2048),
    z.regex(/^\/[^\s#]*$/, { message: 'must start with "/" and contain no spaces or "#"' }),
  );

/** Why `text` cannot be a request's absolute URL, or undefined when it can. */
export function absoluteUrlProblem(text: string): string | undefined {
  const url = parseUrl(text);
  if (url === undefined || !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(text)) {
    return 'must be an absolute URL such as "http://localhost:3000/api/items"';
  }
  if (!isHttpScheme(url)) return `must be an http or https URL, not ${url.scheme}:`;
  // fetch() throws a TypeError on credentials in its URL (Fetch Standard, Request constructor
  // step 5.3): a file that names them could not play.
  if (includesCredentials(url)) return 'must not include a user name or password';
  // A fragment never reaches the server, so it could only mislead.
  if (url.fragment !== '') return 'must not include a fragment ("#...")';
  if (/\s/.test(text)) return 'must contain no spaces';
  return undefined;
}

/** A URL-like string that `problemOf` finds nothing wrong with, or its problem as the issue. */
export function checkedUrlSchema(problemOf: (text: string) => string | undefined) {
  return z.string().check(
    z.maxLength(2048),
    z.superRefine((text, context) => {
      const problem = problemOf(text);
      if (problem !== undefined)
        context.addIssue({ code: 'custom', message: problem, input: text });
    }),
  );
}

/** A request's absolute URL: an http(s) URL without credentials or a fragment. */
export const requestUrlSchema = checkedUrlSchema(absoluteUrlProblem);

const fetchOptionShape = {
  method: z._default(z.string().check(z.minLength(1), z.maxLength(64)), 'GET'),
  headers: z._default(
    z
      .array(z.tuple([z.string().check(z.maxLength(256)), z.string().check(z.maxLength(8192))]))
      .check(z.maxLength(100)),
    [],
  ),
  body: z.optional(z.string().check(z.maxLength(MAX_BODY_CHARS))),
  mode: z._default(z.enum(['cors', 'no-cors', 'same-origin']), 'cors'),
  credentials: z._default(z.enum(['omit', 'same-origin', 'include']), 'same-origin'),
  redirect: z._default(z.enum(['follow', 'error', 'manual']), 'follow'),
  cache: z._default(
    z.enum(['default', 'no-store', 'reload', 'no-cache', 'force-cache', 'only-if-cached']),
    'default',
  ),
};

/** A draft for one of the session's targets, as the playground's page sends it. */
export const targetDraftSchema = z.strictObject({
  target: z._default(requestTargetSchema, 'sameSite'),
  path: z._default(requestPathSchema, '/'),
  ...fetchOptionShape,
});

/**
 * A `fetch()` as the page will make it. Method, header names and values are kept as
 * typed, even where `fetch()` will refuse them, since showing that is part of the lesson.
 * It goes either to one of the session's targets (`target` and `path`) or to any server
 * (`url`, e.g. the user's own API), never both.
 */
export const requestDraftSchema = z.pipe(
  z
    .strictObject({
      /** One of the playground's targets (default `sameSite`); not with `url`. */
      target: z.optional(requestTargetSchema),
      /** Path and query after the session prefix (default `/`); not with `url`. */
      path: z.optional(requestPathSchema),
      /** Any server's absolute http(s) URL, instead of a target and a path. */
      url: z.optional(requestUrlSchema),
      ...fetchOptionShape,
    })
    .check(
      z.superRefine((draft, context) => {
        if (draft.url === undefined) return;
        for (const key of ['path', 'target'] as const) {
          if (draft[key] === undefined) continue;
          context.addIssue({
            code: 'custom',
            path: [key],
            input: draft[key],
            message: `cannot be given with \`url\`, which names the whole URL: put the path in \`url\`, or drop \`url\` to use a built-in target`,
          });
        }
      }),
    ),
  z.transform(({ target, path, url, ...options }) =>
    url === undefined
      ? { target: target ?? 'sameSite', path: path ?? '/', ...options }
      : { url, ...options },
  ),
);
export type RequestDraft = z.output<typeof requestDraftSchema>;
export type RequestDraftInput = z.input<typeof requestDraftSchema>;
/** A draft for one of the session's targets. */
export type TargetDraft = z.output<typeof targetDraftSchema>;
export type TargetDraftInput = z.input<typeof targetDraftSchema>;
/** A draft for any server's absolute URL. */
export type UrlDraft = Extract<RequestDraft, { url: string }>;

/** Whether a draft names an absolute URL rather than one of the session's targets. */
export function isUrlDraft(draft: RequestDraft): draft is UrlDraft {
  return 'url' in draft;
}

/** The `init` argument of `fetch()` (a structural subset of the DOM's RequestInit). */
export interface FetchInit {
  method: string;
  headers: [string, string][];
  body?: string;
  mode: RequestDraft['mode'];
  credentials: RequestDraft['credentials'];
  redirect: RequestDraft['redirect'];
  cache: RequestDraft['cache'];
}

/** The `init` argument of `fetch()` for a draft. */
export function fetchInit(draft: RequestDraft): FetchInit {
  return {
    method: draft.method,
    headers: draft.headers,
    ...(draft.body === undefined ? {} : { body: draft.body }),
    mode: draft.mode,
    credentials: draft.credentials,
    redirect: draft.redirect,
    cache: draft.cache,
  };
}
