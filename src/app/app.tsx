import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import {
  ExchangePanel,
  RESULT_HEADING_ID,
} from '../features/exchange/components/exchange-panel.tsx';
import { RequestBuilder } from '../features/request-builder/components/request-builder.tsx';
import { getConfigQueryOptions, useConfig } from '../features/server-config/api/get-config.ts';
import { ServerConfigPanel } from '../features/server-config/components/server-config-panel.tsx';
import { useSession } from '../features/session/api/open-session.ts';
import { SessionNotice } from '../features/session/components/session-notice.tsx';
import { useSessionRenewal } from '../features/session/hooks/use-session-renewal.ts';
import type { SessionInfo } from '../scenario/control-api.ts';
import { AppProvider } from './provider.tsx';

function Playground() {
  const session = useSession();
  const queryClient = useQueryClient();
  // A lost session is renewed with the config the tab shows, changes not yet applied included.
  const configOf = useCallback(
    (sessionId: string) => queryClient.getQueryData(getConfigQueryOptions(sessionId).queryKey),
    [queryClient],
  );
  const renewal = useSessionRenewal(session.data?.id, configOf);
  if (session.isPending) return <p role="status">Starting a session…</p>;
  if (session.isError) {
    return (
      <p role="alert" className="error">
        Could not start a session with the playground server: {session.error.message} Is{' '}
        <code>npm start</code> still running?
      </p>
    );
  }
  return (
    <>
      <SessionNotice notice={renewal.notice} onDismiss={renewal.dismiss} />
      {/* Keyed by session: a renewed session starts the panels afresh (e.g. the log's cursor). */}
      <Workspace key={session.data.id} session={session.data} />
    </>
  );
}

/** The server panel, the request and the result of one session. */
function Workspace({ session }: { session: SessionInfo }) {
  // The prediction and each Send read the config the server panel shows (optimistic edits
  // included), from the same query.
  const config = useConfig(session.id).data;
  return (
    <div className="layout">
      <ServerConfigPanel sessionId={session.id} pageOrigin={window.location.origin} />
      <div className="main-column">
        <RequestBuilder session={session} config={config} />
        <ExchangePanel session={session} config={config} />
      </div>
    </div>
  );
}

export function App() {
  return (
    <AppProvider>
      <a className="skip-link" href={`#${RESULT_HEADING_ID}`}>
        Skip to the result
      </a>
      <header className="site-header">
        <h1>CORS Playground</h1>
        <p>
          Send a real <code>fetch()</code> to a server on another origin, change its CORS headers,
          and see what the browser did and why.
        </p>
      </header>
      <main>
        <Playground />
      </main>
    </AppProvider>
  );
}
