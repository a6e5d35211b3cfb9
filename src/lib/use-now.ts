import { useSyncExternalStore } from 'react';

// One clock for every subscriber, read in whole seconds' steps: enough for max-ages, which
// Access-Control-Max-Age gives in seconds.
let current = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function tick(): void {
  current = Date.now();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Catch up at once: the clock may have stood still while nobody watched.
  current = Date.now();
  queueMicrotask(listener);
  timer ??= setInterval(tick, 1000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

function subscribeNever(): () => void {
  return () => undefined;
}

function getSnapshot(): number {
  return current;
}

/** The time in milliseconds, updated every second while `ticking`. */
export function useNow(ticking: boolean): number {
  return useSyncExternalStore(ticking ? subscribe : subscribeNever, getSnapshot);
}

/**
 * The time, updated every second until `deadline` (milliseconds) has passed, then at rest: a
 * countdown that stops when what it counts down to is over.
 */
export function useNowUntil(deadline: number | undefined): number {
  // `current` is at most a second old while ticking; when at rest it may be older, and the
  // subscription that follows brings it up to date.
  return useNow(deadline !== undefined && current <= deadline);
}
