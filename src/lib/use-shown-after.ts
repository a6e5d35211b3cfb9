import { useEffect, useState } from 'react';

/**
 * `active`, once it has stayed true for `delayMs`; false at once when it ends. For a busy state
 * that is usually over sooner (a request to localhost takes a few milliseconds): showing and
 * hiding it would flash, and the repaint in between would hold up the answer it waits for.
 */
export function useShownAfter(active: boolean, delayMs: number): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!active) return;
    const timer = setTimeout(() => setShown(true), delayMs);
    return () => {
      clearTimeout(timer);
      setShown(false);
    };
  }, [active, delayMs]);
  return active && shown;
}
