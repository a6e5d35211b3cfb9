import { describe, expect, it, vi } from 'vitest';
import { chunkLoader } from './chunk-loader.ts';

describe('chunkLoader', () => {
  it('loads once, however often it is started, and tells its subscribers', async () => {
    const load = vi.fn(() => Promise.resolve('panel'));
    const chunk = chunkLoader(load);
    const listener = vi.fn();
    chunk.subscribe(listener);
    expect(chunk.get()).toEqual({ status: 'loading' });
    chunk.start();
    chunk.start();
    await vi.waitFor(() => expect(chunk.get()).toEqual({ status: 'loaded', value: 'panel' }));
    chunk.start();
    expect(load).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('does not load until started', () => {
    const load = vi.fn(() => Promise.resolve('panel'));
    chunkLoader(load);
    expect(load).not.toHaveBeenCalled();
  });

  it('keeps a failed load as an Error, and stops telling an unsubscribed listener', async () => {
    const chunk = chunkLoader(() => Promise.reject(new TypeError('Failed to fetch')));
    const kept = vi.fn();
    const dropped = vi.fn();
    chunk.subscribe(kept);
    chunk.subscribe(dropped)();
    chunk.start();
    await vi.waitFor(() => expect(chunk.get().status).toBe('failed'));
    const state = chunk.get();
    expect(state.status === 'failed' && state.error).toEqual(new TypeError('Failed to fetch'));
    expect(kept).toHaveBeenCalledTimes(1);
    expect(dropped).not.toHaveBeenCalled();
  });

  it('makes an Error of a load that rejects with something else', async () => {
    const chunk = chunkLoader(() => Promise.reject('offline'));
    chunk.start();
    await vi.waitFor(() => expect(chunk.get().status).toBe('failed'));
    const state = chunk.get();
    expect(state.status === 'failed' && state.error.message).toBe('offline');
  });
});
