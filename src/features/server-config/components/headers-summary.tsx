import { useId } from 'react';
import { HeaderList } from '../../../components/header-list.tsx';
import { useConfigEditor } from '../hooks/config-editor.ts';
import { usePreviewRequest } from '../hooks/use-preview-request.ts';
import { statusLine } from '../lib/http-status.ts';
import { placeholdersIn } from '../../../scenario/config-placeholders.ts';
import {
  configAsWritten,
  previewActual,
  previewPreflight,
  type ResponsePreview,
} from '../lib/response-preview.ts';

function PreviewBlock({
  title,
  label,
  preview,
}: {
  title: string;
  label: string;
  preview: ResponsePreview;
}) {
  return (
    <div className={preview.raw ? 'sp-preview sp-preview-raw' : 'sp-preview'}>
      <h4 className="sp-subheading">{title}</h4>
      <HeaderList
        label={label}
        startLine={statusLine(preview.status, preview.reason)}
        headers={preview.headers}
      />
      {preview.notes.length > 0 && (
        <ul className="sp-notes">
          {preview.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The exact lines the target will write, from the config as it is now. */
export function HeadersSummary() {
  const { config: withPlaceholders, pageOrigin } = useConfigEditor();
  const request = usePreviewRequest();
  const headingId = useId();
  const config = configAsWritten(withPlaceholders, pageOrigin);
  return (
    <section aria-labelledby={headingId} className="sp-summary">
      <h3 id={headingId} className="sp-summary-title">
        Headers the target will send
      </h3>
      <p className="sp-hint">
        To a request from <code>{request.origin}</code>
        {request.requestHeaders !== undefined && (
          <>
            {' '}
            whose preflight asks for <code>{request.requestHeaders}</code>
          </>
        )}
        .
        {placeholdersIn(withPlaceholders).has('{{target}}') && (
          <>
            {' '}
            <code>{'{{target}}'}</code> is written as the origin each request is sent to.
          </>
        )}
      </p>
      <PreviewBlock
        title="Preflight (OPTIONS)"
        label="Preflight response lines"
        preview={previewPreflight(config, request)}
      />
      <PreviewBlock
        title="Actual response"
        label="Actual response lines"
        preview={previewActual(config, request)}
      />
    </section>
  );
}
