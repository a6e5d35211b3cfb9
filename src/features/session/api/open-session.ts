import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, ApiRequestError } from '../../../lib/api-client.ts';
import type { SessionInfo } from '../../../scenario/control-api.ts';
import type { ServerConfig } from '../../../scenario/server-config.ts';

// Per tab: a reload keeps its session (and so its server config), another tab gets its own.
const STORAGE_KEY = 'cors-playground.session';

/** Starts a new session for this tab, with the default config or the one given. */
export async function createSession(config?: ServerConfig): Promise<SessionInfo> {
  const created = await api<SessionInfo>('/sessions', {
    method: 'POST',
    body: config === undefined ? {} : { config },
  });
  sessionStorage.setItem(STORAGE_KEY, created.id);
  return created;
}

/** Resumes this tab's session if the server still has it, otherwise creates one. */
export async function openSession(): Promise<SessionInfo> {
  const saved = sessionStorage.getItem(STORAGE_KEY);
  if (saved !== null) {
    try {
      return await api<SessionInfo>(`/sessions/${encodeURIComponent(saved)}`);
    } catch (error) {
      // Expired, or the server restarted: start afresh.
      if (!(error instanceof ApiRequestError && error.status === 404)) throw error;
    }
  }
  return createSession();
}

export const getSessionQueryOptions = () =>
  queryOptions({
    queryKey: ['session'],
    queryFn: openSession,
    staleTime: Infinity,
    gcTime: Infinity,
  });

export const useSession = () => useQuery(getSessionQueryOptions());
