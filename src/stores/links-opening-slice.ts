import type { StateCreator } from 'zustand';

/**
 * Links being opened in this tab: a preset, a share link or a challenge. Each opens in a new
 * session that replaces the workspace, so a Send made meanwhile would have its result swept
 * away; Send waits until every one has opened or failed.
 */
export interface LinksOpeningSlice {
  linksOpening: number;
  /** Counts one more link opening; the function it returns counts it done. */
  beginOpeningLink: () => () => void;
}

export const createLinksOpeningSlice: StateCreator<LinksOpeningSlice, [], [], LinksOpeningSlice> = (
  set,
) => ({
  linksOpening: 0,
  beginOpeningLink: () => {
    set((state) => ({ linksOpening: state.linksOpening + 1 }));
    let done = false;
    return () => {
      if (done) return;
      done = true;
      set((state) => ({ linksOpening: state.linksOpening - 1 }));
    };
  },
});
