import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState, type ReactNode } from 'react';
import {
  ExchangePanel,
  RESULT_HEADING_ID,
} from '../features/exchange/components/exchange-panel.tsx';
import { RequestBuilder } from '../features/request-builder/components/request-builder.tsx';
import { getConfigQueryOptions, useConfig } from '../features/server-config/api/get-config.ts';
import { ServerConfigPanel } from '../features/server-config/components/server-config-panel.tsx';
import {
  createSession,
  getSessionQueryOptions,
  useSession,
} from '../features/session/api/open-session.ts';
import { SessionNotice } from '../features/session/components/session-notice.tsx';
import { useSessionRenewal } from '../features/session/hooks/use-session-renewal.ts';
import { ChallengesPanel } from '../features/challenges/components/challenges-panel.tsx';
import { PresetsPanel } from '../features/presets/components/presets-panel.tsx';
import { ShareNotices } from '../features/share/components/share-notices.tsx';
import { deferred } from '../lib/deferred.tsx';
import { explainPageBrowser } from '../cors/explain-browser.ts';
import { pageBrowser } from '../lib/page-browser.ts';
import type { SessionInfo } from '../scenario/control-api.ts';
import type { UrlDraft } from '../scenario/request-draft.ts';
import type { PlaygroundState } from '../scenario/scenario-file.ts';
import { requestDraftOf } from '../stores/request-draft-slice.ts';
import { useStore } from '../stores/store.ts';
import { AppProvider } from './provider.tsx';

/** The place of a panel whose chunk is not in yet, about as tall as the panel. */
function Reserved({ rem }: { rem: number }) {
  return <div className="panel" aria-busy="true" style={{ minHeight: `${rem}rem` }} />;
}

// The panels below the fold, each in a chunk of its own, fetched once the page is idle: the
// first script holds what the first screen needs (src/lib/deferred.tsx).
const ExchangeDiagram = deferred(
  () =>
    import('../features/exchange-diagram/components/exchange-diagram.tsx').then(
      (module) => module.ExchangeDiagram,
    ),
  // Nothing to reserve: it shows only once there is an exchange.
  null,
);
const SecurityWarnings = deferred(
  () =>
    import('../features/security-lints/components/security-warnings.tsx').then(
      (module) => module.SecurityWarnings,
    ),
  <Reserved rem={9} />,
);
const DebugChecklist = deferred(
  () =>
    import('../features/checklist/components/debug-checklist.tsx').then(
      (module) => module.DebugChecklist,
    ),
  <Reserved rem={47} />,
);
const WithoutBrowserPanel = deferred(
  () =>
    import('../features/server-send/components/without-browser-panel.tsx').then(
      (module) => module.WithoutBrowserPanel,
    ),
  <Reserved rem={9} />,
);
const ConsolePastePanel = deferred(
  () =>
    import('../features/console-paste/components/console-paste-panel.tsx').then(
      (module) => module.ConsolePastePanel,
    ),
  <Reserved rem={12} />,
);
const OwnApiPanel = deferred(
  () =>
    import('../features/own-api/components/own-api-panel.tsx').then((module) => module.OwnApiPanel),
  <Reserved rem={24} />,
);
const SharePanel = deferred(
  () => import('../features/share/components/share-panel.tsx').then((module) => module.SharePanel),
  <Reserved rem={23} />,
);
const ExportPanel = deferred(
  () =>
    import('../features/export/components/export-panel.tsx').then((module) => module.ExportPanel),
  <Reserved rem={43} />,
);

function Playground() {
  const session = useSession();
  const queryClient = useQueryClient();
  // A lost session is renewed with the config the tab shows, changes not yet applied included.
  const configOf = useCallback(
    (sessionId: string) => queryClient.getQueryData(getConfigQueryOptions(sessionId).queryKey),
    [queryClient],
  );
  const renewal = useSessionRenewal(session.data?.id, configOf);
  // A pasted message's request, handed to "Your own API" to send to the user's server, counted:
  // each hand-over starts the form afresh, even one with the same URL.
  const [ownRequest, setOwnRequest] = useState<HandOver | undefined>(undefined);
  const handOver = useCallback(
    (request: UrlDraft) =>
      setOwnRequest((previous) => ({ request, count: (previous?.count ?? 0) + 1 })),
    [],
  );
  // A shared or imported scenario opens in a new session, with its own config, and starts a
  // new history: the old results were about another server. Nothing is sent.
  const openState = useCallback(
    async (state: PlaygroundState) => {
      const created = await createSession(state.config);
      const store = useStore.getState();
      store.loadDraft(state.request);
      store.clearHistory();
      queryClient.setQueryData(getConfigQueryOptions(created.id).queryKey, created.config);
      queryClient.setQueryData(getSessionQueryOptions().queryKey, created);
    },
    [queryClient],
  );
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
      <Keeping session={session.data} onOpen={openState} onTryUrl={handOver}>
        {/* Keyed by session: a renewed session starts the panels afresh (e.g. the log's cursor). */}
        <Workspace key={session.data.id} session={session.data} ownRequest={ownRequest} />
      </Keeping>
    </>
  );
}

/**
 * Presets, sharing and keeping the state, around the workspace: outside its key, so what they say
 * outlives the new session a shared or imported scenario opens in.
 */
function Keeping({
  session,
  onOpen,
  onTryUrl,
  children,
}: {
  session: SessionInfo;
  onOpen: (state: PlaygroundState) => Promise<void>;
  onTryUrl: (request: UrlDraft) => void;
  children: ReactNode;
}) {
  const configQuery = useConfig(session.id);
  const config = configQuery.data;
  return (
    <>
      <PresetsPanel config={config} configFailed={configQuery.isError} onOpen={onOpen} />
      <ChallengesPanel onOpen={onOpen} />
      <ShareNotices config={config} onOpen={onOpen} />
      {children}
      {/* Below the workspace, so a loaded preset's request stays on the first screen. */}
      <ConsolePastePanel session={session} onOpen={onOpen} onTryUrl={onTryUrl} />
      <SharePanel config={config} onOpen={onOpen} />
      <ExportPanel
        config={config}
        pageOrigin={window.location.origin}
        // Loading a middleware's options keeps the request Send would make: the server changes.
        onImport={(imported) =>
          onOpen({ config: imported, request: requestDraftOf(useStore.getState().draft) })
        }
      />
    </>
  );
}

/** A request handed to "Your own API", and how many have been. */
interface HandOver {
  request: UrlDraft;
  count: number;
}

/** The server panel, the request and the result of one session. */
function Workspace({
  session,
  ownRequest,
}: {
  session: SessionInfo;
  ownRequest: HandOver | undefined;
}) {
  // The prediction and each Send read the config the server panel shows (optimistic edits
  // included), from the same query.
  const configQuery = useConfig(session.id);
  const config = configQuery.data;
  return (
    <div className="layout">
      <div className="config-column">
        <ServerConfigPanel sessionId={session.id} pageOrigin={window.location.origin} />
        <SecurityWarnings config={config} />
      </div>
      <div className="main-column">
        <RequestBuilder session={session} config={config} />
        <ExchangePanel session={session} config={config} configLoading={configQuery.isPending} />
        <ExchangeDiagram />
        <DebugChecklist />
        <WithoutBrowserPanel session={session} />
        <OwnApiPanel
          // A request handed over from a pasted message starts the form afresh.
          key={ownRequest?.count ?? 0}
          session={session}
          initial={ownRequest?.request}
        />
      </div>
    </div>
  );
}

/** Which browser the page runs in, and so whose behaviour the explanations follow. */
function PageBrowserLine() {
  const { name, profile, modelled } = pageBrowser();
  return (
    <p className="hint" aria-label="Browser">
      {explainPageBrowser(name, profile, modelled)}
    </p>
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
        <PageBrowserLine />
      </header>
      <main>
        <Playground />
      </main>
    </AppProvider>
  );
}
