import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { pageBrowser } from '../../../lib/page-browser.ts';
import { runFetch } from '../../../scenario/run-fetch.ts';
import { draftUrl, targetOriginsOf } from '../../../lib/target-url.ts';
import { summarize } from '../../../scenario/agreement.ts';
import type { SessionInfo } from '../../../scenario/control-api.ts';
import { preflightHandlerOf } from '../../../scenario/exchange.ts';
import { preflightCachesAfter } from '../../../scenario/judge.ts';
import { predict } from '../../../scenario/predict.ts';
import { securityLints } from '../../../scenario/security-lints.ts';
import { fetchInit, type TargetDraft } from '../../../scenario/request-draft.ts';
import type { ServerConfig } from '../../../scenario/server-config.ts';
import { useStore } from '../../../stores/store.ts';
import { type ExchangeLogStream, streamExchangeLog } from '../api/exchange-log-stream.ts';

interface SendVariables {
  draft: TargetDraft;
  /** The server's config as the page knows it at Send, for the prediction and the wording. */
  config: ServerConfig | undefined;
  signal: AbortSignal;
}

/**
 * Sends a draft as a real fetch() and pairs it with the targets' log, which the page follows
 * as it is written (`ExchangeLogStream`). Correlation is by the session's log sequence: this
 * tab's session sees only this tab's requests and the tab sends one exchange at a time, so the
 * entries logged between the start and the end of the fetch are this exchange's. Nothing is added to the request: a marker header or
 * cookie would change the very CORS behaviour on show, and a marker in the URL would
 * defeat the preflight cache.
 *
 * A send can be cancelled (or replaced by a newer one): its fetch() is aborted and it is
 * recorded with what reached the target until then.
 */
export function useSendExchange(session: SessionInfo) {
  const addExchange = useStore((state) => state.addExchange);
  const stream = useRef<ExchangeLogStream | undefined>(undefined);
  const controller = useRef<AbortController | undefined>(undefined);
  const inFlight = useRef<Promise<void>>(Promise.resolve());

  useEffect(() => {
    const opened = streamExchangeLog(session.id);
    stream.current = opened;
    // A hidden tab lets go of its stream's connection (see ExchangeLogStream.pause).
    const follow = (): void => (document.hidden ? opened.pause() : opened.resume());
    follow();
    document.addEventListener('visibilitychange', follow);
    return () => {
      document.removeEventListener('visibilitychange', follow);
      opened.close();
    };
  }, [session.id]);

  const mutation = useMutation({
    mutationFn: async ({ draft, config, signal }: SendVariables): Promise<void> => {
      const { urlGeneration, exchanges, privateData } = useStore.getState();
      const url = draftUrl(session, draft.target, draft.path, urlGeneration);
      const log = stream.current;
      if (log === undefined) throw new Error('The exchange log is not followed yet.');
      await log.ready;
      const sentAt = Date.now();
      const started = performance.now();
      const settled = runFetch({ url, init: fetchInit(draft), signal }).then((js) => ({
        js,
        durationMs: performance.now() - started,
      }));
      // The model's part runs while the browser does the fetch, from what held before it.
      const pageOrigin = window.location.origin;
      // The cache the exchanges before this one left: what the browser consults.
      const { cache: cacheBefore, otherCache: otherCacheBefore } = preflightCachesAfter(exchanges);
      const browser = pageBrowser().profile;
      const known =
        config === undefined
          ? {}
          : {
              preflightHandler: preflightHandlerOf(config),
              risks: securityLints(config, { sensitive: privateData }),
              prediction: summarize(
                predict({
                  request: draft,
                  url,
                  pageOrigin,
                  cache: cacheBefore,
                  now: sentAt,
                  server: { config, origins: targetOriginsOf(session) },
                  browser,
                }),
              ),
            };
      const { js, durationMs } = await settled;
      const entries = await log.take(js, sentAt);
      addExchange({
        draft,
        url,
        pageOrigin,
        sentAt,
        durationMs,
        js,
        // A cancelled request may be answered later (a delayed response) and logged then, in
        // a later exchange's stretch of the log: what arrived before this fetch began is not
        // this exchange's. (The page and the target read the same machine's clock.)
        wire: entries.filter((entry) => entry.receivedAt >= sentAt),
        browser,
        cacheBefore,
        otherCacheBefore,
        privateData,
        ...known,
      });
    },
  });

  /** Aborts the fetch in flight, if any. */
  const cancel = (): void => {
    controller.current?.abort();
    controller.current = undefined;
  };

  /**
   * Sends `draft`, cancelling any send still in flight. The cancelled one records itself first:
   * both read the log from one cursor, and this one's cache is the one the earlier left, so
   * running side by side they would take each other's log entries.
   */
  const send = (draft: TargetDraft, config: ServerConfig | undefined): Promise<void> => {
    cancel();
    const next = new AbortController();
    controller.current = next;
    const run = inFlight.current.then(() =>
      next.signal.aborted
        ? undefined
        : mutation.mutateAsync({ draft, config, signal: next.signal }),
    );
    inFlight.current = run.catch(() => undefined);
    return run.finally(() => {
      if (controller.current === next) controller.current = undefined;
    });
  };

  return { send, cancel, isPending: mutation.isPending, error: mutation.error };
}
