import type { PreflightCacheEntry } from '../cors/preflight-cache.ts';

/** Whole seconds until a cached preflight expires (at least 1 while it is alive). */
export function cacheSecondsLeft(entry: PreflightCacheEntry, now: number): number {
  return Math.max(1, Math.ceil((entry.storedAt + entry.maxAge * 1000 - now) / 1000));
}

/**
 * Starts a fresh preflight cache: the page's requests move under a new URL prefix, which the
 * browser's cache (keyed by URL) has never seen.
 */
export function FreshCacheButton({ onStart }: { onStart: () => void }) {
  return (
    <button type="button" className="rb-button" onClick={onStart}>
      Start a fresh preflight cache
    </button>
  );
}
