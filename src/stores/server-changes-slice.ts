import type { StateCreator } from 'zustand';

/** How many server changes are remembered: enough to judge every exchange in the history. */
export const SERVER_CHANGES_LIMIT = 100;

/** What this tab knows about the target changing under its exchanges. */
export interface ServerChangesSlice {
  /** When the target took each of this tab's recent configs, in ms since the epoch, oldest first. */
  serverChanges: number[];
  /** Whether a server change re-sends the last request by itself (on by default). */
  autoResend: boolean;
  /**
   * Which URL prefix the session's requests go under: each new one starts the browser's
   * preflight cache afresh, since Chromium keys it by URL.
   */
  urlGeneration: number;
  noteServerChange: (at: number) => void;
  setAutoResend: (on: boolean) => void;
  startFreshCache: () => void;
}

export const createServerChangesSlice: StateCreator<
  ServerChangesSlice,
  [],
  [],
  ServerChangesSlice
> = (set) => ({
  serverChanges: [],
  autoResend: true,
  urlGeneration: 0,
  noteServerChange: (at) =>
    set((state) => ({ serverChanges: [...state.serverChanges, at].slice(-SERVER_CHANGES_LIMIT) })),
  setAutoResend: (on) => set({ autoResend: on }),
  startFreshCache: () => set((state) => ({ urlGeneration: state.urlGeneration + 1 })),
});

/** The first server change after `time`, if any: a result from before it may no longer hold. */
export function serverChangeAfter(changes: readonly number[], time: number): number | undefined {
  return changes.find((at) => at > time);
}

/** The last server change in (`from`, `to`), if any. */
export function serverChangeBetween(
  changes: readonly number[],
  from: number,
  to: number,
): number | undefined {
  return changes.findLast((at) => at > from && at < to);
}
