/** Where a chunk's load stands. */
export type ChunkState<T> =
  { status: 'loading' } | { status: 'loaded'; value: T } | { status: 'failed'; error: Error };

export interface ChunkLoader<T> {
  /** Starts the load, once; later calls do nothing. */
  start(): void;
  /** The state now: the same object until it changes (for useSyncExternalStore). */
  get(): ChunkState<T>;
  /** Calls `listener` when the state changes; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

const LOADING = { status: 'loading' } as const;

/** A load (e.g. a dynamic import) that runs once, when first asked for, and keeps its result. */
export function chunkLoader<T>(load: () => Promise<T>): ChunkLoader<T> {
  let state: ChunkState<T> = LOADING;
  let started = false;
  const listeners = new Set<() => void>();
  const settle = (next: ChunkState<T>) => {
    state = next;
    for (const listener of listeners) listener();
  };
  return {
    start() {
      if (started) return;
      started = true;
      load().then(
        (value) => settle({ status: 'loaded', value }),
        (error: unknown) =>
          settle({
            status: 'failed',
            error: error instanceof Error ? error : new Error(String(error)),
          }),
      );
    },
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Runs `task` when the browser is next idle, or within `timeout` ms if it never is. */
export function whenIdle(task: () => void, timeout = 1000): void {
  // Safari has no requestIdleCallback.
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout });
  else setTimeout(task, 0);
}
