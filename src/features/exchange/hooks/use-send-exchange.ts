import { useMutation } from '@tanstack/react-query';
import { useRef } from 'react';
import { runFetch } from '../../../lib/run-fetch.ts';
import type { SessionInfo } from '../../../scenario/control-api.ts';
import { preflightCacheAfter } from '../../../scenario/judge.ts';
import { fetchInit } from '../../../scenario/request-draft.ts';
import { requestDraftOf } from '../../../stores/request-draft-slice.ts';
import { useStore } from '../../../stores/store.ts';
import { getExchangeLog } from '../api/get-exchange-log.ts';
import { requestUrl } from '../../../scenario/request-url.ts';

/**
 * Sends the draft as a real fetch() and pairs it with the targets' log. Correlation is by
 * the session's log sequence: this tab's session sees only this tab's requests and the
 * tab sends one exchange at a time, so the entries logged between the start and the end
 * of the fetch are this exchange's. Nothing is added to the request: a marker header or
 * cookie would change the very CORS behaviour on show, and a marker in the URL would
 * defeat the preflight cache.
 */
export function useSendExchange(session: SessionInfo) {
  const addExchange = useStore((state) => state.addExchange);
  // The last log sequence number seen; entries after it belong to the next exchange.
  const cursor = useRef<number | undefined>(undefined);
  return useMutation({
    mutationFn: async (): Promise<void> => {
      const draft = requestDraftOf(useStore.getState().draft);
      const url = requestUrl(session, draft.target, draft.path);
      cursor.current ??= (await getExchangeLog(session.id)).nextSeq - 1;
      const sentAt = Date.now();
      const started = performance.now();
      const js = await runFetch({ url, init: fetchInit(draft) });
      const durationMs = performance.now() - started;
      const page = await getExchangeLog(session.id, cursor.current);
      cursor.current = page.nextSeq - 1;
      addExchange({
        draft,
        url,
        pageOrigin: window.location.origin,
        sentAt,
        durationMs,
        js,
        wire: page.entries,
        // The cache the exchanges before this one left: what the browser consulted.
        cacheBefore: preflightCacheAfter(useStore.getState().exchanges),
      });
    },
  });
}
