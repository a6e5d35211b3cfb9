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
    const error = payload as Partial<ApiError> | undefined;
    throw new ApiRequestError(
      response.status,
      error?.error ?? `The playground server answered ${response.status}.`,
      error?.issues,
    );
  }
  return payload as T;
}
