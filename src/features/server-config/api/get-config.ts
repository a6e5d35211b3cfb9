import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import type { ServerConfig } from '../../../scenario/server-config.ts';

export const getConfig = (sessionId: string): Promise<ServerConfig> =>
  api<ServerConfig>(`/sessions/${encodeURIComponent(sessionId)}/config`);

export const getConfigQueryOptions = (sessionId: string) =>
  queryOptions({
    queryKey: ['sessions', sessionId, 'config'],
    queryFn: () => getConfig(sessionId),
  });

export const useConfig = (sessionId: string) => useQuery(getConfigQueryOptions(sessionId));
