import { useId, useState } from 'react';
import { deferred } from '../../../lib/deferred.tsx';
import { useStore } from '../../../stores/store.ts';
import { useConfig } from '../api/get-config.ts';
import { ConfigEditorContext, useConfigEditorState } from '../hooks/config-editor.ts';
import { CORS_FIELDS } from '../lib/config-edit.ts';
import { AllowOriginControl } from './allow-origin-control.tsx';
import { ConfigSection } from './config-section.tsx';
import { CorsFieldControl } from './cors-field-control.tsx';
import { HeadersSummary } from './headers-summary.tsx';

// The sections that start closed take their fields from a chunk of their own, fetched once the
// page is idle (src/lib/deferred.tsx): a closed <details> shows nothing, so nothing moves.
const loading = (
  <p role="status" aria-busy="true">
    Loading these settings…
  </p>
);
const closedSections = () => import('./closed-sections.tsx');
const PreflightFields = deferred(() => closedSections().then((m) => m.PreflightFields), loading);
const ActualFields = deferred(() => closedSections().then((m) => m.ActualFields), loading);
const RawFields = deferred(() => closedSections().then((m) => m.RawFields), loading);

function CorsHeadersFields() {
  return (
    <>
      <p className="sp-hint">
        For the preflight and the actual response alike; a header not sent is left out. Methods,
        headers and Max-Age go on the preflight, Expose-Headers on the actual response.
      </p>
      <AllowOriginControl />
      {CORS_FIELDS.shared
        .filter((field) => field !== 'allowOrigin')
        .map((field) => (
          <CorsFieldControl key={field} scope="shared" field={field} />
        ))}
    </>
  );
}

/** The target's CORS settings for this session; every change applies at once. */
export function ServerConfigPanel({
  sessionId,
  pageOrigin,
}: {
  sessionId: string;
  pageOrigin: string;
}) {
  const headingId = useId();
  const config = useConfig(sessionId);
  const { editor, refusal, reset } = useConfigEditorState(sessionId, pageOrigin, config.data);
  // A reset also clears what was typed but not applied: the controls start afresh.
  const [generation, setGeneration] = useState(0);
  const startFreshCache = useStore((state) => state.startFreshCache);

  return (
    <section aria-labelledby={headingId} className="panel sp-panel">
      <div className="sp-title-bar">
        <h2 id={headingId}>Server</h2>
        <button
          type="button"
          className="sp-button"
          disabled={editor === undefined}
          onClick={() => {
            reset();
            setGeneration((count) => count + 1);
            // Nor may a preflight cached under the old config decide the next result.
            startFreshCache();
          }}
        >
          Reset server
        </button>
      </div>
      <p className="hint">What the target answers. Changes apply immediately, to this tab only.</p>
      {refusal !== undefined && (
        <p role="alert" className="error">
          The server refused the change to {refusal.what}: {refusal.message} The panel shows its
          config as it was.
        </p>
      )}
      {config.isPending && <p role="status">Loading the server config…</p>}
      {config.isError && (
        <p role="alert" className="error">
          Could not load the server config: {config.error.message}
        </p>
      )}
      {editor !== undefined && (
        <ConfigEditorContext value={editor}>
          <div key={generation} className="sp-sections">
            <ConfigSection title="CORS headers" defaultOpen>
              <CorsHeadersFields />
            </ConfigSection>
            <ConfigSection title="Preflight (OPTIONS)">
              <PreflightFields />
            </ConfigSection>
            <ConfigSection title="Actual response">
              <ActualFields />
            </ConfigSection>
            <ConfigSection title="Advanced: raw responses">
              <RawFields />
            </ConfigSection>
          </div>
          <HeadersSummary />
        </ConfigEditorContext>
      )}
    </section>
  );
}
