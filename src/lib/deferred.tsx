import { useEffect, useSyncExternalStore, type ComponentType, type ReactNode } from 'react';
import { chunkLoader, whenIdle } from './chunk-loader.ts';

/**
 * A component from a chunk of its own, kept out of the script the page starts with (for panels
 * below the fold). The chunk is fetched when the browser is first idle, or when the component
 * first renders if that is sooner; until it is in, `fallback` holds the panel's place. Once in,
 * it renders at once on every mount, where React.lazy would still suspend on its first render
 * and commit the fallback for a frame.
 */
export function deferred<P extends object>(
  load: () => Promise<ComponentType<P>>,
  fallback: ReactNode,
): (props: P) => ReactNode {
  const chunk = chunkLoader(load);
  whenIdle(chunk.start);
  return function Deferred(props: P) {
    const state = useSyncExternalStore(chunk.subscribe, chunk.get);
    useEffect(() => chunk.start(), []);
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
