import { ExchangePanel } from '../features/exchange/components/exchange-panel.tsx';
import { RequestBuilder } from '../features/request-builder/components/request-builder.tsx';
import { ServerConfigPanel } from '../features/server-config/components/server-config-panel.tsx';
import { useSession } from '../features/session/api/open-session.ts';
import { AppProvider } from './provider.tsx';

function Playground() {
  const session = useSession();
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
    <div className="layout">
      <ServerConfigPanel sessionId={session.data.id} pageOrigin={window.location.origin} />
      <div className="main-column">
        <RequestBuilder session={session.data} />
        <ExchangePanel session={session.data} />
      </div>
    </div>
  );
}

export function App() {
  return (
    <AppProvider>
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
