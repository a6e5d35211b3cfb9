import { useEffect, useEffectEvent, useId, useMemo, useRef, type RefObject } from 'react';
import { explainHistoryLine } from '../../../cors/explain-exchange.ts';
import { draftUrl } from '../../../lib/target-url.ts';
import { preflightCacheExpiry } from '../../../cors/preflight-cache.ts';
import { useNowUntil } from '../../../lib/use-now.ts';
import { useShownAfter } from '../../../lib/use-shown-after.ts';
import type { SessionInfo } from '../../../scenario/control-api.ts';
import type { ExchangeRecord } from '../../../scenario/exchange.ts';
import { judgeOnce } from '../../../scenario/judge.ts';
import type { TargetDraft } from '../../../scenario/request-draft.ts';
import type { ServerConfig } from '../../../scenario/server-config.ts';
import { shownExchange } from '../../../stores/exchange-history-slice.ts';
import { requestDraftOf } from '../../../stores/request-draft-slice.ts';
import { useStore } from '../../../stores/store.ts';
import { useSendExchange } from '../hooks/use-send-exchange.ts';
import { CacheNotes, PredictionCheck, StaleNote } from './exchange-notes.tsx';
import { ExchangeHistory } from './exchange-history.tsx';
import { ExchangeViews } from './exchange-views.tsx';

/** How long the server must stay unchanged before the last request is re-sent by itself. */
export const AUTO_RESEND_DELAY_MS = 400;

/**
 * How long a Send is in flight before the panel says so (a tenth of a second still feels
 * instant). Most answer sooner, and then nothing on the page changes until the result.
 */
const PENDING_SHOWN_AFTER_MS = 100;

/** The id of the result's heading, the skip link's target. */
export const RESULT_HEADING_ID = 'result';

/** Whether a key press is the Send shortcut: Ctrl+Enter, or ⌘+Enter on a Mac. */
function isSendShortcut(event: KeyboardEvent): boolean {
  return (
    event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey
  );
}

const isMac = (): boolean => /Mac|iPhone|iPad/.test(navigator.platform);

/** The history, each exchange with its judgement (judged once, and kept). */
function JudgedHistory({
  exchanges,
  selectedId,
}: {
  exchanges: ExchangeRecord[];
  selectedId: number;
}) {
  const judgements = useMemo(() => exchanges.map(judgeOnce), [exchanges]);
  return <ExchangeHistory exchanges={exchanges} judgements={judgements} selectedId={selectedId} />;
}

/** The chosen exchange: a heading to land on after Send, notes on its freshness, its views. */
function ShownExchange({
  session,
  exchange,
  isNewest,
  headingRef,
  resend,
  resending,
}: {
  session: SessionInfo;
  exchange: ExchangeRecord;
  isNewest: boolean;
  headingRef: RefObject<HTMLHeadingElement | null>;
  resend: (draft: TargetDraft) => void;
  resending: boolean;
}) {
  const judgement = judgeOnce(exchange);
  const generation = useStore((state) => state.urlGeneration);
  // A cached preflight runs out: the countdown follows the clock until the last one has.
  const now = useNowUntil(isNewest ? preflightCacheExpiry(judgement.verdict.cache) : undefined);
  // Sent again now, would it go to the same URL (no fresh cache since)?
  const sameUrl =
    exchange.url === draftUrl(session, exchange.draft.target, exchange.draft.path, generation);
  return (
    <>
      <h3
        id={`exchange-${exchange.id}`}
        ref={headingRef}
        tabIndex={-1}
        className="exchange-heading"
      >
        #{exchange.id} {exchange.draft.method} {exchange.draft.path}:{' '}
        {explainHistoryLine(judgement.facts, judgement.verdict)}
      </h3>
      <StaleNote
        exchange={exchange}
        onResend={() => resend(exchange.draft)}
        resending={resending}
      />
      <PredictionCheck exchange={exchange} judgement={judgement} />
      <CacheNotes
        exchange={exchange}
        judgement={judgement}
        now={now}
        current={isNewest && sameUrl}
      />
      <ExchangeViews exchange={exchange} judgement={judgement} />
    </>
  );
}

/** The Send button, the chosen exchange's three views, and this tab's history. */
export function ExchangePanel({
  session,
  config,
  configLoading,
}: {
  session: SessionInfo;
  /** The server's config as the panel shows it; undefined while it loads or if it failed. */
  config: ServerConfig | undefined;
  /** The config is still loading (not failed: then Send goes without a prediction). */
  configLoading: boolean;
}) {
  const sender = useSendExchange(session);
  const shortcutId = useId();
  const exchanges = useStore((state) => state.exchanges);
  const serverChanges = useStore((state) => state.serverChanges);
  const autoResend = useStore((state) => state.autoResend);
  const setAutoResend = useStore((state) => state.setAutoResend);
  const shown = useStore(shownExchange);
  const linkOpening = useStore((state) => state.linksOpening > 0);
  // Until the config is known, a result could not be explained (the preflight's handler) nor
  // checked against its prediction, so Send waits for it (a failed read is shown in the server
  // panel, and Send then goes without them); and a link being opened would sweep a result away.
  const ready = !configLoading && !linkOpening;
  const showPending = useShownAfter(sender.isPending, PENDING_SHOWN_AFTER_MS);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Set by a Send the user made: the next exchange shown takes the focus.
  const focusNext = useRef(false);
  // The last request sent from this panel, and when: it may still be in flight.
  const lastSend = useRef<{ draft: TargetDraft; at: number } | undefined>(undefined);

  const send = (draft: TargetDraft, byUser: boolean): void => {
    focusNext.current = byUser;
    lastSend.current = { draft, at: Date.now() };
    // A failure to record shows through `sender.error`.
    sender.send(draft, config).catch(() => undefined);
  };
  const sendDraft = () => send(requestDraftOf(useStore.getState().draft), true);
  // Send is busy from the click, though it says so only after PENDING_SHOWN_AFTER_MS.
  const sendIfIdle = () => {
    if (!sender.isPending && ready) sendDraft();
  };

  useEffect(() => {
    if (!focusNext.current) return;
    focusNext.current = false;
    headingRef.current?.focus();
  }, [shown]);

  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (!isSendShortcut(event)) return;
    event.preventDefault();
    sendIfIdle();
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyDown(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  // After the server changes, and once it has stayed unchanged a moment, the last request
  // goes again: a result then always shows the server as it is.
  const lastChange = serverChanges.at(-1);
  const resendLast = useEffectEvent((changedAt: number) => {
    const recorded = useStore.getState().exchanges.at(-1);
    const last = lastSend.current ?? (recorded && { draft: recorded.draft, at: recorded.sentAt });
    // A request sent after the change already meets the new server. (It replaces one in flight,
    // which it waits for: see useSendExchange.)
    if (ready && last !== undefined && last.at < changedAt) send(last.draft, false);
  });
  useEffect(() => {
    if (!autoResend || lastChange === undefined) return;
    const timer = setTimeout(() => resendLast(lastChange), AUTO_RESEND_DELAY_MS);
    return () => clearTimeout(timer);
  }, [autoResend, lastChange]);

  const shortcut = isMac() ? '⌘+Enter' : 'Ctrl+Enter';
  // The target holds its built actual response (not a raw one, a preflight or a redirect).
  const delayMs = config?.raw?.actual === undefined ? (config?.actual.delayMs ?? 0) : 0;
  return (
    <section aria-labelledby={RESULT_HEADING_ID} className="panel result-panel">
      <h2 id={RESULT_HEADING_ID} tabIndex={-1}>
        Result
      </h2>
      <div className="send-bar">
        <button
          type="button"
          className="primary"
          onClick={sendIfIdle}
          disabled={showPending || !ready}
          aria-keyshortcuts="Control+Enter Meta+Enter"
          aria-describedby={shortcutId}
        >
          {showPending ? 'Sending…' : 'Send'}
        </button>
        {showPending && (
          <button type="button" onClick={sender.cancel}>
            Cancel
          </button>
        )}
        <span id={shortcutId} className="hint">
          or <kbd>{shortcut}</kbd>
        </span>
        {shown !== undefined && exchanges.length > 1 && (
          <span className="hint">
            Showing #{shown.id} of {exchanges.length}
          </span>
        )}
      </div>
      <label className="choice auto-resend">
        <input
          type="checkbox"
          checked={autoResend}
          onChange={(event) => setAutoResend(event.target.checked)}
        />
        <span>Re-send the last request when the server changes</span>
      </label>
      {linkOpening && (
        <p role="status" className="hint">
          Opening the link: Send waits until its request and server are here.
        </p>
      )}
      {showPending && (
        <p role="status" className="hint">
          Sending…
          {delayMs > 0 && ` The target holds its response for ${delayMs} ms; Cancel stops waiting.`}
        </p>
      )}
      {sender.error !== null && (
        <p role="alert" className="error">
          The playground could not record this exchange: {sender.error.message}
        </p>
      )}
      {shown === undefined ? (
        !showPending && (
          <p className="hint">
            Press Send to make the request. Its verdict, what JavaScript saw and the wire show here.
          </p>
        )
      ) : (
        <ShownExchange
          session={session}
          exchange={shown}
          isNewest={shown === exchanges.at(-1)}
          headingRef={headingRef}
          resend={(draft) => {
            if (!sender.isPending && ready) send(draft, true);
          }}
          resending={sender.isPending}
        />
      )}
      {exchanges.length > 0 && <JudgedHistory exchanges={exchanges} selectedId={shown?.id ?? 0} />}
    </section>
  );
}
