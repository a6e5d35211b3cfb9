import { useSyncExternalStore, type ComponentType, type ReactNode } from 'react';
import { loadChunk } from './chunk-loader.ts';

/** Resolves when the browser is next idle, or within `timeout` ms if it never is. */
function idle(timeout = 1000): Promise<void> {
  return new Promise((resolve) => {
    // Safari has no requestIdleCallback.
    if (typeof requestIdleCallback === 'function')
      requestIdleCallback(() => resolve(), { timeout });
    else setTimeout(resolve, 0);
  });
}

/**
 * A component from a chunk of its own, kept out of the script the page starts with (for panels
 * below the fold, and fields in closed sections). The chunk is fetched when the browser is first
 * idle after the start: after the first render, which asks for the session, so that the chunks'
 * requests do not queue before it at the server. Until it is in, `fallback` holds the
 * component's place; once in, it renders at once on every mount, where React.lazy would still
 * suspend on its first render and commit the fallback for a frame.
 */
export function deferred<P extends object>(
  load: () => Promise<ComponentType<P>>,
  fallback: ReactNode,
): (props: P) => ReactNode {
  const chunk = loadChunk(() => idle().then(load));
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
