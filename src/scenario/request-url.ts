import type { SessionInfo } from './control-api.ts';
import type { RequestTarget } from './request-draft.ts';

/** Where the target's routes start, on every origin that serves them: `/s/<session>/...`. */
export const TARGET_PREFIX = '/s/';

/** The path segment of the request that follows a redirect: `/s/<session>/_hop/<n>/...`. */
export const HOP_SEGMENT = '_hop';

/** A session's base URL on one origin: the target's routes for that session start there. */
export function sessionBase(origin: string, sessionId: string): string {
  return `${origin}${TARGET_PREFIX}${sessionId}`;
}

/** Where a target URL leads within a session's routes. */
export interface TargetRoute {
  sessionId: string;
  /** 0 for the request the page made; n for the request that followed the n-th redirect. */
  hop: number;
  /** The path after the session (and hop) prefix, with its query: e.g. `/items?x=1`. */
  rest: string;
}

/** `/s/<session>[/_hop/<n>]<rest>`: the session, the redirect hop, the user's path. */
const SESSION_PATH = new RegExp(
  `^${TARGET_PREFIX}([A-Za-z0-9_-]+)(?:/${HOP_SEGMENT}/(\\d{1,2})(?=/|\\?|$))?(.*)$`,
);

/** The route of a request-target (path and query), or undefined outside the session routes. */
export function parseTargetRoute(target: string): TargetRoute | undefined {
  const match = SESSION_PATH.exec(target);
  if (match === null) return undefined;
  const [, sessionId = '', hop, rest = ''] = match;
  return { sessionId, hop: hop === undefined ? 0 : Number(hop), rest };
}

/**
 * The path segment that starts a fresh preflight cache. Chromium keys its preflight cache by
 * origin and URL, and the target answers every path under a session alike, so moving the
 * page's requests under a new prefix leaves every cached preflight behind, for good.
 */
export function freshCachePrefix(generation: number): string {
  return generation === 0 ? '' : `/fresh-${generation}`;
}

/** A fresh cache's prefix at the start of a route's rest, as `freshCachePrefix` makes it. */
const FRESH_PREFIX = /^\/fresh-\d+(?=\/|\?|$)/;

/** The path and query the page asked for: the route's rest without a fresh cache's prefix. */
export function pagePath(route: TargetRoute): string {
  return route.rest.replace(FRESH_PREFIX, '');
}

/** The URL a session's n-th redirect leads to on one origin, keeping the request's path. */
export function hopUrl(origin: string, route: TargetRoute, hop: number): string {
  return `${sessionBase(origin, route.sessionId)}/${HOP_SEGMENT}/${hop}${route.rest}`;
}

/** The base URL of a draft's target in this session; the draft's path goes after it. */
export function targetBase(session: SessionInfo, target: RequestTarget): string {
  return target === 'sameOrigin'
    ? sessionBase(session.appOrigin, session.id)
    : session.targets[target];
}
