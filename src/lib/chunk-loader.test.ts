import { describe, expect, it, vi } from 'vitest';
import { loadChunk } from './chunk-loader.ts';

describe('loadChunk', () => {
  it('loads at once, and tells its subscribers when the chunk is in', async () => {
    const load = vi.fn(() => Promise.resolve('panel'));
    const chunk = loadChunk(load);
    expect(load).toHaveBeenCalledTimes(1);
    const listener = vi.fn();
    chunk.subscribe(listener);
    expect(chunk.get()).toEqual({ status: 'loading' });
    await vi.waitFor(() => expect(chunk.get()).toEqual({ status: 'loaded', value: 'panel' }));
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('keeps a failed load as an Error, and stops telling an unsubscribed listener', async () => {
    const chunk = loadChunk(() => Promise.reject(new TypeError('Failed to fetch')));
    const kept = vi.fn();
    const dropped = vi.fn();
    chunk.subscribe(kept);
    chunk.subscribe(dropped)();
    await vi.waitFor(() => expect(chunk.get().status).toBe('failed'));
    const state = chunk.get();
    expect(state.status === 'failed' && state.error).toEqual(new TypeError('Failed to fetch'));
    expect(kept).toHaveBeenCalledTimes(1);
    expect(dropped).not.toHaveBeenCalled();
  });

  it('makes an Error of a load that rejects with something else', async () => {
    const chunk = loadChunk(() => Promise.reject('offline'));
    await vi.waitFor(() => expect(chunk.get().status).toBe('failed'));
    const state = chunk.get();
    expect(state.status === 'failed' && state.error.message).toBe('offline');
  });
});
