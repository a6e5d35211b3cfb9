import { useLayoutEffect, useMemo, useState } from 'react';
import { useStore } from './store.ts';

/**
 * Holds Send while `opening` is true: a link is being opened in a new session. A layout effect,
 * so that Send is never shown ready in between, when the page first renders with a link.
 */
export function useHoldSend(opening: boolean): void {
  useLayoutEffect(() => {
    if (!opening) return;
    return useStore.getState().beginOpeningLink();
  }, [opening]);
}

/**
 * Holds Send for one feature's links (a preset, a share link, a challenge): from the first render
 * until the link the page was opened with (`linked`) has been looked at, and while each link the
 * feature opens is being opened. A fragment of another kind releases neither.
 */
export function useLinkHold(linked: boolean) {
  const [unchecked, setUnchecked] = useState(linked);
  const [opening, setOpening] = useState(0);
  useHoldSend(unchecked || opening > 0);
  // The same object every render, so that effects set up once may keep it.
  return useMemo(
    () => ({
      /** The page's link has been looked at, and needs no opening. */
      checked: (): void => setUnchecked(false),
      /** Holds Send until `work` (opening a link) settles. */
      async opening<T>(work: () => Promise<T>): Promise<T> {
        // In one task with the release of `unchecked`, so that the hold never lapses in between.
        setOpening((count) => count + 1);
        setUnchecked(false);
        try {
          return await work();
        } finally {
          setOpening((count) => count - 1);
        }
      },
    }),
    [],
  );
}
