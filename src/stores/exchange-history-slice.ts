import type { StateCreator } from 'zustand';
import type { ExchangeRecord } from '../scenario/exchange.ts';
import type { ServerChangesSlice } from './server-changes-slice.ts';

/** A tab keeps its newest exchanges; older ones drop off. */
export const HISTORY_LIMIT = 50;

export interface ExchangeHistorySlice {
  exchanges: ExchangeRecord[];
  /** The exchange whose views are shown; the newest when undefined. */
  selectedExchangeId: number | undefined;
  addExchange: (exchange: Omit<ExchangeRecord, 'id'>) => void;
  selectExchange: (id: number | undefined) => void;
  clearHistory: () => void;
}

export const createExchangeHistorySlice: StateCreator<
  ExchangeHistorySlice & ServerChangesSlice,
  [],
  [],
  ExchangeHistorySlice
> = (set) => ({
  exchanges: [],
  selectedExchangeId: undefined,
  addExchange: (exchange) =>
    set((state) => {
      const id = (state.exchanges.at(-1)?.id ?? 0) + 1;
      return {
        exchanges: [...state.exchanges, { ...exchange, id }].slice(-HISTORY_LIMIT),
        selectedExchangeId: undefined,
      };
    }),
  selectExchange: (id) => set({ selectedExchangeId: id }),
  // The model knows the browser's preflight cache only through the history: without it, the
  // page's requests move to a fresh URL prefix, where the browser has nothing cached either.
  clearHistory: () =>
    set((state) => ({
      exchanges: [],
      selectedExchangeId: undefined,
      urlGeneration: state.urlGeneration + 1,
    })),
});

/** The exchange whose views are shown: the one selected, else the newest. */
export function shownExchange(state: ExchangeHistorySlice): ExchangeRecord | undefined {
  const { exchanges, selectedExchangeId: id } = state;
  return id === undefined ? exchanges.at(-1) : exchanges.find((exchange) => exchange.id === id);
}
