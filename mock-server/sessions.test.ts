import { describe, expect, it } from 'vitest';
import { SessionsInUseError, SessionStore } from './sessions.ts';

describe('SessionStore', () => {
  it('evicts the least recently used session, however often the newest is used', () => {
    const store = new SessionStore({ maxSessions: 3 });
    const [a, b, c] = [store.create(), store.create(), store.create()];
    // c is already the most recent: using it again must not disturb the order.
    store.get(c.id);
    store.get(a.id);
    store.get(a.id);
    store.get(c.id);
    // Order by use is now b, a, c: b goes first.
    store.create();
    expect(store.get(b.id)).toBeUndefined();
    expect(store.get(a.id)).toBe(a);
    expect(store.get(c.id)).toBe(c);
  });

  it('marks the most recent session active on each use', () => {
    let now = 1000;
    const store = new SessionStore({ idleTimeoutMs: 100, now: () => now });
    const session = store.create();
    for (let step = 0; step < 5; step += 1) {
      now += 80;
      expect(store.get(session.id)).toBe(session);
    }
    now += 101;
    expect(store.get(session.id)).toBeUndefined();
  });

  it('with spareInUse, never evicts a session used within inUseMs, and says when to retry', () => {
    let now = 0;
    const store = new SessionStore({ maxSessions: 2, inUseMs: 1000, now: () => now });
    const tab = store.create();
    now = 300;
    const other = store.create();
    now = 900;
    expect(() => store.create(undefined, { spareInUse: true })).toThrow(
      new SessionsInUseError(2, 1000, 100),
    );
    expect(store.get(tab.id)).toBe(tab); // used again: now the other is the least recent
    now = 1300;
    expect(store.create(undefined, { spareInUse: true })).toBeDefined();
    expect(store.get(other.id)).toBeUndefined();
    expect(store.get(tab.id)).toBe(tab);
  });
});
