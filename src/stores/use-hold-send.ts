import { useLayoutEffect } from 'react';
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
