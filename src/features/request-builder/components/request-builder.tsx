import { useId } from 'react';
import type { SessionInfo } from '../../../scenario/control-api.ts';
import type { ServerConfig } from '../../../scenario/server-config.ts';
import { useStore } from '../../../stores/store.ts';
import { BodyField } from './body-field.tsx';
import { CodePreview } from './code-preview.tsx';
import { FetchOptions } from './fetch-options.tsx';
import { HeaderRowsEditor } from './header-rows-editor.tsx';
import { MethodField, PathField } from './method-path-fields.tsx';
import { PredictionView } from './prediction-view.tsx';
import { TargetField } from './target-field.tsx';

/**
 * The request to send: target, method, path, headers, body and fetch() options, kept in
 * the tab's draft, with the model's live prediction and the code Send will run.
 */
export function RequestBuilder({
  session,
  config,
}: {
  session: SessionInfo;
  /** The server's config, for the prediction; undefined while it loads. */
  config: ServerConfig | undefined;
}) {
  const headingId = useId();
  const resetDraft = useStore((state) => state.resetDraft);
  const pageOrigin = window.location.origin;

  return (
    <section aria-labelledby={headingId} className="panel rb-builder">
      <div className="rb-title">
        <h2 id={headingId}>Request</h2>
        <button type="button" className="rb-button" onClick={resetDraft}>
          Reset request
        </button>
      </div>
      <div className="rb-columns">
        <div className="rb-form">
          <TargetField session={session} pageOrigin={pageOrigin} />
          <div className="rb-line">
            <MethodField />
            <PathField session={session} />
          </div>
          <HeaderRowsEditor session={session} pageOrigin={pageOrigin} />
          <BodyField />
          <FetchOptions />
        </div>
        <div className="rb-outcome">
          <CodePreview session={session} />
          <PredictionView session={session} pageOrigin={pageOrigin} config={config} />
        </div>
      </div>
    </section>
  );
}
