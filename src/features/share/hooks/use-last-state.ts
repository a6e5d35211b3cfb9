import { useEffect, useState } from 'react';
import { sameValue, type PlaygroundState } from '../../../scenario/scenario-file.ts';
import { defaultServerConfig } from '../../../scenario/server-config.ts';
import { initialDraft, requestDraftOf } from '../../../stores/request-draft-slice.ts';
import { useStore } from '../../../stores/store.ts';
import {
  onLastStateSaved,
  readLastState,
  saveLastState,
  type LastState,
} from '../lib/last-state.ts';

/** What a tab starts with: nothing of the user's own yet. */
const STARTING_STATE: PlaygroundState = {
  config: defaultServerConfig,
  request: requestDraftOf(initialDraft),
};

/** How long the state must stay unchanged before it is saved: typing saves once. */
const SAVE_DELAY_MS = 300;

/**
 * Keeps this tab's state as the browser's last state (for a new tab to start from), and offers
 * another tab's last state while this one still holds nothing of its own: the starting request
 * and server, no exchange sent.
 */
export function useLastState(current: PlaygroundState | undefined) {
  const hasExchanges = useStore((state) => state.exchanges.length > 0);
  const [saved, setSaved] = useState<LastState | undefined>(readLastState);
  const [dismissed, setDismissed] = useState(false);
  const untouched = current === undefined || (!hasExchanges && sameValue(current, STARTING_STATE));

  useEffect(() => onLastStateSaved(() => setSaved(readLastState())), []);
  useEffect(() => {
    // A tab with nothing of its own must not replace the state another tab left.
    if (current === undefined || untouched) return;
    const timer = setTimeout(() => saveLastState(current, Date.now()), SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [current, untouched]);

  const offer =
    current !== undefined && untouched && !dismissed && saved !== undefined
      ? sameValue(saved.state, current)
        ? undefined
        : saved
      : undefined;
  return { offer, dismiss: () => setDismissed(true) };
}
