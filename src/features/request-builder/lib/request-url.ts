import type { SessionInfo } from '../../../scenario/control-api.ts';
import type { RequestTarget } from '../../../scenario/request-draft.ts';

/** The base URL of a target for this session; the draft's path goes after it. */
export function targetBase(session: SessionInfo, target: RequestTarget): string {
  return target === 'sameOrigin' ? `${session.appOrigin}/s/${session.id}` : session.targets[target];
}

/** The URL a draft fetches: the chosen target's base, then the path. */
export function requestUrl(session: SessionInfo, target: RequestTarget, path: string): string {
  return `${targetBase(session, target)}${path}`;
}
