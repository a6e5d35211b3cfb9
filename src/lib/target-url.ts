import type { SessionInfo } from '../scenario/control-api.ts';
import type { RequestTarget } from '../scenario/request-draft.ts';
import { freshCachePrefix, targetBase } from '../scenario/request-url.ts';
import type { TargetRef } from '../scenario/server-config.ts';

/** Where a draft's path goes in this tab: its target's base, under the current prefix. */
export function draftBase(session: SessionInfo, target: RequestTarget, generation: number): string {
  return `${targetBase(session, target)}${freshCachePrefix(generation)}`;
}

/** The URL the page fetches for a draft's target and path. */
export function draftUrl(
  session: SessionInfo,
  target: RequestTarget,
  path: string,
  generation: number,
): string {
  return `${draftBase(session, target, generation)}${path}`;
}

/** The origin each of the session's targets is reached at, as the target names them. */
export function targetOriginsOf(session: SessionInfo): Record<TargetRef, string> {
  return {
    sameSite: new URL(session.targets.sameSite).origin,
    crossSite: new URL(session.targets.crossSite).origin,
    second: new URL(session.targets.second).origin,
  };
}
