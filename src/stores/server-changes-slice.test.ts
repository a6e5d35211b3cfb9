import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import {
  createServerChangesSlice,
  SERVER_CHANGES_LIMIT,
  serverChangeAfter,
  serverChangeBetween,
} from './server-changes-slice.ts';

describe('server changes', () => {
  it('a result is stale when the server changed after it was sent', () => {
    expect(serverChangeAfter([100, 200], 150)).toBe(200);
    expect(serverChangeAfter([100, 200], 200)).toBeUndefined();
    expect(serverChangeAfter([], 0)).toBeUndefined();
  });

  it('finds the last change between a cached preflight and a request', () => {
    expect(serverChangeBetween([100, 200, 300], 150, 350)).toBe(300);
    expect(serverChangeBetween([100, 200, 300], 100, 300)).toBe(200);
    expect(serverChangeBetween([100], 100, 300)).toBeUndefined();
  });

  it('keeps the newest changes only, and numbers each fresh cache', () => {
    const store = createStore(createServerChangesSlice);
    for (let at = 1; at <= SERVER_CHANGES_LIMIT + 5; at += 1) store.getState().noteServerChange(at);
    const { serverChanges } = store.getState();
    expect(serverChanges).toHaveLength(SERVER_CHANGES_LIMIT);
    expect(serverChanges[0]).toBe(6);
    expect(store.getState().autoResend).toBe(true);
    store.getState().startFreshCache();
    store.getState().startFreshCache();
    expect(store.getState().urlGeneration).toBe(2);
  });
});
