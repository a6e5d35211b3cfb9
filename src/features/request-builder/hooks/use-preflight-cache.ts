import { useMemo } from 'react';
import type { PreflightCache } from '../../../cors/preflight-cache.ts';
import { preflightCachesAfter } from '../../../scenario/judge.ts';
import { useStore } from '../../../stores/store.ts';

/**
 * The browser's preflight cache as the model tracks it through this tab's exchanges: the
 * cache the last judged exchange left behind.
 */
export function usePreflightCache(): PreflightCache {
  const exchanges = useStore((state) => state.exchanges);
  return useMemo(() => preflightCachesAfter(exchanges).cache, [exchanges]);
}
