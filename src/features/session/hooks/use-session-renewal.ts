import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api, onSessionGone } from '../../../lib/api-client.ts';
import type { ServerConfig } from '../../../scenario/server-config.ts';
import { createSession, getSessionQueryOptions } from '../api/open-session.ts';

/**
 * How often, at most, the tab's activity is reported: well within the minute for which the
 * server counts a session as in use and will not evict it (mock-server/sessions.ts).
 */
const TOUCH_EVERY_MS = 20_000;

export interface SessionNotice {
  /** `renewed`: a new session replaced the lost one; `failed`: none could be started. */
  kind: 'renewed' | 'failed';
  message: string;
}

/**
 * Keeps this tab working in a session. The user's activity counts as use of the session on
 * the server, so a burst of new sessions cannot evict it; and when the server no longer has
 * it (expired, evicted, restarted) a new one starts with the tab's server config, and the
 * notice says so. The request draft is the tab's own and carries over as it is.
 */
export function useSessionRenewal(
  sessionId: string | undefined,
  /** The tab's current server config for a session (a stable function). */
  configOf: (sessionId: string) => ServerConfig | undefined,
): { notice: SessionNotice | undefined; dismiss: () => void } {
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<SessionNotice>();
  // The session being replaced: several calls may fail for it at once, one renewal serves.
  const renewing = useRef<string | undefined>(undefined);

  useEffect(
    () =>
      onSessionGone((goneId) => {
        const { queryKey } = getSessionQueryOptions();
        const current = queryClient.getQueryData(queryKey);
        if (current?.id !== goneId || renewing.current === goneId) return;
        renewing.current = goneId;
        createSession(configOf(goneId) ?? current.config).then(
          (renewed) => {
            queryClient.setQueryData(queryKey, renewed);
            setNotice({
              kind: 'renewed',
              message:
                'The playground server no longer had this tab’s session (it had expired or been evicted), so a new one was started with the same server config and request. If your last action did not take effect, do it again.',
            });
          },
          (error: Error) => {
            // The next call that finds the session gone tries again.
            renewing.current = undefined;
            setNotice({
              kind: 'failed',
              message: `The playground server no longer has this tab’s session, and a new one could not be started: ${error.message}`,
            });
          },
        );
      }),
    [queryClient, configOf],
  );

  useEffect(() => {
    if (sessionId === undefined) return undefined;
    let last = Date.now();
    const touch = (): void => {
      if (Date.now() - last < TOUCH_EVERY_MS) return;
      last = Date.now();
      // Only a sign of use: a lost session is renewed through onSessionGone, and any other
      // failure shows on the user's next real call.
      api(`/sessions/${encodeURIComponent(sessionId)}`).catch(() => undefined);
    };
    const options = { capture: true, passive: true };
    window.addEventListener('pointerdown', touch, options);
    window.addEventListener('keydown', touch, options);
    return () => {
      window.removeEventListener('pointerdown', touch, options);
      window.removeEventListener('keydown', touch, options);
    };
  }, [sessionId]);

  return { notice, dismiss: () => setNotice(undefined) };
}
