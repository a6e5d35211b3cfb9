import type { SessionInfo } from '../../../scenario/control-api.ts';
import type { RequestDraft } from '../../../scenario/request-draft.ts';

/** The URL a draft fetches: the chosen target's base for this session, then the path. */
export function requestUrl(session: SessionInfo, draft: RequestDraft): string {
  const base =
    draft.target === 'sameOrigin'
      ? `${session.appOrigin}/s/${session.id}`
      : session.targets[draft.target];
  return `${base}${draft.path}`;
}
