import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiRequestError } from '../../../lib/api-client.ts';
import { parseServerConfig, type ServerConfig } from '../../../scenario/server-config.ts';
import { useStore } from '../../../stores/store.ts';
import { getConfigQueryOptions } from './get-config.ts';

/** Replaces the session's config; invalid input is refused here, before any request. */
export async function updateConfig(sessionId: string, config: ServerConfig): Promise<ServerConfig> {
  const parsed = parseServerConfig(config);
  if (!parsed.ok)
    throw new ApiRequestError(400, 'Invalid server config; nothing was changed.', parsed.issues);
  return api<ServerConfig>(`/sessions/${encodeURIComponent(sessionId)}/config`, {
    method: 'PUT',
    body: parsed.value,
  });
}

/** Applies a config at once in the UI, and rolls it back if the server refuses it. */
export function useUpdateConfig(sessionId: string) {
  const queryClient = useQueryClient();
  const { queryKey } = getConfigQueryOptions(sessionId);
  const mutationKey = [...queryKey, 'update'];
  return useMutation({
    mutationKey,
    // Each PUT replaces the whole config, so they must reach the server in the order made:
    // one scope runs its mutations one after another.
    scope: { id: mutationKey.join('/') },
    mutationFn: (config: ServerConfig) => updateConfig(sessionId, config),
    // Synchronous, so the next change (even in the same event) builds on this one. Setting
    // the data first is safe: a refetch cancelled afterwards reverts to the data set here.
    onMutate: (config) => {
      const previous = queryClient.getQueryData(queryKey);
      queryClient.setQueryData(queryKey, config);
      void queryClient.cancelQueries({ queryKey });
      return { previous };
    },
    // The target answers by the new config from now on: results from before it are stale.
    onSuccess: () => useStore.getState().noteServerChange(Date.now()),
    onError: (_error, _config, context) => {
      if (context?.previous !== undefined) queryClient.setQueryData(queryKey, context.previous);
    },
    // Refetch only after the last change in flight, so an earlier answer never overwrites
    // a later optimistic config.
    onSettled: () =>
      queryClient.isMutating({ mutationKey }) === 1
        ? queryClient.invalidateQueries({ queryKey })
        : undefined,
  });
}
