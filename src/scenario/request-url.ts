import type { SessionInfo } from './control-api.ts';
import type { RequestTarget } from './request-draft.ts';

/** Where the target's routes start, on every origin that serves them: `/s/<session>/...`. */
export const TARGET_PREFIX = '/s/';

/** A session's base URL on one origin: the target's routes for that session start there. */
export function sessionBase(origin: string, sessionId: string): string {
  return `${origin}${TARGET_PREFIX}${sessionId}`;
}

/** The base URL of a draft's target in this session; the draft's path goes after it. */
export function targetBase(session: SessionInfo, target: RequestTarget): string {
  return target === 'sameOrigin'
    ? sessionBase(session.appOrigin, session.id)
    : session.targets[target];
}

/** The URL a draft fetches: its target's base, then its path. */
export function requestUrl(session: SessionInfo, target: RequestTarget, path: string): string {
  return `${targetBase(session, target)}${path}`;
}
