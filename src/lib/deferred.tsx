import { useSyncExternalStore, type ComponentType, type ReactNode } from 'react';
import { loadChunk } from './chunk-loader.ts';

/**
 * A component from a chunk of its own, kept out of the script the page starts with (for panels
 * below the fold, and fields in closed sections). The chunk is fetched as soon as this runs, at
 * the app's start, beside the session's creation rather than before it; until it is in,
 * `fallback` holds the component's place. Once in, it renders at once on every mount, where
 * React.lazy would still suspend on its first render and commit the fallback for a frame.
 */
export function deferred<P extends object>(
  load: () => Promise<ComponentType<P>>,
  fallback: ReactNode,
): (props: P) => ReactNode {
  const chunk = loadChunk(load);
  return function Deferred(props: P) {
    const state = useSyncExternalStore(chunk.subscribe, chunk.get);
    if (state.status === 'loading') return fallback;
    if (state.status === 'failed') {
      return (
        <p role="alert" className="error">
          This part of the page could not be loaded ({state.error.message}). Reload the page to try
          again.
        </p>
      );
    }
    const Component = state.value;
    return <Component {...props} />;
  };
}
