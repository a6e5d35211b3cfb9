import { API_PREFIX, type ApiError } from '../scenario/control-api.ts';
import type { ConfigIssue } from '../scenario/server-config.ts';

/** A control API call that did not succeed, with the server's reason. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: ConfigIssue[] = [],
  ) {
    super(message);
  }
}

type SessionGoneListener = (sessionId: string) => void;
const sessionGoneListeners = new Set<SessionGoneListener>();
const SESSION_PATH = /^\/sessions\/([^/?]+)/;

/**
 * Calls `listener` with a session's id whenever the control API answers 404 for it: the
 * server no longer has it (expired, evicted, restarted). Returns the unsubscribe.
 */
export function onSessionGone(listener: SessionGoneListener): () => void {
  sessionGoneListeners.add(listener);
  return () => sessionGoneListeners.delete(listener);
}

/**
 * Calls the playground's control API, same-origin. Bodies go as JSON, which the API
 * requires of every state-changing request.
 */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  const response = await fetch(`${API_PREFIX}${path}`, {
    method: init.method ?? 'GET',
    headers: init.body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: init.body === undefined ? null : JSON.stringify(init.body),
  });
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const session = SESSION_PATH.exec(path)?.[1];
    if (response.status === 404 && session !== undefined) {
      for (const listener of sessionGoneListeners) listener(decodeURIComponent(session));
    }
    const error = payload as Partial<ApiError> | undefined;
    throw new ApiRequestError(
      response.status,
      error?.error ?? `The playground server answered ${response.status}.`,
      error?.issues,
    );
  }
  return payload as T;
}
