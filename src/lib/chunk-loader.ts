/** Where a chunk's load stands. */
export type ChunkState<T> =
  { status: 'loading' } | { status: 'loaded'; value: T } | { status: 'failed'; error: Error };

export interface Chunk<T> {
  /** The state now: the same object until it changes (for useSyncExternalStore). */
  get(): ChunkState<T>;
  /** Calls `listener` when the state changes; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

/** Starts a load (e.g. a dynamic import) at once, and keeps its result. */
export function loadChunk<T>(load: () => Promise<T>): Chunk<T> {
  let state: ChunkState<T> = { status: 'loading' };
  const listeners = new Set<() => void>();
  const settle = (next: ChunkState<T>) => {
    state = next;
    for (const listener of listeners) listener();
  };
  load().then(
    (value) => settle({ status: 'loaded', value }),
    (error: unknown) =>
      settle({
        status: 'failed',
        error: error instanceof Error ? error : new Error(String(error)),
      }),
  );
  return {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
