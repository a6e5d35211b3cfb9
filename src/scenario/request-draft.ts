import { z } from 'zod';
import { MAX_BODY_CHARS } from './server-config.ts';

/**
 * Where the page sends its request: one of the session's targets, or its own origin
 * (the app, through which nothing is cross-origin).
 */
export const requestTargetSchema = z.enum(['sameSite', 'crossSite', 'second', 'sameOrigin']);
export type RequestTarget = z.infer<typeof requestTargetSchema>;

/**
 * A `fetch()` as the page will make it. Method, header names and values are kept as
 * typed, even where `fetch()` will refuse them, since showing that is part of the lesson.
 */
export const requestDraftSchema = z.strictObject({
  target: requestTargetSchema.default('sameSite'),
  method: z.string().min(1).max(64).default('GET'),
  /** Path and query after the session prefix, e.g. `/items?page=2`. */
  path: z
    .string()
    .max(2048)
    .regex(/^\/[^\s#]*$/, { message: 'must start with "/" and contain no spaces or "#"' })
    .default('/'),
  headers: z
    .array(z.tuple([z.string().max(256), z.string().max(8192)]))
    .max(100)
    .default([]),
  body: z.string().max(MAX_BODY_CHARS).optional(),
  mode: z.enum(['cors', 'no-cors', 'same-origin']).default('cors'),
  credentials: z.enum(['omit', 'same-origin', 'include']).default('same-origin'),
  redirect: z.enum(['follow', 'error', 'manual']).default('follow'),
  cache: z
    .enum(['default', 'no-store', 'reload', 'no-cache', 'force-cache', 'only-if-cached'])
    .default('default'),
});
export type RequestDraft = z.output<typeof requestDraftSchema>;
export type RequestDraftInput = z.input<typeof requestDraftSchema>;

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
