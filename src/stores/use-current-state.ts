import { useMemo } from 'react';
import type { PlaygroundState } from '../scenario/scenario-file.ts';
import type { ServerConfig } from '../scenario/server-config.ts';
import { requestDraftOf } from './request-draft-slice.ts';
import { useStore } from './store.ts';

/** The request Send would make and the server's config; undefined while the config loads. */
export function useCurrentState(config: ServerConfig | undefined): PlaygroundState | undefined {
  const draft = useStore((state) => state.draft);
  return useMemo(
    () => (config === undefined ? undefined : { config, request: requestDraftOf(draft) }),
    [config, draft],
  );
}
