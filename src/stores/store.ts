import { create } from 'zustand';
import { persist, type PersistStorage, type StorageValue } from 'zustand/middleware';
import { createExchangeHistorySlice, type ExchangeHistorySlice } from './exchange-history-slice.ts';
import { createLinksOpeningSlice, type LinksOpeningSlice } from './links-opening-slice.ts';
import { createPrivateDataSlice, type PrivateDataSlice } from './private-data-slice.ts';
import {
  createRequestDraftSlice,
  initialDraft,
  type RequestDraftSlice,
} from './request-draft-slice.ts';
import { createServerChangesSlice, type ServerChangesSlice } from './server-changes-slice.ts';

/** Every client-state slice, combined. */
export type StoreState = RequestDraftSlice &
  ExchangeHistorySlice &
  ServerChangesSlice &
  LinksOpeningSlice &
  PrivateDataSlice;

type Persisted = Pick<
  StoreState,
  'draft' | 'exchanges' | 'serverChanges' | 'autoResend' | 'urlGeneration' | 'privateData'
>;

/**
 * This tab's sessionStorage, written a moment after each change rather than during it: a
 * history of exchanges takes a few milliseconds to serialize, which would otherwise sit
 * between a Send and its verdict on screen. Pending writes are flushed when the page hides.
 */
function deferredSessionStorage(): PersistStorage<Persisted> {
  let pending: { name: string; value: StorageValue<Persisted> } | undefined;
  const flush = (): void => {
    if (pending === undefined) return;
    sessionStorage.setItem(pending.name, JSON.stringify(pending.value));
    pending = undefined;
  };
  addEventListener('pagehide', flush);
  return {
    getItem: (name) => {
      const text = sessionStorage.getItem(name);
      return text === null ? null : (JSON.parse(text) as StorageValue<Persisted>);
    },
    setItem: (name, value) => {
      if (pending === undefined) setTimeout(flush, 0);
      pending = { name, value };
    },
    removeItem: (name) => sessionStorage.removeItem(name),
  };
}

/**
 * The one bound store. The draft, the history, what is known of the server's changes and the
 * user's private-data mark are kept in this tab's storage, so a reload loses no work and another tab starts its own. The
 * URL generation is kept too: the browser's preflight cache outlives a reload.
 */
export const useStore = create<StoreState>()(
  persist(
    (...args) => ({
      ...createRequestDraftSlice(...args),
      ...createExchangeHistorySlice(...args),
      ...createServerChangesSlice(...args),
      ...createLinksOpeningSlice(...args),
      ...createPrivateDataSlice(...args),
    }),
    {
      name: 'cors-playground.tab',
      storage: deferredSessionStorage(),
      partialize: (state): Persisted => ({
        draft: state.draft,
        exchanges: state.exchanges,
        serverChanges: state.serverChanges,
        autoResend: state.autoResend,
        urlGeneration: state.urlGeneration,
        privateData: state.privateData,
      }),
      // Version 2 records the preflight cache with each exchange, version 3 the browser and the
      // other browser's cache; older histories are dropped. (A state saved before the
      // server-change fields existed merges with their defaults.)
      version: 3,
      migrate: (persisted, version): Persisted => {
        const old = persisted as Partial<Persisted>;
        return {
          draft: old.draft ?? initialDraft,
          exchanges: version >= 3 ? (old.exchanges ?? []) : [],
          serverChanges: old.serverChanges ?? [],
          autoResend: old.autoResend ?? true,
          urlGeneration: old.urlGeneration ?? 0,
          privateData: old.privateData ?? false,
        };
      },
    },
  ),
);
