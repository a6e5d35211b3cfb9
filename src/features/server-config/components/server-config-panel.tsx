import { useId, useState } from 'react';
import { useStore } from '../../../stores/store.ts';
import { useConfig } from '../api/get-config.ts';
import {
  ConfigEditorContext,
  issuesAt,
  useConfigEditor,
  useConfigEditorState,
} from '../hooks/config-editor.ts';
import { CORS_FIELDS } from '../lib/config-edit.ts';
import { parseWholeNumber } from '../lib/header-text.ts';
import { AllowOriginControl } from './allow-origin-control.tsx';
import { BodyField } from './body-field.tsx';
import { ConfigSection } from './config-section.tsx';
import { CookiesEditor } from './cookies-editor.tsx';
import { CorsFieldControl } from './cors-field-control.tsx';
import { HeaderLinesField } from './header-lines-field.tsx';
import { HeadersSummary } from './headers-summary.tsx';
import { PreflightHandlingField } from './preflight-handling-field.tsx';
import { RawResponseEditor } from './raw-response-editor.tsx';
import { RedirectsEditor } from './redirects-editor.tsx';
import { ValueTextField } from './value-text-field.tsx';

const QUICK_ADDS = [
  ['ETag', '"v1"'],
  ['Link', '</items?page=2>; rel="next"'],
  ['X-RateLimit-Remaining', '59'],
] as const;

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

function PreflightFields() {
  return (
    <>
      <PreflightHandlingField />
      <h3 className="sp-subheading">CORS headers on the preflight only</h3>
      <p className="sp-hint">
        “Same as shared” takes the CORS headers section; “Not sent” leaves the header off the
        preflight alone.
      </p>
      {CORS_FIELDS.preflight.map((field) => (
        <CorsFieldControl key={field} scope="preflight" field={field} />
      ))}
      <HeaderLinesField kind="preflight" />
    </>
  );
}

function ActualFields() {
  const { config, apply } = useConfigEditor();
  return (
    <>
      <ValueTextField
        label="Status"
        value={config.actual.status}
        format={String}
        parse={(text) => parseWholeNumber(text, 200, 999, 'The status')}
        onApply={(status) =>
          issuesAt(
            apply('Status', (draft) => {
              draft.actual.status = status;
            }),
            'actual.status',
          )
        }
        inputMode="numeric"
        hint="200 to 999 (a 1xx only in a raw response). A CORS check passes on any status; only ok statuses let JavaScript think all went well."
      />
      <BodyField />
      <h3 className="sp-subheading">CORS headers on the actual response only</h3>
      {CORS_FIELDS.actual.map((field) => (
        <CorsFieldControl key={field} scope="actual" field={field} />
      ))}
      <HeaderLinesField kind="actual" quickAdds={QUICK_ADDS} />
      <CookiesEditor />
      <RedirectsEditor />
      <ValueTextField
        label="Delay (ms)"
        value={config.actual.delayMs}
        format={String}
        parse={(text) => parseWholeNumber(text, 0, 30_000, 'The delay')}
        onApply={(delayMs) =>
          issuesAt(
            apply('Delay', (draft) => {
              draft.actual.delayMs = delayMs;
            }),
            'actual.delayMs',
          )
        }
        inputMode="numeric"
        hint="Wait this long before answering (0 to 30000)."
      />
    </>
  );
}

function RawFields() {
  return (
    <>
      <p className="sp-hint">
        A raw response replaces the computed one entirely: the target writes this status line, these
        header lines exactly as typed (order, case and duplicates kept, nothing added, not even
        Content-Length) and this body. Use it for what no setting can express, such as two
        Access-Control-Allow-Origin lines.
      </p>
      <RawResponseEditor kind="preflight" />
      <RawResponseEditor kind="actual" />
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
